import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../services/services';
import { addDays, todayInRiga } from '../../domain/calendar-date';
import type { Cohort } from '../../domain/cohort';
import type { Meeting } from '../../domain/meeting';
import { otherMeetingsOf } from '../../domain/clashes';
import { groupAttendanceRate } from '../../domain/reports/attendance';

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export interface CohortSummary {
  cohort: Cohort;
  meetings: Meeting[];
  nextMeeting: Meeting | undefined;
  held: number;
  /** The group's attendance rate (domain/reports/attendance.ts); undefined before any counted meeting. */
  attendanceRate: number | undefined;
}

// Local data: the client default staleTime (Infinity) holds; the cohort
// mutations invalidate `cohortQueries.all`.
export const cohortQueries = {
  all: ['cohorts'] as const,
  list: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...cohortQueries.all, 'list'],
      queryFn: async () => {
        const [cohorts, meetings, attendance, enrolments] = await Promise.all([
          repos.cohorts.list(),
          repos.meetings.list(),
          repos.attendance.list(),
          repos.enrolments.list(),
        ]);
        const cohortOfMeeting = new Map(meetings.items.map((m) => [m.id, m.cohortId]));
        const marksByCohort = groupBy(attendance.items, (a) => cohortOfMeeting.get(a.meetingId));
        const meetingsByCohort = groupBy(meetings.items, (m) => m.cohortId);
        const enrolmentsByCohort = groupBy(enrolments.items, (e) => e.cohortId);
        const today = todayInRiga();
        const summaries: CohortSummary[] = cohorts.items
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((cohort) => {
            const own = (meetingsByCohort.get(cohort.id) ?? []).sort((a, b) =>
              a.date.localeCompare(b.date),
            );
            return {
              cohort,
              meetings: own,
              nextMeeting: own.find((m) => m.date >= today && m.status !== 'cancelled'),
              held: own.filter((m) => m.status === 'held').length,
              attendanceRate: groupAttendanceRate({
                cohort,
                meetings: own,
                attendance: marksByCohort.get(cohort.id) ?? [],
                enrolments: enrolmentsByCohort.get(cohort.id) ?? [],
              }),
            };
          });
        return {
          summaries,
          damaged:
            cohorts.damaged.length +
            meetings.damaged.length +
            attendance.damaged.length +
            enrolments.damaged.length,
        };
      },
    }),
  detail: ({ repos }: AppServices, id: string) =>
    queryOptions({
      queryKey: [...cohortQueries.all, 'detail', id],
      queryFn: async () => {
        const cohort = await repos.cohorts.get(id);
        if (!cohort) return null;
        const meetings = await repos.meetings.listWhere('cohortId', id);
        return {
          cohort,
          meetings: meetings.items.sort((a, b) => a.number - b.number),
          damaged: meetings.damaged.length,
        };
      },
    }),
  /**
   * What a clash check needs of every group (domain/clashes.ts): who runs it,
   * where, and its meetings dated `from` on ('' for all of them). No marks,
   * enrolments or attendance rates: those are the list's, and reading the
   * marks of every meeting is what made a group page take seconds.
   */
  clashData: ({ repos }: AppServices, from: string) =>
    queryOptions({
      queryKey: [...cohortQueries.all, 'clash-data', from],
      queryFn: async () => {
        const [cohorts, meetings] = await Promise.all([
          repos.cohorts.list(),
          from === '' ? repos.meetings.list() : repos.meetings.listBetween('date', from, '\uffff'),
        ]);
        return {
          others: otherMeetingsOf(cohorts.items, meetings.items),
          damaged: cohorts.damaged.length + meetings.damaged.length,
        };
      },
    }),
  upcoming: ({ repos }: AppServices, today: string, days: number) =>
    queryOptions({
      queryKey: [...cohortQueries.all, 'upcoming', today, days],
      queryFn: async () => {
        const meetings = await repos.meetings.listBetween('date', today, addDays(today, days));
        // Only the groups meeting in these days: not every group the organisation ever ran.
        const cohorts = await repos.cohorts.getMany([
          ...new Set(meetings.items.map((m) => m.cohortId)),
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

/**
 * Other groups' meetings for a clash check, from `from` on ('' for all).
 * `enabled: false` holds the read back (a page's own data first).
 */
export function useClashData(from: string, enabled = true) {
  return useQuery({ ...cohortQueries.clashData(useServices(), from), enabled });
}

export function useUpcomingMeetings(days = 7) {
  return useQuery(cohortQueries.upcoming(useServices(), todayInRiga(), days));
}

export function useCohort(id: string) {
  return useQuery(cohortQueries.detail(useServices(), id));
}
