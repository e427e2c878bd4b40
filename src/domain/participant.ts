import { z } from 'zod';

/** Pseudonym code: a letter for the programme, the year, a running number (`L25-07`). */
export const participantCodePattern = /^[A-Z]\d{2}-\d{2,3}$/;

export const participantSchema = z.object({
  id: z.uuid(),
  code: z.string().regex(participantCodePattern),
  /** The name the young person asked to be called. */
  chosenName: z.string().trim().min(1).max(80),
  gender: z.enum(['girl', 'boy', 'other', 'unspecified']).default('unspecified'),
  birthYear: z.number().int().min(1990).max(2030).optional(),
  languages: z.array(z.string()).default([]),
  createdAt: z.iso.datetime(),
});
export type Participant = z.infer<typeof participantSchema>;
