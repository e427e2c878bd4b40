/**
 * Anonymous youth feedback. Two forms:
 * - the check-out after a meeting (about 30 seconds): did you feel safe, was
 *   it useful, how do you feel now (five faces), an optional comment;
 * - the end-of-programme form: what helped, what should change, would you
 *   recommend the group.
 *
 * Anonymity is by construction: the schema has no participant field at all,
 * only the meeting (and its cohort). Every answer is optional — a young person
 * may skip any question. No time of day is kept beside the date, so the order
 * in which people answered cannot be read from the record itself. (The
 * storage layer's own `updatedAt` still orders rows; that is a known limit.)
 */
import { z } from 'zod/mini';

export const threeWay = ['yes', 'partly', 'no'] as const;
export type ThreeWay = (typeof threeWay)[number];
export const recommendAnswers = ['yes', 'maybe', 'no'] as const;
export const FEEDBACK_COMMENT_MAX = 500;
export const FEEDBACK_TEXT_MAX = 2000;

const text = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));

export const checkoutFeedbackSchema = z.object({
  id: z.uuid(),
  kind: z.literal('checkout'),
  meetingId: z.uuid(),
  cohortId: z.uuid(),
  /** The meeting's date: no time of day. */
  date: z.iso.date(),
  safe: z.optional(z.enum(threeWay)),
  useful: z.optional(z.enum(threeWay)),
  /** 1 = very sad face … 5 = very happy face. */
  feeling: z.optional(z.int().check(z.minimum(1), z.maximum(5))),
  comment: text(FEEDBACK_COMMENT_MAX),
});
export type CheckoutFeedback = z.infer<typeof checkoutFeedbackSchema>;

export const finalFeedbackSchema = z.object({
  id: z.uuid(),
  kind: z.literal('final'),
  meetingId: z.uuid(),
  cohortId: z.uuid(),
  date: z.iso.date(),
  helped: text(FEEDBACK_TEXT_MAX),
  change: text(FEEDBACK_TEXT_MAX),
  recommend: z.optional(z.enum(recommendAnswers)),
});
export type FinalFeedback = z.infer<typeof finalFeedbackSchema>;

export const feedbackSchema = z.discriminatedUnion('kind', [
  checkoutFeedbackSchema,
  finalFeedbackSchema,
]);
export type Feedback = z.infer<typeof feedbackSchema>;

/** True when nothing was answered: such a form is not stored. */
export function isEmptyFeedback(f: Feedback): boolean {
  if (f.kind === 'checkout')
    return !f.safe && !f.useful && f.feeling === undefined && !f.comment?.trim();
  return !f.helped?.trim() && !f.change?.trim() && !f.recommend;
}

export interface CheckoutSummary {
  meetingId: string;
  answers: number;
  safe: Record<ThreeWay, number>;
  useful: Record<ThreeWay, number>;
  /** Average of the five-face answers (1–5), one decimal. */
  feelingAverage: number | undefined;
  comments: string[];
}

const zero = (): Record<ThreeWay, number> => ({ yes: 0, partly: 0, no: 0 });

/** Check-outs per meeting, in the order of the meeting ids given. */
export function summariseCheckouts(
  meetingIds: readonly string[],
  feedback: readonly Feedback[],
): CheckoutSummary[] {
  const byMeeting = new Map<string, CheckoutSummary & { feelings: number[] }>();
  for (const id of meetingIds)
    byMeeting.set(id, {
      meetingId: id,
      answers: 0,
      safe: zero(),
      useful: zero(),
      feelingAverage: undefined,
      comments: [],
      feelings: [],
    });
  for (const f of feedback) {
    if (f.kind !== 'checkout') continue;
    const s = byMeeting.get(f.meetingId);
    if (!s) continue;
    s.answers++;
    if (f.safe) s.safe[f.safe]++;
    if (f.useful) s.useful[f.useful]++;
    if (f.feeling !== undefined) s.feelings.push(f.feeling);
    if (f.comment?.trim()) s.comments.push(f.comment.trim());
  }
  return meetingIds.map((id) => {
    const { feelings, ...s } = byMeeting.get(id)!;
    return {
      ...s,
      feelingAverage: feelings.length
        ? Math.round((feelings.reduce((a, b) => a + b, 0) / feelings.length) * 10) / 10
        : undefined,
    };
  });
}

export interface FinalSummary {
  answers: number;
  recommend: Record<(typeof recommendAnswers)[number], number>;
  helped: string[];
  change: string[];
}

export function summariseFinal(feedback: readonly Feedback[]): FinalSummary {
  const out: FinalSummary = {
    answers: 0,
    recommend: { yes: 0, maybe: 0, no: 0 },
    helped: [],
    change: [],
  };
  for (const f of feedback) {
    if (f.kind !== 'final') continue;
    out.answers++;
    if (f.recommend) out.recommend[f.recommend]++;
    if (f.helped?.trim()) out.helped.push(f.helped.trim());
    if (f.change?.trim()) out.change.push(f.change.trim());
  }
  return out;
}

/**
 * The anonymous safety signal of one meeting: how many check-outs answered
 * "No" to "Did you feel safe here today?". A count only — the forms carry no
 * person, so nobody can be told who.
 */
export function feltUnsafeCount(feedback: readonly Feedback[], meetingId: string): number {
  return feedback.filter(
    (f) => f.kind === 'checkout' && f.meetingId === meetingId && f.safe === 'no',
  ).length;
}
