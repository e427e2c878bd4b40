import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../../app/services';
import { addDays, todayInRiga } from '../../../domain/calendar-date';
import type { Cohort } from '../../../domain/cohort';
import type { Meeting } from '../../../domain/meeting';

export interface CohortSummary {
  cohort: Cohort;
  meetings: Meeting[];
  nextMeeting: Meeting | undefined;
}

// Local data: staleTime Infinity; cohort mutations (scheduling issue) invalidate `cohortQueries.all`.
export const cohortQueries = {
  all: ['cohorts'] as const,
  list: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...cohortQueries.all, 'list'],
      staleTime: Infinity,
      queryFn: async () => {
        const [cohorts, meetings] = await Promise.all([repos.cohorts.list(), repos.meetings.list()]);
        const today = todayInRiga();
        const summaries: CohortSummary[] = cohorts.items
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((cohort) => {
            const own = meetings.items.filter((m) => m.cohortId === cohort.id).sort((a, b) => a.date.localeCompare(b.date));
            return { cohort, meetings: own, nextMeeting: own.find((m) => m.date >= today && m.status !== 'cancelled') };
          });
        return { summaries, damaged: cohorts.damaged.length + meetings.damaged.length };
      },
    }),
  upcoming: ({ repos }: AppServices, today: string, days: number) =>
    queryOptions({
      queryKey: [...cohortQueries.all, 'upcoming', today, days],
      staleTime: Infinity,
      queryFn: async () => {
        const [meetings, cohorts] = await Promise.all([
          repos.meetings.listBetween('date', today, addDays(today, days)),
          repos.cohorts.list(),
        ]);
        const byId = new Map(cohorts.items.map((c) => [c.id, c]));
        return meetings.items
          .filter((m) => m.status !== 'cancelled' && byId.has(m.cohortId))
          .sort((a, b) => `${a.date} ${a.startTime}`.localeCompare(`${b.date} ${b.startTime}`))
          .map((meeting) => ({ meeting, cohort: byId.get(meeting.cohortId)! }));
      },
    }),
};

export function useCohortSummaries() {
  return useQuery(cohortQueries.list(useServices()));
}

export function useUpcomingMeetings(days = 7) {
  return useQuery(cohortQueries.upcoming(useServices(), todayInRiga(), days));
}
