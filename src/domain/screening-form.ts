/**
 * The screening form: what a coordinator fills in (kept half-finished in
 * `drafts`), and every problem that stops it being completed. The record it
 * becomes is built by `completeScreening` (./screening-complete.ts).
 */
import { z } from 'zod/mini';
import {
  answerSchema,
  askedQuestions,
  compositionPreferences,
  conversationWith,
  emptyNeeds,
  isOverride,
  needAreas,
  needsNextStep,
  outcomes,
  proposeOutcome,
  recordedNeeds,
  type NeedArea,
  type Outcome,
} from './screening';
import type { AnswerValue, SafetyQuestion } from './screening-template';

const isoDate = z.iso.date();
/* ---- Validating the form ---- */

export interface ScreeningForm {
  answers: Record<string, { answer: AnswerValue; note: string } | undefined>;
  conversations: { with: string; date: string; who: string; summary: string }[];
  outcome: Outcome | '';
  rationale: string;
  overrideReason: string;
  /** The staff member who owns the next step (a follow-up). */
  nextStepOwnerId: string;
  nextStepBy: string;
  rescreenOn: string;
  /** The young person's age, if known: the parents' consent is asked under 18. */
  age?: number | undefined;
  /** What is written under each need area (a housing need must be written down). */
  needs?: Partial<Record<NeedArea, { need: string }>>;
  /** For individual support: the pathway agreed. */
  pathway?: PathwayForm;
}

export interface PathwayForm {
  keyWorkerId: string;
  agreedSupport: string;
  reviewOn: string;
  groupScreeningFrom: string;
}

export type ScreeningProblem =
  | 'unanswered'
  | 'no-conversation'
  | 'conversation-incomplete'
  | 'conversation-in-future'
  | 'group-needs-both-conversations'
  | 'no-outcome'
  | 'no-rationale'
  | 'no-override-reason'
  | 'no-next-step-owner'
  | 'no-next-step-by'
  | 'need-not-written'
  | 'no-key-worker'
  | 'no-agreed-support'
  | 'no-review-date'
  | 'review-in-past'
  | 'no-group-screening-date'
  | 'group-screening-before-review'
  | 'next-step-in-past'
  | 'no-rescreen-date'
  | 'rescreen-in-past';

export type ScreeningField =
  | 'answers'
  | 'conversations'
  | 'outcome'
  | 'rationale'
  | 'overrideReason'
  | 'nextStepOwner'
  | 'nextStepBy'
  | 'rescreenOn'
  | 'needs'
  | 'keyWorker'
  | 'agreedSupport'
  | 'reviewOn'
  | 'groupScreeningFrom';

const blank = (s: string) => s.trim() === '';
/** A conversation's kind as the record keeps it (the draft holds any string). */
export const isConversationWith = (w: string): w is (typeof conversationWith)[number] =>
  (conversationWith as readonly string[]).includes(w);
const isDate = (s: string) => isoDate.safeParse(s).success;

