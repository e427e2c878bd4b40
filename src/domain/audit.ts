/**
 * The audit log: who did what, when, to which record. It holds ids and
 * action names only — never the content of an answer, a note or a reason —
 * so it can be shown to coordinators and kept after an erasure.
 */
import { z } from 'zod/mini';

export const auditActions = [
  'referral-created',
  'screening-created',
  'screening-outcome-set',
  'screening-outcome-overridden',
  'enrolled',
  'enrolment-override',
  'waitlisted',
  'place-offered',
  'screening-template-adapted',
  'screening-settings-changed',
  'withdrawn',
  'transferred',
  'concern-raised',
  'follow-up-reassigned',
  'follow-up-closed',
  'note-changed-after-lock',
  'participant-erased',
  'plan-removed',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEntrySchema = z.object({
  id: z.uuid(),
  /** ISO date-time of the action. */
  at: z.iso.datetime(),
  /** The signed-in staff member who did it. */
  actorId: z.uuid(),
  action: z.enum(auditActions),
  /** The record acted on: table name and id (no content). */
  subject: z.object({ table: z.string(), id: z.string() }),
  /** Further ids involved (a cohort, a participant). Ids only. */
  related: z.optional(z.record(z.string(), z.string())),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * A line as sealed: the entry and its nonce. A facilitator's line is a box
 * that the first coordinator to open it re-seals (db/box-ledger.ts); the
 * nonce must survive that, or the line's digest would no longer match.
 * (Here, not in db/audit-log.ts, so zod stays out of the first screen's code.)
 */
export const sealedAuditEntrySchema = z.extend(auditEntrySchema, {
  nonce: z.optional(z.string()),
});

export function auditEntry(
  fields: Omit<AuditEntry, 'id' | 'at'>,
  now: Date = new Date(),
): AuditEntry {
  return { ...fields, id: crypto.randomUUID(), at: now.toISOString() };
}
