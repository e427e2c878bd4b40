/**
 * The safety screening: conversations, safety answers, needs, group fit and
 * the outcome. Coordinators' data: it lives only in the `screenings` table
 * (and, half-finished, in `drafts`), never copied to participants or
 * enrolments.
 */
import { z } from 'zod/mini';
import { addDays } from './calendar-date';
import {
  MISSING_EPISODES_QUESTION,
  answerValues,
  isAsked,
  riskLevels,
  riskOf,
  safetyQuestionSchema,
  signalOf,
  type AnswerValue,
  type RiskLevel,
  type SafetyQuestion,
} from './screening-template';

export const outcomes = ['group', 'individual-support', 'review', 'not-now'] as const;
export type Outcome = (typeof outcomes)[number];
export const needAreas = ['safety', 'health', 'legal', 'welfare', 'education'] as const;
export type NeedArea = (typeof needAreas)[number];
export const conversationWith = [
  'social-worker',
  'guardian',
  'professional',
  'young-person',
] as const;
export const compositionPreferences = ['any', 'girls', 'boys', 'mixed'] as const;

/** How long a group screening stays current unless the organisation says otherwise. */
export const DEFAULT_SCREENING_VALIDITY_DAYS = 90;

const isoDate = z.iso.date();
const longText = z.string().check(z.trim(), z.maxLength(4000));
const required = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const conversationSchema = z.object({
  with: z.enum(conversationWith),
  date: isoDate,
  who: z.string().check(z.trim(), z.maxLength(120)),
  summary: required(4000),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const answerSchema = z.object({ answer: z.enum(answerValues), note: longText });

export const screeningSchema = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  template: z.object({ id: z.string(), version: z.int(), language: z.string() }),
  /** The questions as asked, so an answer keeps its meaning if the template changes. */
  questions: z.array(safetyQuestionSchema),
  answers: z.record(z.string(), answerSchema),
  conversations: z.array(conversationSchema),
  needs: z.record(z.enum(needAreas), z.object({ need: longText, helpedBy: longText })),
  groupFit: z.object({
    language: z.string().check(z.maxLength(20)),
    composition: z.enum(compositionPreferences),
    accessNeeds: longText,
    times: longText,
  }),
  proposedOutcome: z.enum(outcomes),
  outcome: z.enum(outcomes),
  rationale: required(4000),
  /** Present when the outcome differs from the proposal towards `group`. */
  overrideReason: z.optional(required(4000)),
  /**
   * Who does what next, by when. Version 1 screenings wrote `who` as free text;
   * since version 2 the owner is a staff member and the step is a follow-up.
   */
  nextStep: z.optional(
    z.object({ who: z.optional(required(200)), ownerId: z.optional(z.uuid()), by: isoDate }),
  ),
  /** The young person's age when screened, if known (decides the parents' consent question). */
  age: z.optional(z.int()),
  rescreenOn: z.optional(isoDate),
  /** The day the screening was completed (Riga calendar date). */
  completedOn: isoDate,
  completedBy: z.uuid(),
  createdAt: z.iso.datetime(),
});
export type Screening = z.infer<typeof screeningSchema>;

/* ---- The outcome the answers propose ---- */

export function highestRisk(
  questions: readonly SafetyQuestion[],
  answers: Readonly<Record<string, { answer: AnswerValue } | undefined>>,
): RiskLevel | undefined {
  let highest = -1;
  for (const q of questions) {
    const a = answers[q.id];
    if (a) highest = Math.max(highest, riskLevels.indexOf(riskOf(q, a.answer)));
  }
  return highest < 0 ? undefined : riskLevels[highest];
}

/** The rule that decided a proposal, shown to the coordinator beside it. */
export type ProposalRule = 'red' | 'not-now' | 'amber' | 'clear';

export interface Proposal {
  outcome: Outcome;
  rule: ProposalRule;
  /** The questions whose answers decided it, in template order. */
  because: string[];
}

type Answers = Readonly<Record<string, { answer: AnswerValue } | undefined>>;

/** The questions asked of this young person (the parents' consent only under 18). */
export function askedQuestions(
  questions: readonly SafetyQuestion[],
  age: number | undefined,
): SafetyQuestion[] {
  return questions.filter((q) => isAsked(q, age));
}

/**
 * The outcome the answers propose, and why. One rule, used by the form and
 * checked again when the screening is saved:
 * 1. any red answer → individual support (nobody is left without help);
 * 2. else the young person does not want, or agree to, a group now → not now;
 * 3. else any amber answer → review (for example, wait for the social worker);
 * 4. else → group.
 * A `need` answer (housing) is recorded with a next step and never counts
 * against the group. Undefined until every asked question is answered.
 */
