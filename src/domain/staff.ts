import { z } from 'zod';

export const staffRoles = ['coordinator', 'facilitator'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staffSchema = z.object({
  id: z.uuid(),
  displayName: z.string().trim().min(1).max(80),
  role: z.enum(staffRoles),
  languages: z.array(z.string()).default([]),
  active: z.boolean().default(true),
  createdAt: z.iso.datetime(),
});
export type Staff = z.infer<typeof staffSchema>;
