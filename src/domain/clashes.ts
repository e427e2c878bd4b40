/**
 * Clashes in a cohort's schedule: the same facilitator or the same room in
 * two overlapping meetings, a meeting on a closed day, a facilitator who is
 * away. They are warnings, never refusals: the coordinator sees who and what
 * it clashes with, and may go ahead knowingly (a holiday outing, a shared
 * room that is big enough).
 *
 * Times are Riga wall-clock `HH:mm` on one calendar date; a meeting that ran
 * past midnight would only be compared on its starting date (groups end in
 * the evening, and meeting.ts caps a meeting at 8 hours).
 */
import type { IsoDate } from './calendar-date';
import { closureOn } from './closures';
import type { Closure } from './closures';
import type { Cohort } from './cohort';
import type { Meeting } from './meeting';
import type { ScheduledMeeting } from './schedule';
import { minutesOfDay } from './week-dates';

/** Who runs the candidate meetings and where (from the cohort). */
export interface ClashCohort {
  /** Its own meetings among `others` are skipped. */
  cohortId?: string;
  facilitatorIds: readonly string[];
  place: string;
  room: string;
}

/** A meeting of another cohort, with what a clash needs to know of that cohort. */
export interface OtherMeeting {
  cohortId: string;
  cohortName: string;
  date: IsoDate;
  startTime: string;
  durationMinutes: number;
  status?: Meeting['status'];
  facilitatorIds: readonly string[];
  place: string;
  room: string;
}

/**
 * Other groups' meetings as a clash check sees them: each with who runs its
 * group and where. Meetings of a group not in `cohorts` are left out.
 */
export function otherMeetingsOf(
  cohorts: readonly Pick<Cohort, 'id' | 'name' | 'facilitatorIds' | 'place' | 'room'>[],
  meetings: readonly Pick<Meeting, 'cohortId' | 'date' | 'startTime' | 'durationMinutes' | 'status'>[],
): OtherMeeting[] {
  const byId = new Map(cohorts.map((c) => [c.id, c]));
  return meetings.flatMap((m) => {
    const cohort = byId.get(m.cohortId);
    if (!cohort) return [];
    return [
      {
        cohortId: cohort.id,
        cohortName: cohort.name,
        date: m.date,
        startTime: m.startTime,
        durationMinutes: m.durationMinutes,
        status: m.status,
        facilitatorIds: cohort.facilitatorIds,
        place: cohort.place,
        room: cohort.room,
      },
    ];
  });
}

/** A staff member away (leave, training), first to last day inclusive. */
export interface AwayPeriod {
  staffId: string;
  from: IsoDate;
  to: IsoDate;
}

export type ClashKind = 'facilitator' | 'room' | 'closure' | 'away';

export interface ClashWarning {
  kind: ClashKind;
  meetingNumber: number;
  date: IsoDate;
  /** facilitator and room clashes: the other meeting. */
  otherCohortId?: string;
  otherCohortName?: string;
  otherDate?: IsoDate;
  otherStartTime?: string;
  /** facilitator and away warnings. */
  facilitatorId?: string;
  /** closure warnings. */
  closure?: Closure;
  /** away warnings. */
  away?: AwayPeriod;
}

export interface ClashCheck {
  cohort: ClashCohort;
  meetings: readonly ScheduledMeeting[];
  /** Every other meeting that may clash; may include the cohort's own (skipped by id). */
  others: readonly OtherMeeting[];
  closures: readonly Closure[];
  awayPeriods: readonly AwayPeriod[];
}

/**
 * Case, accents' composition and spaces do not make a different room:
 * "Telpa 2" and "telpa2" are the same.
 */
function normalise(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('lv').replace(/\s+/g, '');
}

/** Two meetings overlap when each starts before the other ends; back to back is fine. */
function overlaps(
  a: { startTime: string; durationMinutes: number },
  b: { startTime: string; durationMinutes: number },
): boolean {
  const aStart = minutesOfDay(a.startTime);
  const bStart = minutesOfDay(b.startTime);
  return aStart < bStart + b.durationMinutes && bStart < aStart + a.durationMinutes;
}

export function findClashes(check: ClashCheck): ClashWarning[] {
  const { cohort, meetings, others, closures, awayPeriods } = check;
  const facilitators = new Set(cohort.facilitatorIds);
  const place = normalise(cohort.place);
  const room = normalise(cohort.room);

  // Index the other meetings by date once: a check against thousands of
  // meetings then looks only at the few on the same day.
  const othersByDate = new Map<IsoDate, OtherMeeting[]>();
  for (const other of others) {
    if (other.status === 'cancelled') continue;
    if (cohort.cohortId !== undefined && other.cohortId === cohort.cohortId) continue;
    const sameDay = othersByDate.get(other.date);
    if (sameDay) sameDay.push(other);
    else othersByDate.set(other.date, [other]);
  }

  const warnings: ClashWarning[] = [];
  for (const meeting of meetings) {
    // A cancelled meeting occupies no one and no room.
    if (meeting.status === 'cancelled') continue;
    const { number: meetingNumber, date } = meeting;

    for (const other of othersByDate.get(date) ?? []) {
      if (!overlaps(meeting, other)) continue;
      const about = {
        meetingNumber,
        date,
        otherCohortId: other.cohortId,
        otherCohortName: other.cohortName,
        otherDate: other.date,
        otherStartTime: other.startTime,
      };
      for (const facilitatorId of other.facilitatorIds) {
        if (facilitators.has(facilitatorId)) {
          warnings.push({ kind: 'facilitator', ...about, facilitatorId });
        }
      }
      // An empty room name means "not decided yet", which clashes with nothing.
      // An empty place equals an empty place: organisations with one address
      // often leave it out.
      if (room !== '' && normalise(other.room) === room && normalise(other.place) === place) {
        warnings.push({ kind: 'room', ...about });
      }
    }

    const closure = closureOn(date, closures);
    if (closure) warnings.push({ kind: 'closure', meetingNumber, date, closure });

    for (const away of awayPeriods) {
      if (facilitators.has(away.staffId) && away.from <= date && date <= away.to) {
        warnings.push({ kind: 'away', meetingNumber, date, facilitatorId: away.staffId, away });
      }
    }
  }
  return warnings;
}
