/**
 * A cohort's schedule: one dated meeting per meeting plan, weekly on the
 * cohort's weekday, stepping over closures. Changes to a schedule (move,
 * cancel, extra meeting) are in schedule-changes.ts.
 *
 * Policies a reviewer should know:
 * - A closed week is skipped, not lost: the plan goes to the next open week,
 *   so a 10-meeting programme always gets 10 dates.
 * - `number` is the meeting's position in the schedule by date (cancelled
 *   and extra meetings included), as meeting.ts documents. Every change
 *   renumbers, so address a meeting by number only within one change; which
 *   plan runs (its topic) comes from `planId`, not from the number.
 * - Bad input is answered with a typed error, never a thrown string: the
 *   screen turns `error.kind` into a translated sentence.
 */
import type { IsoDate } from './calendar-date';
import { closureOn, isClosed } from './closures';
import type { Closure } from './closures';
import type { Meeting } from './meeting';
import { isIsoDate, isTimeOfDay, onOrAfterWeekday, weeksAfter } from './week-dates';

/**
 * A meeting as the schedule rules see it. A stored `Meeting` fits; changes
 * keep `id` (and any other field) on the meetings they touch, and meetings
 * they create have no `id` yet: the caller gives them one when saving.
 */
export type ScheduledMeeting = Pick<
  Meeting,
  'number' | 'date' | 'startTime' | 'durationMinutes' | 'status' | 'cancelReason' | 'extra'
> & {
  id?: string;
  /** Absent only on an extra meeting that runs no plan of the programme. */
  planId?: string;
};

export type ScheduleError =
  | { kind: 'invalid-date'; value: string }
  | { kind: 'invalid-weekday'; value: number }
  | { kind: 'invalid-time'; value: string }
  | { kind: 'invalid-duration'; value: number; min: number; max: number }
  | { kind: 'programme-has-no-meetings' }
  | { kind: 'no-meetings'; count: number }
  | { kind: 'too-many-meetings'; count: number; max: number }
  | { kind: 'first-date-closed'; date: IsoDate; closure: Closure }
  | { kind: 'no-open-week'; after: IsoDate }
  | { kind: 'meeting-not-found'; meetingNumber: number }
  | { kind: 'meeting-held'; meetingNumber: number; date: IsoDate }
  | { kind: 'meeting-cancelled'; meetingNumber: number; date: IsoDate }
  | { kind: 'before-previous-meeting'; meetingNumber: number; previousDate: IsoDate }
  | { kind: 'reason-required' }
  | { kind: 'reason-too-long'; max: number };

export type ScheduleResult<T> = { ok: true; value: T } | { ok: false; error: ScheduleError };

export function succeed<T>(value: T): ScheduleResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: ScheduleError): ScheduleResult<T> {
  return { ok: false, error };
}

/** Ten years of weekly meetings: far beyond any real group, small enough to stay instant. */
export const MAX_MEETINGS = 520;
/** Closures longer than this many weeks in a row mean a data error, not a break. */
const MAX_CLOSED_WEEKS = 260;
/** Same bounds as meeting.ts. */
export const MIN_DURATION = 15;
export const MAX_DURATION = 480;

export interface ScheduleInput {
  /** The cohort's first day; the first meeting is the first `weekday` on or after it. */
  firstDate: IsoDate;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** How many meetings: the programme's length, or the chosen weeks of a rolling group. */
  count: number;
  /** The programme's meeting plans in order; they repeat when `count` is larger. */
  planIds: readonly string[];
  closures: readonly Closure[];
  /** Riga wall-clock time, HH:mm. */
  startTime: string;
  durationMinutes: number;
}

export function generateSchedule(input: ScheduleInput): ScheduleResult<ScheduledMeeting[]> {
  const { firstDate, weekday, count, planIds, closures, startTime, durationMinutes } = input;
  if (!isIsoDate(firstDate)) return fail({ kind: 'invalid-date', value: firstDate });
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    return fail({ kind: 'invalid-weekday', value: weekday });
  }
  const slotError = checkSlot(startTime, durationMinutes);
  if (slotError) return fail(slotError);
  const [firstPlan] = planIds;
  if (firstPlan === undefined) return fail({ kind: 'programme-has-no-meetings' });
  if (!Number.isInteger(count) || count < 1) return fail({ kind: 'no-meetings', count });
  if (count > MAX_MEETINGS) return fail({ kind: 'too-many-meetings', count, max: MAX_MEETINGS });

  let date = onOrAfterWeekday(firstDate, weekday);
  // A first meeting on a holiday is almost always a mistake in the chosen
  // date; starting a week later without saying so would hide it.
  const closure = closureOn(date, closures);
  if (closure) return fail({ kind: 'first-date-closed', date, closure });

  const meetings: ScheduledMeeting[] = [];
  for (let index = 0; index < count; index++) {
    if (index > 0) {
      const next = nextOpenWeek(date, closures);
      if (next === undefined) return fail({ kind: 'no-open-week', after: date });
      date = next;
    }
    meetings.push({
      number: index + 1,
      planId: planIds[index % planIds.length] ?? firstPlan,
      date,
      startTime,
      durationMinutes,
      status: 'planned',
    });
  }
  return succeed(meetings);
}

/** The error in a meeting's time and length, if any. */
export function checkSlot(startTime: string, durationMinutes: number): ScheduleError | undefined {
  if (!isTimeOfDay(startTime)) return { kind: 'invalid-time', value: startTime };
  if (
    !Number.isInteger(durationMinutes) ||
    durationMinutes < MIN_DURATION ||
    durationMinutes > MAX_DURATION
  ) {
    return {
      kind: 'invalid-duration',
      value: durationMinutes,
      min: MIN_DURATION,
      max: MAX_DURATION,
    };
  }
  return undefined;
}

/**
 * The same weekday one or more weeks after `after` that is neither closed
 * nor already `taken` by another meeting of the cohort; undefined when
 * closures block years on end.
 */
export function nextOpenWeek(
  after: IsoDate,
  closures: readonly Closure[],
  taken: ReadonlySet<IsoDate> = new Set(),
): IsoDate | undefined {
  for (let weeks = 1; weeks <= MAX_CLOSED_WEEKS; weeks++) {
    const date = weeksAfter(after, weeks);
    if (!isClosed(date, closures) && !taken.has(date)) return date;
  }
  return undefined;
}

/** Earlier date first, then earlier time; ties keep their old order. */
export function byDateAndTime(a: ScheduledMeeting, b: ScheduledMeeting): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.startTime !== b.startTime) return a.startTime < b.startTime ? -1 : 1;
  return a.number - b.number;
}

/** Sorted by date and numbered 1, 2, 3 … again (see the note at the top). */
export function inOrder(meetings: readonly ScheduledMeeting[]): ScheduledMeeting[] {
  return [...meetings]
    .sort(byDateAndTime)
    .map((meeting, index) => ({ ...meeting, number: index + 1 }));
}
