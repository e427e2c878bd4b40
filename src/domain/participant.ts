import { z } from 'zod/mini';

/** Pseudonym code: a letter for the programme, the year, a running number (`L25-07`). */
export const participantCodePattern = /^[A-Z]\d{2}-\d{2,3}$/;

export const participantSchema = z.object({
  id: z.uuid(),
  code: z.string().check(z.regex(participantCodePattern)),
  /** The name the young person asked to be called. */
  chosenName: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  gender: z.enum(['girl', 'boy', 'other', 'unspecified']),
  birthYear: z.optional(z.int().check(z.minimum(1990), z.maximum(2030))),
  languages: z.array(z.string()),
  createdAt: z.iso.datetime(),
});
export type Participant = z.infer<typeof participantSchema>;