/** Every problem that stops a screening being completed, one per field. */
export function validateScreening(
  questions: readonly SafetyQuestion[],
  form: ScreeningForm,
  today: string,
): Partial<Record<ScreeningField, ScreeningProblem>> {
  const problems: Partial<Record<ScreeningField, ScreeningProblem>> = {};
  const asked = askedQuestions(questions, form.age);
  if (asked.some((q) => !form.answers[q.id])) problems.answers = 'unanswered';
  if (form.conversations.length === 0) problems.conversations = 'no-conversation';
  else if (
    form.conversations.some(
      (c) => !isDate(c.date) || blank(c.summary) || !isConversationWith(c.with),
    )
  )
    problems.conversations = 'conversation-incomplete';
  else if (form.conversations.some((c) => c.date > today))
    problems.conversations = 'conversation-in-future';
  else if (
    form.outcome === 'group' &&
    !(
      form.conversations.some((c) => c.with === 'young-person') &&
      form.conversations.some((c) => c.with !== 'young-person')
    )
  )
    // Ties with exploiters are checked from both sides before anyone joins a group.
    problems.conversations = 'group-needs-both-conversations';
  if (!form.outcome) problems.outcome = 'no-outcome';
  if (blank(form.rationale)) problems.rationale = 'no-rationale';
  const proposed = proposeOutcome(questions, form.answers, form.age);
  if (form.outcome && isOverride(proposed, form.outcome) && blank(form.overrideReason))
    problems.overrideReason = 'no-override-reason';
  const needs = recordedNeeds(asked, form.answers);
  if (needs.some((q) => blank(form.needs?.[q.needArea ?? 'welfare']?.need ?? '')))
    problems.needs = 'need-not-written';
  if (needsNextStep(form.outcome, asked, form.answers)) {
    if (blank(form.nextStepOwnerId)) problems.nextStepOwner = 'no-next-step-owner';
    if (!isDate(form.nextStepBy)) problems.nextStepBy = 'no-next-step-by';
    else if (form.nextStepBy < today) problems.nextStepBy = 'next-step-in-past';
  }
  if (form.outcome === 'not-now') {
    if (!isDate(form.rescreenOn)) problems.rescreenOn = 'no-rescreen-date';
    else if (form.rescreenOn <= today) problems.rescreenOn = 'rescreen-in-past';
  }
  if (form.outcome === 'individual-support') {
    const p = form.pathway ?? emptyPathway();
    if (blank(p.keyWorkerId)) problems.keyWorker = 'no-key-worker';
    if (blank(p.agreedSupport)) problems.agreedSupport = 'no-agreed-support';
    if (!isDate(p.reviewOn)) problems.reviewOn = 'no-review-date';
    else if (p.reviewOn < today) problems.reviewOn = 'review-in-past';
    if (!isDate(p.groupScreeningFrom)) problems.groupScreeningFrom = 'no-group-screening-date';
    else if (isDate(p.reviewOn) && p.groupScreeningFrom < p.reviewOn)
      problems.groupScreeningFrom = 'group-screening-before-review';
  }
  return problems;
}

export function emptyPathway(): PathwayForm {
  return { keyWorkerId: '', agreedSupport: '', reviewOn: '', groupScreeningFrom: '' };
}

/** The screening form as kept in `drafts` while it is half-finished. */
export const screeningDraftSchema = z.object({
  answers: z.record(z.string(), answerSchema),
  conversations: z.array(
    z.object({ with: z.string(), date: z.string(), who: z.string(), summary: z.string() }),
  ),
  outcome: z.union([z.enum(outcomes), z.literal('')]),
  rationale: z.string(),
  overrideReason: z.string(),
  /** Version 1 drafts have `nextStepWho` (free text) instead; it is not carried over. */
  nextStepOwnerId: z.optional(z.string()),
  nextStepBy: z.string(),
  rescreenOn: z.string(),
  pathway: z.optional(
    z.object({
      keyWorkerId: z.string(),
      agreedSupport: z.string(),
      reviewOn: z.string(),
      groupScreeningFrom: z.string(),
    }),
  ),
  needs: z.record(z.enum(needAreas), z.object({ need: z.string(), helpedBy: z.string() })),
  groupFit: z.object({
    language: z.string(),
    composition: z.enum(compositionPreferences),
    accessNeeds: z.string(),
    times: z.string(),
  }),
});
export type ScreeningDraft = z.infer<typeof screeningDraftSchema>;

/** A fresh form: talks with the social worker and the young person, dated today. */
export function emptyScreeningDraft(language: string, today: string): ScreeningDraft {
  return {
    answers: {},
    conversations: [
      { with: 'social-worker', date: today, who: '', summary: '' },
      { with: 'young-person', date: today, who: '', summary: '' },
    ],
    outcome: '',
    rationale: '',
    overrideReason: '',
    nextStepOwnerId: '',
    nextStepBy: '',
    rescreenOn: '',
    needs: emptyNeeds(),
    groupFit: { language, composition: 'any', accessNeeds: '', times: '' },
  };
}
