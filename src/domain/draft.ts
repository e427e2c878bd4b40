/**
 * A half-finished form (a screening, meeting notes) kept sealed on the device
 * so a lock or reload loses nothing. The id names the form, e.g.
 * `screening:<participantId>` or `meeting-notes:<meetingId>`; the value is
 * the form's own state, validated by the form when it is read back.
 */
import { z } from 'zod/mini';

export const draftSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  value: z.unknown(),
  savedAt: z.iso.datetime(),
});
export type Draft = z.infer<typeof draftSchema>;
