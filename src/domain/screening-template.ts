/**
 * A screening template: the safety questions a coordinator asks before a
 * young person joins a group, each with the risk level every answer carries.
 * The organisation adapts a template by copying it with a new version; a
 * version that a screening has used is never edited.
 */
import { z } from 'zod/mini';
import { uiLanguages } from '../i18n/languages';

export const riskLevels = ['green', 'amber', 'red'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const answerValues = ['yes', 'no', 'unsure'] as const;
export type AnswerValue = (typeof answerValues)[number];

/** Question ids the app itself relies on (meeting mode reads `missing-episodes`). */
export const MISSING_EPISODES_QUESTION = 'missing-episodes';

/**
 * What an answer does besides its risk level (template version 2):
 * - `same-day`: a same-day safety response is shown at once (self-harm now);
 * - `not-now`: the young person does not want, or does not agree to, a group now;
 * - `need`: a need to record with a next step, never a reason to keep them
 *   out of a group (housing).
 */
export const answerSignals = ['same-day', 'not-now', 'need'] as const;
export type AnswerSignal = (typeof answerSignals)[number];
/** Questions asked only of some young people (the parents' consent: under 18). */
export const askWhenValues = ['under-18'] as const;
export type AskWhen = (typeof askWhenValues)[number];

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const riskLevel = z.enum(riskLevels);

export const safetyQuestionSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{1,60}$/)),
  text: text(300),
  help: z.optional(z.string().check(z.maxLength(600))),
  risk: z.object({ yes: riskLevel, no: riskLevel, unsure: riskLevel }),
  signals: z.optional(
    z.object({
      yes: z.optional(z.enum(answerSignals)),
      no: z.optional(z.enum(answerSignals)),
      unsure: z.optional(z.enum(answerSignals)),
    }),
  ),
  /** The need area an answer with the `need` signal is recorded under. */
  needArea: z.optional(z.enum(['safety', 'health', 'legal', 'welfare', 'education'])),
  askWhen: z.optional(z.enum(askWhenValues)),
});
export type SafetyQuestion = z.infer<typeof safetyQuestionSchema>;

/** The shipped template's content (JSON under features/screening/templates). */
export const screeningTemplateContentSchema = z
  .object({
    id: text(60),
    version: z.int().check(z.minimum(1)),
    language: z.enum(uiLanguages),
    title: text(120),
    questions: z.array(safetyQuestionSchema).check(z.minLength(1), z.maxLength(40)),
  })
  .check(
    z.refine((t) => new Set(t.questions.map((q) => q.id)).size === t.questions.length, {
      message: 'question ids must be unique',
    }),
  );
export type ScreeningTemplateContent = z.infer<typeof screeningTemplateContentSchema>;

/** An organisation's copy, stored in `screeningTemplates`. */
export const screeningTemplateSchema = z.extend(screeningTemplateContentSchema, {
  /** `<shipped id>@<version>` or the id of the copy it came from. */
  basedOn: z.string(),
  createdAt: z.iso.datetime(),
});
export type ScreeningTemplate = z.infer<typeof screeningTemplateSchema>;

export function signalOf(
  question: Pick<SafetyQuestion, 'signals'>,
  answer: AnswerValue,
): AnswerSignal | undefined {
  return question.signals?.[answer];
}

/** Is the question asked of this young person? Unknown age: asked. */
export function isAsked(
  question: Pick<SafetyQuestion, 'askWhen'>,
  age: number | undefined,
): boolean {
  if (question.askWhen === 'under-18') return age === undefined || age < 18;
  return true;
}

export function riskOf(question: Pick<SafetyQuestion, 'risk'>, answer: AnswerValue): RiskLevel {
  return question.risk[answer];
}

/** Has a screening used this exact template version? Then it must never change. */
export function isTemplateInUse(
  template: Pick<ScreeningTemplateContent, 'id' | 'version'>,
  used: readonly { id: string; version: number }[],
): boolean {
  return used.some((u) => u.id === template.id && u.version === template.version);
}

/**
 * Adapts a template: always a copy with a new id and the next version, so
 * screenings made with the old version keep their meaning.
 */
export function adaptTemplate(
  base: ScreeningTemplateContent,
  changes: Pick<ScreeningTemplateContent, 'title' | 'questions'>,
  existingVersions: readonly number[],
  now: Date = new Date(),
): ScreeningTemplate {
  const version = Math.max(base.version, ...existingVersions) + 1;
  return screeningTemplateSchema.parse({
    ...base,
    ...changes,
    id: crypto.randomUUID(),
    version,
    basedOn: `${base.id}@${base.version}`,
    createdAt: now.toISOString(),
  });
}

/** The shipped `<id>@<version>` a copy (or a copy of a copy) was made from. */
function shippedRootOf(copy: ScreeningTemplate, copies: readonly ScreeningTemplate[]): string {
  let basedOn = copy.basedOn;
  for (let hops = 0; hops < copies.length; hops++) {
    const parentId = basedOn.slice(0, basedOn.lastIndexOf('@'));
    const parent = copies.find((c) => c.id === parentId);
    if (!parent) break;
    basedOn = parent.basedOn;
  }
  return basedOn;
}

/**
 * The newest of the organisation's copies of the shipped version in a
 * language, else the shipped one. A copy adapted from an older shipped
 * version (say, version 1) gives way when a new version ships: screenings
 * made with it keep their own questions.
 */
export function currentTemplate(
  shipped: ScreeningTemplateContent,
  copies: readonly ScreeningTemplate[],
): ScreeningTemplateContent {
  const root = `${shipped.id}@${shipped.version}`;
  const own = copies
    .filter((c) => c.language === shipped.language && shippedRootOf(c, copies) === root)
    .sort((a, b) => b.version - a.version || b.createdAt.localeCompare(a.createdAt))[0];
  return own ?? shipped;
}
