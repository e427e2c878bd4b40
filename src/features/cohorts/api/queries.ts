import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../../services/services';
import { addDays, todayInRiga } from '../../../domain/calendar-date';
import type { Cohort } from '../../../domain/cohort';
import type { Meeting } from '../../../domain/meeting';
import { groupAttendanceRate } from '../../../domain/reports/attendance';

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

// Local data: staleTime Infinity; cohort mutations (scheduling issue) invalidate `cohortQueries.all`.
export const cohortQueries = {
  all: ['cohorts'] as const,
  list: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...cohortQueries.all, 'list'],
      staleTime: Infinity,
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
      staleTime: Infinity,
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

export function useCohort(id: string) {
  return useQuery(cohortQueries.detail(useServices(), id));
}

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

// Local data: staleTime Infinity; lives under `cohortQueries.all`, so every
// cohort mutation that invalidates that key refreshes the calendar too.
export const calendarQueries = {
  between: ({ repos }: AppServices, from: string, to: string) =>
    queryOptions({
      queryKey: [...cohortQueries.all, 'calendar', from, to],
      staleTime: Infinity,
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
