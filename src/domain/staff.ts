import { z } from 'zod/mini';

export const staffRoles = ['coordinator', 'facilitator'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staffSchema = z.object({
  id: z.uuid(),
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  role: z.enum(staffRoles),
  languages: z.array(z.string()),
  active: z.boolean(),
  /** Phone or e-mail for the calendar invitation; optional. */
  contact: z.optional(z.string().check(z.trim(), z.maxLength(120))),
  createdAt: z.iso.datetime(),
});
export type Staff = z.infer<typeof staffSchema>;
