/**
 * A cohort (Latvian: grupa) is one run of a programme. This is the shape the
 * foundation needs to show the demo; the scheduling issue extends it.
 */
import { z } from 'zod';

export const cohortStatuses = [
  'planning',
  'recruiting',
  'running',
  'finished',
  'archived',
] as const;
export const compositions = ['girls', 'boys', 'mixed'] as const;

export const cohortSchema = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(120),
  programmeId: z.string().min(1),
  facilitatorIds: z.array(z.uuid()),
  place: z.string().trim().max(120).default(''),
  room: z.string().trim().max(60).default(''),
  /** ISO weekday, 1 = Monday. */
  weekday: z.number().int().min(1).max(7),
  /** Local time in Riga, HH:mm. */
  startTime: z.string().regex(/^\d{2}:\d{2}$/),
  durationMinutes: z.number().int().min(15).max(480),
  /** YYYY-MM-DD */
  firstDate: z.iso.date(),
  composition: z.enum(compositions),
  ageBand: z.object({ min: z.number().int().min(10), max: z.number().int().max(30) }),
  capacity: z.number().int().min(1).max(40).default(8),
  language: z.enum(['lv', 'en', 'ru', 'uk']),
  status: z.enum(cohortStatuses),
  participantIds: z.array(z.uuid()).default([]),
});
export type Cohort = z.infer<typeof cohortSchema>;
export type CohortStatus = (typeof cohortStatuses)[number];
