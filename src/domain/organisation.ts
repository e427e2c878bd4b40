import { z } from 'zod/mini';
import { helplineIds } from './helplines';

export const supportContactSchema = z.object({
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  phone: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
});

/** Organisation settings: one sealed row. Its name is not secret, but sealing it costs nothing. */
export const organisationSchema = z.object({
  id: z.string(),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  /** Printed on a young person's plan, after 116 111 and 116 006. */
  supportContacts: z.array(supportContactSchema),
  /** Which default helplines (116 111, 116 006) the plan prints; absent means all of them. */
  helplines: z.optional(z.array(z.enum(helplineIds))),
  /** How many days a group screening stays current (default 90, see domain/screening.ts). */
  screeningValidityDays: z.optional(z.int().check(z.minimum(7), z.maximum(365))),
  /** Meeting mode: the calm checklist per concern type, one step per line (absent: the shipped default). */
  concernChecklists: z.optional(z.record(z.string(), z.string().check(z.maxLength(4_000)))),
  /** Absences in a row without a reason that open a follow-up (default 2, see domain/absence-rules.ts). */
  absenceThreshold: z.optional(z.int().check(z.minimum(2), z.maximum(6))),
  /** Months after a finished group's last meeting when its records are offered for deletion (default 12). */
  retentionMonths: z.optional(z.int().check(z.minimum(1), z.maximum(120))),
  /**
   * Words that make an anonymous kiosk comment stand out on the group report
   * (domain/reports/alert-words.ts); absent means the shipped defaults.
   */
  alertWords: z.optional(
    z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(60))).check(z.maxLength(300)),
  ),
  createdAt: z.iso.datetime(),
});
export type Organisation = z.infer<typeof organisationSchema>;
