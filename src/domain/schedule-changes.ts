/**
 * Changing a schedule: move a meeting, cancel one, add an extra one.
 *
 * Every change returns a new schedule, sorted and renumbered (schedule.ts),
 * and leaves meetings that were held exactly where they were. Moving onto a
 * closed day is allowed when the coordinator picks that day by hand: it is
 * flagged by findClashes (clashes.ts), not refused, because a group may
 * meet on a holiday on purpose.
 */
import type { IsoDate } from './calendar-date';
import type { Closure } from './closures';
import { CANCEL_REASON_MAX } from './meeting';
import {
  byDateAndTime,
  checkSlot,
  fail,
  inOrder,
  nextOpenWeek,
  succeed,
  type ScheduledMeeting,
  type ScheduleResult,
} from './schedule';
import { isIsoDate } from './week-dates';

export type MoveMode = 'only-this' | 'this-and-after';
export type PlanHandling = 'move-to-next' | 'drop';

/** A meeting of the weekly series that may still move or take another plan. */
function isMovable(meeting: ScheduledMeeting): boolean {
  return meeting.status === 'planned' && meeting.extra !== true;
}

type Located =
  | { ok: true; sorted: ScheduledMeeting[]; index: number; target: ScheduledMeeting }
  | { ok: false; result: ScheduleResult<never> };

/** The meeting to change, which must be neither held nor already cancelled. */
function locate(schedule: readonly ScheduledMeeting[], meetingNumber: number): Located {
  const sorted = [...schedule].sort(byDateAndTime);
  const index = sorted.findIndex((meeting) => meeting.number === meetingNumber);
  const target = sorted[index];
  if (target === undefined) {
    return { ok: false, result: fail({ kind: 'meeting-not-found', meetingNumber }) };
  }
  if (target.status === 'held') {
    return { ok: false, result: fail({ kind: 'meeting-held', meetingNumber, date: target.date }) };
  }
  if (target.status === 'cancelled') {
    return {
      ok: false,
      result: fail({ kind: 'meeting-cancelled', meetingNumber, date: target.date }),
    };
  }
  return { ok: true, sorted, index, target };
}

/**
 * Move a meeting to `newDate`.
 *
 * 'only-this' moves that meeting alone; its plan goes with it.
 *
 * 'this-and-after' means what it means in a calendar app's "this and
 * following events": the series continues weekly from the new date, on the
 * new date's weekday, and each later meeting takes the next open week after
 * the one before — skipping closures, and days the cohort already has a
 * held, cancelled or extra meeting on. We chose this over shifting every
 * later meeting by the same number of days because a plain shift can land
 * meetings on holidays (and keeps gaps for holidays it no longer meets on);
 * re-laying the series is what a coordinator saying "from now on we meet on
 * Thursdays" or "everything a week later" expects. Held, cancelled and extra
 * meetings stay where they are. An extra meeting is not part of the series,
 * so it always moves alone. The new date must come after the series' previous
 * meeting, or the series would overlap itself.
 */
export function moveMeeting(
  schedule: readonly ScheduledMeeting[],
  meetingNumber: number,
  newDate: IsoDate,
  mode: MoveMode,
  closures: readonly Closure[],
): ScheduleResult<ScheduledMeeting[]> {
  if (!isIsoDate(newDate)) return fail({ kind: 'invalid-date', value: newDate });
  const found = locate(schedule, meetingNumber);
  if (!found.ok) return found.result;
  const { sorted, index, target } = found;

  const newDates = new Map<ScheduledMeeting, IsoDate>([[target, newDate]]);
  if (mode === 'this-and-after' && target.extra !== true) {
    const previous = sorted
      .slice(0, index)
      .filter((meeting) => meeting.extra !== true && meeting.status !== 'cancelled')
      .at(-1);
    if (previous && newDate <= previous.date) {
      return fail({ kind: 'before-previous-meeting', meetingNumber, previousDate: previous.date });
    }
    const following = sorted.slice(index + 1).filter(isMovable);
    const staying = sorted.filter((meeting) => meeting !== target && !following.includes(meeting));
    const taken = new Set(staying.map((meeting) => meeting.date));
    let date = newDate;
    for (const meeting of following) {
      const next = nextOpenWeek(date, closures, taken);
      if (next === undefined) return fail({ kind: 'no-open-week', after: date });
      newDates.set(meeting, next);
      date = next;
    }
  }
  return succeed(
    inOrder(sorted.map((meeting) => ({ ...meeting, date: newDates.get(meeting) ?? meeting.date }))),
  );
}

