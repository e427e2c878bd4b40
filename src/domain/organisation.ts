import { z } from 'zod/mini';

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
  createdAt: z.iso.datetime(),
});
export type Organisation = z.infer<typeof organisationSchema>;
