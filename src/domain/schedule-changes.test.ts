import { describe, expect, it } from 'vitest';
import { computeLatvianPublicHolidays } from './latvian-holidays';
import {
  generateSchedule,
  type ScheduledMeeting,
  type ScheduleInput,
  type ScheduleResult,
} from './schedule';
import { addExtraMeeting, cancelMeeting, moveMeeting } from './schedule-changes';

const holidays = computeLatvianPublicHolidays(2026, 2027);
const plans = Array.from({ length: 10 }, (_, i) => `p${i + 1}`);

function unwrap<T>(result: ScheduleResult<T>): T {
  if (!result.ok) throw new Error(`expected a schedule, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/**
 * Lotus on Wednesdays from 28 October 2026, with ids as if stored:
 * 28.10, 4.11, 11.11, (18.11 closed) 25.11, 2.12, 9.12, 16.12, 23.12, 30.12, 6.1.
 */
function lotus(overrides: Partial<ScheduleInput> = {}): ScheduledMeeting[] {
  const input: ScheduleInput = {
    firstDate: '2026-10-28',
    weekday: 3,
    count: 10,
    planIds: plans,
    closures: holidays,
    startTime: '16:00',
    durationMinutes: 90,
    ...overrides,
  };
  return unwrap(generateSchedule(input)).map((m) => ({ ...m, id: `id-${m.number}` }));
}

function held(schedule: ScheduledMeeting[], ...numbers: number[]): ScheduledMeeting[] {
  return schedule.map((m) => (numbers.includes(m.number) ? { ...m, status: 'held' } : m));
}

const dates = (schedule: ScheduledMeeting[]) => schedule.map((m) => m.date);
const planIds = (schedule: ScheduledMeeting[]) => schedule.map((m) => m.planId);

describe('moving a meeting', () => {
  it('moves only that meeting, with its plan, when asked for only this one', () => {
    const moved = unwrap(moveMeeting(lotus(), 3, '2026-11-12', 'only-this', holidays));
    expect(moved[2]).toMatchObject({ number: 3, id: 'id-3', planId: 'p3', date: '2026-11-12' });
    expect(dates(moved)).toEqual(dates(lotus()).with(2, '2026-11-12'));
  });

  it('renumbers by date when one meeting is moved past the next', () => {
    const moved = unwrap(moveMeeting(lotus(), 3, '2026-11-26', 'only-this', holidays));
    expect(moved.slice(2, 4)).toMatchObject([
      { number: 3, planId: 'p4', date: '2026-11-25' },
      { number: 4, planId: 'p3', date: '2026-11-26' },
    ]);
  });

  it('continues weekly from the new date for this and all later meetings, on the new weekday', () => {
    // Wednesdays become Thursdays from meeting 2: Thursday 19 Nov is open,
    // Thursdays 24 and 31 Dec are holidays.
    const moved = unwrap(moveMeeting(lotus(), 2, '2026-11-05', 'this-and-after', holidays));
    expect(dates(moved)).toEqual([
      '2026-10-28',
      '2026-11-05',
      '2026-11-12',
      '2026-11-19',
      '2026-11-26',
      '2026-12-03',
      '2026-12-10',
      '2026-12-17',
      '2027-01-07',
      '2027-01-14',
    ]);
    expect(planIds(moved)).toEqual(plans);
    expect(moved.map((m) => m.id)).toEqual(lotus().map((m) => m.id));
  });

  it('pushes the rest of the series a week later when one meeting is put off a week', () => {
    const moved = unwrap(moveMeeting(lotus(), 5, '2026-12-09', 'this-and-after', holidays));
    expect(dates(moved).slice(4)).toEqual([
      '2026-12-09',
      '2026-12-16',
      '2026-12-23',
      '2026-12-30',
      '2027-01-06',
      '2027-01-13',
    ]);
    expect(planIds(moved)).toEqual(plans);
  });

  it('keeps a closed day the coordinator picked by hand, and skips closures after it', () => {
    // Meeting 3 goes onto Proclamation Day on purpose (the clash check flags
    // it); the later meetings take the open weeks after it.
    const moved = unwrap(moveMeeting(lotus(), 3, '2026-11-18', 'this-and-after', holidays));
    expect(dates(moved).slice(2, 5)).toEqual(['2026-11-18', '2026-11-25', '2026-12-02']);
    const thursdays = unwrap(moveMeeting(lotus(), 8, '2026-12-17', 'this-and-after', holidays));
    expect(dates(thursdays).slice(7)).toEqual(['2026-12-17', '2027-01-07', '2027-01-14']);
  });

  it('never moves a held meeting, and says so when asked to', () => {
    const schedule = held(lotus(), 1, 2);
    expect(moveMeeting(schedule, 2, '2026-11-05', 'only-this', holidays)).toEqual({
      ok: false,
      error: { kind: 'meeting-held', meetingNumber: 2, date: '2026-11-04' },
    });
  });

  it('leaves held, cancelled and extra meetings in place when the series moves, and steps around their days', () => {
    let schedule = held(lotus(), 1);
    schedule = unwrap(cancelMeeting(schedule, 4, 'Skolā eksāmeni', 'drop', holidays)); // 25 Nov
    schedule = unwrap(addExtraMeeting(schedule, '2026-12-02', '12:00', 60)); // beside meeting 5
    const moved = unwrap(moveMeeting(schedule, 2, '2026-11-11', 'this-and-after', holidays));
    expect(moved.map((m) => [m.date, m.planId ?? 'extra', m.status])).toEqual([
      ['2026-10-28', 'p1', 'held'],
      ['2026-11-11', 'p2', 'planned'],
      ['2026-11-25', 'p4', 'cancelled'],
      ['2026-12-02', 'extra', 'planned'],
      ['2026-12-09', 'p3', 'planned'],
      ['2026-12-16', 'p5', 'planned'],
      ['2026-12-23', 'p6', 'planned'],
      ['2026-12-30', 'p7', 'planned'],
      ['2027-01-06', 'p8', 'planned'],
      ['2027-01-13', 'p9', 'planned'],
      ['2027-01-20', 'p10', 'planned'],
    ]);
  });

  it('refuses to move the series onto or before its previous meeting', () => {
    expect(moveMeeting(lotus(), 3, '2026-11-04', 'this-and-after', holidays)).toEqual({
      ok: false,
      error: { kind: 'before-previous-meeting', meetingNumber: 3, previousDate: '2026-11-04' },
    });
  });

  it('moves an extra meeting alone, even when asked to move the ones after it', () => {
    const schedule = unwrap(addExtraMeeting(lotus(), '2026-11-07', '12:00', 60));
    const moved = unwrap(moveMeeting(schedule, 3, '2026-11-08', 'this-and-after', holidays));
    expect(dates(moved.filter((m) => !m.extra))).toEqual(dates(lotus()));
    expect(moved.find((m) => m.extra)?.date).toBe('2026-11-08');
  });

  it('says when the meeting does not exist, is cancelled, or the date is impossible', () => {
    const cancelled = unwrap(cancelMeeting(lotus(), 2, 'Slimība', 'drop', holidays));
    expect(moveMeeting(lotus(), 11, '2026-11-05', 'only-this', holidays)).toMatchObject({
      error: { kind: 'meeting-not-found', meetingNumber: 11 },
    });
    expect(moveMeeting(cancelled, 2, '2026-11-05', 'only-this', holidays)).toMatchObject({
      error: { kind: 'meeting-cancelled' },
    });
    expect(moveMeeting(lotus(), 2, '2026-11-31', 'only-this', holidays)).toMatchObject({
      error: { kind: 'invalid-date', value: '2026-11-31' },
    });
  });
});

describe('cancelling a meeting', () => {
  it('keeps a dropped meeting as cancelled with its reason, and changes nothing else', () => {
    const result = unwrap(cancelMeeting(lotus(), 3, '  Telpa applūdusi ', 'drop', holidays));
    expect(result).toHaveLength(10);
    expect(result[2]).toMatchObject({
      id: 'id-3',
      date: '2026-11-11',
      planId: 'p3',
      status: 'cancelled',
      cancelReason: 'Telpa applūdusi',
    });
    expect(dates(result)).toEqual(dates(lotus()));
    expect(planIds(result)).toEqual(plans);
  });

  it('moves the plan to the next meeting and every later plan one on, adding a date at the end', () => {
    const result = unwrap(cancelMeeting(lotus(), 3, 'Vadītāja slima', 'move-to-next', holidays));
    expect(result.map((m) => [m.date, m.planId, m.status])).toEqual([
      ['2026-10-28', 'p1', 'planned'],
      ['2026-11-04', 'p2', 'planned'],
      ['2026-11-11', 'p3', 'cancelled'],
      ['2026-11-25', 'p3', 'planned'],
      ['2026-12-02', 'p4', 'planned'],
      ['2026-12-09', 'p5', 'planned'],
      ['2026-12-16', 'p6', 'planned'],
      ['2026-12-23', 'p7', 'planned'],
      ['2026-12-30', 'p8', 'planned'],
      ['2027-01-06', 'p9', 'planned'],
      ['2027-01-13', 'p10', 'planned'],
    ]);
    // Meetings keep their dates and ids; the new one has no id yet.
    expect(result.slice(0, 10).map((m) => m.id)).toEqual(lotus().map((m) => m.id));
    expect(result[10]).not.toHaveProperty('id');
    expect(result.map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('adds the new last date in the next open week, past the year-end holidays', () => {
    const thursdays = lotus({ firstDate: '2026-11-12', weekday: 4, count: 6 }); // … 10.12, 17.12
    const result = unwrap(cancelMeeting(thursdays, 6, 'Ekskursija', 'move-to-next', holidays));
    expect(result.at(-1)).toMatchObject({ date: '2027-01-07', planId: 'p6', startTime: '16:00' });
  });

  it('passes over held and extra meetings when moving plans on', () => {
    let schedule = held(lotus(), 5); // 2 Dec held, oddly, while 11 Nov is still planned
    schedule = unwrap(addExtraMeeting(schedule, '2026-11-25', '18:00', 60, 'p9'));
    const result = unwrap(cancelMeeting(schedule, 3, 'Slimība', 'move-to-next', holidays));
    expect(result.map((m) => [m.date, m.planId, m.status, m.extra ?? false])).toEqual([
      ['2026-10-28', 'p1', 'planned', false],
      ['2026-11-04', 'p2', 'planned', false],
      ['2026-11-11', 'p3', 'cancelled', false],
      ['2026-11-25', 'p3', 'planned', false],
      ['2026-11-25', 'p9', 'planned', true],
      ['2026-12-02', 'p5', 'held', false],
      ['2026-12-09', 'p4', 'planned', false],
      ['2026-12-16', 'p6', 'planned', false],
      ['2026-12-23', 'p7', 'planned', false],
      ['2026-12-30', 'p8', 'planned', false],
      ['2027-01-06', 'p9', 'planned', false],
      ['2027-01-13', 'p10', 'planned', false],
    ]);
  });

  it('cancels an extra meeting without shifting the series', () => {
    const schedule = unwrap(addExtraMeeting(lotus(), '2026-11-07', '12:00', 60));
    const result = unwrap(cancelMeeting(schedule, 3, 'Lietus', 'move-to-next', holidays));
    expect(result).toHaveLength(11);
    expect(planIds(result.filter((m) => !m.extra))).toEqual(plans);
    expect(result[2]).toMatchObject({ extra: true, status: 'cancelled', cancelReason: 'Lietus' });
  });

  it('refuses without a reason or with an overlong one, and refuses held or cancelled meetings', () => {
    expect(cancelMeeting(lotus(), 3, '   ', 'drop', holidays)).toEqual({
      ok: false,
      error: { kind: 'reason-required' },
    });
    expect(cancelMeeting(held(lotus(), 3), 3, 'x', 'drop', holidays)).toMatchObject({
      error: { kind: 'meeting-held', meetingNumber: 3 },
    });
    expect(cancelMeeting(lotus(), 3, 'x'.repeat(501), 'drop', holidays)).toMatchObject({
      error: { kind: 'reason-too-long', max: 500 },
    });
    const once = unwrap(cancelMeeting(lotus(), 3, 'x', 'drop', holidays));
    expect(cancelMeeting(once, 3, 'y', 'move-to-next', holidays)).toMatchObject({
      error: { kind: 'meeting-cancelled' },
    });
  });
});

describe('adding an extra meeting', () => {
  it('places it by date, numbers it there and numbers the later meetings on', () => {
    const result = unwrap(addExtraMeeting(lotus(), '2026-11-14', '11:00', 120));
    expect(result).toHaveLength(11);
    expect(result[3]).toEqual({
      number: 4,
      date: '2026-11-14',
      startTime: '11:00',
      durationMinutes: 120,
      status: 'planned',
      extra: true,
    });
    expect(result[4]).toMatchObject({ number: 5, id: 'id-4', planId: 'p4' });
    expect(result.at(-1)).toMatchObject({ number: 11, id: 'id-10' });
  });

  it('can run one of the programme’s plans', () => {
    const result = unwrap(addExtraMeeting(lotus(), '2027-01-09', '11:00', 90, 'p3'));
    expect(result.at(-1)).toMatchObject({ extra: true, planId: 'p3', number: 11 });
  });

  it('comes after a meeting at the same date and time', () => {
    const result = unwrap(addExtraMeeting(lotus(), '2026-11-04', '16:00', 90));
    expect(result[1]).toMatchObject({ id: 'id-2' });
    expect(result[2]).toMatchObject({ extra: true, number: 3 });
  });

  it('refuses an impossible date, time or length', () => {
    expect(addExtraMeeting(lotus(), '2026-02-29', '11:00', 90)).toMatchObject({
      error: { kind: 'invalid-date' },
    });
    expect(addExtraMeeting(lotus(), '2026-11-14', '11.00', 90)).toMatchObject({
      error: { kind: 'invalid-time' },
    });
    expect(addExtraMeeting(lotus(), '2026-11-14', '11:00', 600)).toMatchObject({
      error: { kind: 'invalid-duration' },
    });
  });
});
