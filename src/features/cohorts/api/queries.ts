import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../../services/services';
import type { Cohort } from '../../../domain/cohort';
import type { Meeting } from '../../../domain/meeting';
import { cohortQueries } from '../../../entities/cohorts/queries';

/* ---- Calendar: every group's meetings between two dates ---- */

export interface CalendarEntry {
  meeting: Meeting;
  cohort: Cohort;
}

export interface CalendarData {
  /** Meetings in the range, cancelled ones included, by date and start time. */
  entries: CalendarEntry[];
  /** Every distinct place of every cohort, for the place filter. */
  places: string[];
  damaged: number;
}

// Local data; lives under `cohortQueries.all`, so every
// cohort mutation that invalidates that key refreshes the calendar too.
export const calendarQueries = {
  between: ({ repos }: AppServices, from: string, to: string) =>
    queryOptions({
      queryKey: [...cohortQueries.all, 'calendar', from, to],
      queryFn: async (): Promise<CalendarData> => {
        const [meetings, cohorts] = await Promise.all([
          repos.meetings.listBetween('date', from, to),
          repos.cohorts.list(),
        ]);
        const byId = new Map(cohorts.items.map((c) => [c.id, c]));
        const entries: CalendarEntry[] = [];
        for (const meeting of meetings.items) {
          const cohort = byId.get(meeting.cohortId);
          if (cohort) entries.push({ meeting, cohort });
        }
        entries.sort(
          (a, b) =>
            a.meeting.date.localeCompare(b.meeting.date) ||
            a.meeting.startTime.localeCompare(b.meeting.startTime) ||
            a.cohort.name.localeCompare(b.cohort.name),
        );
        const places = [...new Set(cohorts.items.map((c) => c.place).filter(Boolean))].sort(
          (a, b) => a.localeCompare(b),
        );
        return { entries, places, damaged: meetings.damaged.length + cohorts.damaged.length };
      },
    }),
};

export function useCalendar(from: string, to: string) {
  return useQuery(calendarQueries.between(useServices(), from, to));
}
