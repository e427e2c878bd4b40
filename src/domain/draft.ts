/**
 * A half-finished form kept sealed on the device so a lock or reload loses
 * nothing: a screening (`screening:<keyed token>`), or a concern a staff
 * member has not sent yet (`personal:<keyed token>`, readable
 * only by its author). Every id is built by crypto/record-ids.ts, never typed
 * by hand: its prefix decides which key seals the draft (crypto/key-classes.ts).
 * The value is the form's own state; whoever reads it back checks it against
 * that form's schema and starts afresh if it does not fit.
 */
import { z } from 'zod/mini';

export const draftSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  value: z.unknown(),
  savedAt: z.iso.datetime(),
});
export type Draft = z.infer<typeof draftSchema>;