/**
 * Cancel a meeting, keeping it in the schedule as a cancelled entry with its
 * reason (the date did happen to the group; reports and the absence rules
 * need to see it).
 *
 * 'drop': the plan is not run; nothing else changes.
 * 'move-to-next': the plan still runs, a week late. It goes to the next
 * planned meeting of the series, that meeting's plan to the one after, and
 * so on; the last plan gets a new meeting one open week after the series'
 * last date, at the series' time. Meetings keep their dates (and ids): it is
 * the plans that move, so nothing already arranged for a date is disturbed.
 * Held and extra meetings keep their plans. Cancelling an extra meeting
 * never shifts the series, whichever handling is chosen.
 */
export function cancelMeeting(
  schedule: readonly ScheduledMeeting[],
  meetingNumber: number,
  reason: string,
  planHandling: PlanHandling,
  closures: readonly Closure[],
): ScheduleResult<ScheduledMeeting[]> {
  const cancelReason = reason.trim();
  if (cancelReason === '') return fail({ kind: 'reason-required' });
  if (cancelReason.length > CANCEL_REASON_MAX) {
    return fail({ kind: 'reason-too-long', max: CANCEL_REASON_MAX });
  }
  const found = locate(schedule, meetingNumber);
  if (!found.ok) return found.result;
  const { sorted, index, target } = found;

  const cancelled: ScheduledMeeting = { ...target, status: 'cancelled', cancelReason };
  const withCancelled = sorted.map((meeting) => (meeting === target ? cancelled : meeting));
  if (planHandling === 'drop' || target.extra === true) return succeed(inOrder(withCancelled));

  const later = sorted.slice(index + 1).filter(isMovable);
  const plans = [target.planId, ...later.map((meeting) => meeting.planId)];
  const newPlans = new Map(later.map((meeting, i) => [meeting, plans[i]]));
  const shifted = withCancelled.map((meeting) =>
    newPlans.has(meeting) ? withPlan(meeting, newPlans.get(meeting)) : meeting,
  );

  // The series' last date, whatever became of that meeting; the new one
  // follows it on the same weekday and at the same time.
  const last = sorted.filter((meeting) => meeting.extra !== true).at(-1) ?? target;
  const taken = new Set(sorted.map((meeting) => meeting.date));
  const date = nextOpenWeek(last.date, closures, taken);
  if (date === undefined) return fail({ kind: 'no-open-week', after: last.date });
  const appended = withPlan(
    {
      number: sorted.length + 1,
      date,
      startTime: last.startTime,
      durationMinutes: last.durationMinutes,
      status: 'planned',
    },
    plans.at(-1),
  );
  return succeed(inOrder([...shifted, appended]));
}

function withPlan(meeting: ScheduledMeeting, planId: string | undefined): ScheduledMeeting {
  const { planId: _old, ...rest } = meeting;
  return planId === undefined ? rest : { ...rest, planId };
}

/**
 * Add a one-off meeting outside the weekly series, optionally running one of
 * the programme's plans. It takes its place by date among the others.
 */
export function addExtraMeeting(
  schedule: readonly ScheduledMeeting[],
  date: IsoDate,
  startTime: string,
  durationMinutes: number,
  planId?: string,
): ScheduleResult<ScheduledMeeting[]> {
  if (!isIsoDate(date)) return fail({ kind: 'invalid-date', value: date });
  const slotError = checkSlot(startTime, durationMinutes);
  if (slotError) return fail(slotError);
  const extra = withPlan(
    {
      number: schedule.length + 1,
      date,
      startTime,
      durationMinutes,
      status: 'planned',
      extra: true,
    },
    planId,
  );
  return succeed(inOrder([...schedule, extra]));
}
