/**
 * Retention: a finished group's records are offered for deletion a set time
 * after its last meeting (default 12 months). Nothing is deleted by itself:
 * the coordinator reviews the list and decides.
 */
import { addMonths, format, parseISO } from 'date-fns';
import type { IsoDate } from './calendar-date';
import type { Cohort } from './cohort';
import type { Meeting } from './meeting';

export const DEFAULT_RETENTION_MONTHS = 12;

export interface RetentionDue {
  cohort: Cohort;
  lastMeeting: IsoDate;
  /** The first day its records were due for review. */
  dueOn: IsoDate;
}

/** Finished or archived groups whose last meeting was at least `months` ago, oldest first. */
export function dueForDeletion(
  cohorts: readonly Cohort[],
  meetings: readonly Pick<Meeting, 'cohortId' | 'date'>[],
  today: IsoDate,
  months: number = DEFAULT_RETENTION_MONTHS,
): RetentionDue[] {
  const last = new Map<string, IsoDate>();
  for (const m of meetings) {
    const seen = last.get(m.cohortId);
    if (!seen || m.date > seen) last.set(m.cohortId, m.date);
  }
  return cohorts
    .filter((c) => c.status === 'finished' || c.status === 'archived')
    .flatMap((cohort) => {
      const lastMeeting = last.get(cohort.id) ?? cohort.firstDate;
      const dueOn = format(addMonths(parseISO(lastMeeting), months), 'yyyy-MM-dd');
      return dueOn <= today ? [{ cohort, lastMeeting, dueOn }] : [];
    })
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}
