/**
 * A cohort (Latvian: grupa) is one run of a programme. This is the shape the
 * foundation needs to show the demo; the scheduling issue extends it.
 */
import { z } from 'zod/mini';
import { uiLanguages } from '../i18n/languages';

export const cohortStatuses = [
  'planning',
  'recruiting',
  'running',
  'finished',
  'archived',
] as const;
export const compositions = ['girls', 'boys', 'mixed'] as const;
const hhmm = z.string().check(z.regex(/^\d{2}:\d{2}$/));

export const cohortSchema = z.object({
  id: z.uuid(),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  programmeId: z.string().check(z.minLength(1)),
  facilitatorIds: z.array(z.uuid()),
  place: z.string().check(z.maxLength(120)),
  room: z.string().check(z.maxLength(60)),
  /** ISO weekday, 1 = Monday. */
  weekday: z.int().check(z.minimum(1), z.maximum(7)),
  /** Local time in Riga, HH:mm. */
  startTime: hhmm,
  durationMinutes: z.int().check(z.minimum(15), z.maximum(480)),
  firstDate: z.iso.date(),
  composition: z.enum(compositions),
  ageBand: z.object({ min: z.int().check(z.minimum(10)), max: z.int().check(z.maximum(30)) }),
  capacity: z.int().check(z.minimum(1), z.maximum(40)),
  language: z.enum(uiLanguages),
  status: z.enum(cohortStatuses),
  participantIds: z.array(z.uuid()),
  /** Record travel costs paid and a meal per person at each meeting (ECPAT practice). */
  travelAndMeal: z.optional(z.boolean()),
});
export type Cohort = z.infer<typeof cohortSchema>;
export type CohortStatus = (typeof cohortStatuses)[number];
