/**
 * A screening template: the safety questions a coordinator asks before a
 * young person joins a group, each with the risk level every answer carries.
 * The organisation adapts a template by copying it with a new version; a
 * version that a screening has used is never edited.
 */
import { z } from 'zod/mini';

export const riskLevels = ['green', 'amber', 'red'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const answerValues = ['yes', 'no', 'unsure'] as const;
export type AnswerValue = (typeof answerValues)[number];

/** Question ids the app itself relies on (meeting mode reads `missing-episodes`). */
export const MISSING_EPISODES_QUESTION = 'missing-episodes';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const riskLevel = z.enum(riskLevels);

export const safetyQuestionSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{1,60}$/)),
  text: text(300),
  help: z.optional(z.string().check(z.maxLength(600))),
  risk: z.object({ yes: riskLevel, no: riskLevel, unsure: riskLevel }),
});
export type SafetyQuestion = z.infer<typeof safetyQuestionSchema>;

/** The shipped template's content (JSON under features/screening/templates). */
export const screeningTemplateContentSchema = z
  .object({
    id: text(60),
    version: z.int().check(z.minimum(1)),
    language: z.enum(['lv', 'en', 'ru', 'uk']),
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

/** The newest of the organisation's copies in a language, else the shipped one. */
export function currentTemplate(
  shipped: ScreeningTemplateContent,
  copies: readonly ScreeningTemplate[],
): ScreeningTemplateContent {
  const own = copies
    .filter((c) => c.language === shipped.language)
    .sort((a, b) => b.version - a.version || b.createdAt.localeCompare(a.createdAt))[0];
  return own ?? shipped;
}