export function proposeScreening(
  questions: readonly SafetyQuestion[],
  answers: Answers,
  age?: number,
): Proposal | undefined {
  const asked = askedQuestions(questions, age);
  if (asked.some((q) => !answers[q.id])) return undefined;
  const where = (test: (q: SafetyQuestion, a: AnswerValue) => boolean) =>
    asked.filter((q) => test(q, answers[q.id]!.answer)).map((q) => q.id);
  const red = where((q, a) => riskOf(q, a) === 'red');
  if (red.length > 0) return { outcome: 'individual-support', rule: 'red', because: red };
  const notNow = where((q, a) => signalOf(q, a) === 'not-now');
  if (notNow.length > 0) return { outcome: 'not-now', rule: 'not-now', because: notNow };
  const amber = where((q, a) => riskOf(q, a) === 'amber');
  if (amber.length > 0) return { outcome: 'review', rule: 'amber', because: amber };
  return { outcome: 'group', rule: 'clear', because: [] };
}

export function proposeOutcome(
  questions: readonly SafetyQuestion[],
  answers: Answers,
  age?: number,
): Outcome | undefined {
  return proposeScreening(questions, answers, age)?.outcome;
}

/** Answers that call for a same-day safety response (self-harm or suicidal thoughts now). */
export function needsSameDayResponse(questions: readonly SafetyQuestion[], answers: Answers) {
  return questions.some((q) => {
    const a = answers[q.id];
    return a !== undefined && signalOf(q, a.answer) === 'same-day';
  });
}

/** Questions whose answer records a need (housing) that needs a next step. */
export function recordedNeeds(
  questions: readonly SafetyQuestion[],
  answers: Answers,
): SafetyQuestion[] {
  return questions.filter((q) => {
    const a = answers[q.id];
    return a !== undefined && signalOf(q, a.answer) === 'need';
  });
}

/** Does this outcome, with these answers, call for a tracked next step? */
export function needsNextStep(
  outcome: Outcome | '' | undefined,
  questions: readonly SafetyQuestion[],
  answers: Answers,
): boolean {
  if (outcome && outcome !== 'group') return true;
  return recordedNeeds(questions, answers).length > 0;
}

/** Choosing a group when the answers propose otherwise is an override and needs a reason. */
export function isOverride(proposed: Outcome | undefined, chosen: Outcome | undefined): boolean {
  return proposed !== undefined && chosen === 'group' && proposed !== 'group';
}

/* ---- Being current ---- */

/** The last day a screening counts as current (inclusive). */
export function screeningValidUntil(
  screening: Pick<Screening, 'completedOn'>,
  validityDays: number,
): string {
  return addDays(screening.completedOn, validityDays);
}

export function isScreeningCurrent(
  screening: Pick<Screening, 'completedOn'>,
  today: string,
  validityDays: number = DEFAULT_SCREENING_VALIDITY_DAYS,
): boolean {
  return screening.completedOn <= today && today <= screeningValidUntil(screening, validityDays);
}

/** Newest first: by the day completed, then by when it was written (two on one day). */
export function newestScreeningFirst(
  a: Pick<Screening, 'completedOn' | 'createdAt'>,
  b: Pick<Screening, 'completedOn' | 'createdAt'>,
): number {
  return b.completedOn.localeCompare(a.completedOn) || b.createdAt.localeCompare(a.createdAt);
}

/** The screening that counts now (the journey page lists them in the same order). */
export function latestScreening<T extends Pick<Screening, 'completedOn' | 'createdAt'>>(
  screenings: readonly T[],
): T | undefined {
  return [...screenings].sort(newestScreeningFirst)[0];
}

export type Clearance = 'cleared' | 'expired' | 'not-cleared' | 'not-screened';

/** Whether the latest screening clears the person for a group today. */
export function clearanceOf(
  screenings: readonly Screening[],
  today: string,
  validityDays: number = DEFAULT_SCREENING_VALIDITY_DAYS,
): Clearance {
  const latest = latestScreening(screenings);
  if (!latest) return 'not-screened';
  if (latest.outcome !== 'group') return 'not-cleared';
  return isScreeningCurrent(latest, today, validityDays) ? 'cleared' : 'expired';
}

/**
 * Re-screening is due when the latest screening has expired, its re-screen
 * date has come, or a concern about the person was raised after it.
 */
export function rescreenDue(
  screenings: readonly Screening[],
  today: string,
  validityDays: number = DEFAULT_SCREENING_VALIDITY_DAYS,
  concernsRaisedAt: readonly string[] = [],
): boolean {
  const latest = latestScreening(screenings);
  if (!latest) return false;
  if (latest.rescreenOn && latest.rescreenOn <= today) return true;
  if (concernsRaisedAt.some((at) => at > latest.createdAt)) return true;
  return !isScreeningCurrent(latest, today, validityDays);
}

/**
 * Did the young person's screening record recent missing episodes? "Unsure"
 * counts too: for meeting mode an absence is then a safety signal to follow up.
 */
export function reportsRecentMissingEpisodes(
  screening: Pick<Screening, 'answers'> | undefined,
): boolean {
  const answer = screening?.answers[MISSING_EPISODES_QUESTION]?.answer;
  return answer === 'yes' || answer === 'unsure';
}

export function emptyNeeds(): Screening['needs'] {
  return Object.fromEntries(
    needAreas.map((a) => [a, { need: '', helpedBy: '' }]),
  ) as Screening['needs'];
}
