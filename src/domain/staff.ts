import { z } from 'zod/mini';
import { staffRoles } from './staff-roles';

export { staffRoles, type StaffRole } from './staff-roles';

export const staffSchema = z.object({
  id: z.uuid(),
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  role: z.enum(staffRoles),
  languages: z.array(z.string()),
  active: z.boolean(),
  /** Phone or e-mail for the calendar invitation; optional. */
  contact: z.optional(z.string().check(z.trim(), z.maxLength(120))),
  createdAt: z.iso.datetime(),
  /** Leave, training: first to last day inclusive. Meetings on these days are flagged. */
  away: z.optional(z.array(z.object({ from: z.iso.date(), to: z.iso.date() }))),
});
export type Staff = z.infer<typeof staffSchema>;

/** Every staff member's away periods, in the shape the clash rules take. */
export function awayPeriodsOf(
  staff: readonly Staff[],
): { staffId: string; from: string; to: string }[] {
  return staff.flatMap((s) =>
    (s.away ?? []).map((a) => ({ staffId: s.id, from: a.from, to: a.to })),
  );
}
