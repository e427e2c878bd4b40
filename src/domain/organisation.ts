import { z } from 'zod';

export const supportContactSchema = z.object({
  label: z.string().trim().min(1).max(120),
  phone: z.string().trim().min(1).max(40),
});

/** Organisation settings: one sealed row. Its name is not secret, but sealing it costs nothing. */
export const organisationSchema = z.object({
  name: z.string().trim().min(1).max(120),
  /** Printed on a young person's plan; 116 111 and 116 006 come first by default. */
  supportContacts: z.array(supportContactSchema).default([]),
  createdAt: z.iso.datetime(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const defaultSupportContacts = [
  { label: '116 111', phone: '116 111' },
  { label: '116 006', phone: '116 006' },
] as const;
