/**
 * A safeguarding concern raised in a meeting (Latvian: bažas). It is the
 * coordinators' data: what was seen or said (verbatim where possible) and
 * what was done at once. Raising one also opens a follow-up for the
 * coordinators (see follow-up.ts).
 */
import { z } from 'zod/mini';

export const concernTypes = ['disclosure', 'recruitment', 'missing', 'distress', 'other'] as const;
export type ConcernType = (typeof concernTypes)[number];

export const CONCERN_TEXT_MAX = 10_000;

export const concernSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  cohortId: z.uuid(),
  type: z.enum(concernTypes),
  /** Who it is about; absent when it is about nobody in particular. */
  participantId: z.optional(z.uuid()),
  seenOrSaid: z.string().check(z.trim(), z.minLength(1), z.maxLength(CONCERN_TEXT_MAX)),
  actionTaken: z.string().check(z.trim(), z.maxLength(CONCERN_TEXT_MAX)),
  /** Which steps of the type's checklist were ticked (indexes into the checklist shown). */
  stepsDone: z.array(z.int().check(z.minimum(0))),
  raisedBy: z.uuid(),
  raisedAt: z.iso.datetime(),
});
export type Concern = z.infer<typeof concernSchema>;

export type ConcernInput = Pick<Concern, 'type' | 'seenOrSaid' | 'actionTaken'> & {
  participantId?: string | undefined;
};

export type ConcernErrors = Partial<Record<'type' | 'seenOrSaid', 'required'>>;

export function validateConcern(input: Partial<ConcernInput>): ConcernErrors {
  const errors: ConcernErrors = {};
  if (!input.type) errors.type = 'required';
  if (!input.seenOrSaid?.trim()) errors.seenOrSaid = 'required';
  return errors;
}

/** Steps of a checklist written one per line; blank lines dropped. */
export function checklistSteps(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
