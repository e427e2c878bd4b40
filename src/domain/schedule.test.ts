import { afterEach, describe, expect, it } from 'vitest';
import type { Closure } from './closures';
import { computeLatvianPublicHolidays } from './latvian-holidays';
import {
  generateSchedule,
  MAX_MEETINGS,
  type ScheduleInput,
  type ScheduleResult,
} from './schedule';
import { weekdayOf } from './week-dates';

const holidays = computeLatvianPublicHolidays(2026, 2028);
const lotusPlans = Array.from({ length: 10 }, (_, i) => `lotus-w${String(i + 1).padStart(2, '0')}`);

function lotus(overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    firstDate: '2026-11-11',
    weekday: 3,
    count: 10,
    planIds: lotusPlans,
    closures: holidays,
    startTime: '16:00',
    durationMinutes: 90,
    ...overrides,
  };
}

function unwrap<T>(result: ScheduleResult<T>): T {
  if (!result.ok) throw new Error(`expected a schedule, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function datesOf(input: ScheduleInput): string[] {
  return unwrap(generateSchedule(input)).map((m) => m.date);
}

const deviceZone = process.env.TZ;
afterEach(() => {
  if (deviceZone === undefined) delete process.env.TZ;
  else process.env.TZ = deviceZone;
});

describe('generating a schedule', () => {
  it('gives Lotus ten weekly meetings, each with its plan in order', () => {
    const meetings = unwrap(generateSchedule(lotus({ firstDate: '2026-09-02' })));
    expect(meetings).toHaveLength(10);
    expect(meetings.map((m) => m.planId)).toEqual(lotusPlans);
    expect(meetings.map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(meetings[0]).toEqual({
      number: 1,
      planId: 'lotus-w01',
      date: '2026-09-02',
      startTime: '16:00',
      durationMinutes: 90,
      status: 'planned',
    });
  });

  it('skips Proclamation Day (Wednesday 18 November 2026) and gives its plan the next week', () => {
    const meetings = unwrap(generateSchedule(lotus()));
    expect(meetings.map((m) => m.date)).toEqual([
      '2026-11-11',
      '2026-11-25',
      '2026-12-02',
      '2026-12-09',
      '2026-12-16',
      '2026-12-23',
      '2026-12-30',
      '2027-01-06',
      '2027-01-13',
      '2027-01-20',
    ]);
    expect(meetings[1]).toMatchObject({ date: '2026-11-25', planId: 'lotus-w02' });
  });

  it('skips Christmas Eve and New Year’s Eve on a Thursday group across the year end', () => {
    expect(datesOf(lotus({ firstDate: '2026-12-10', weekday: 4, count: 4 }))).toEqual([
      '2026-12-10',
      '2026-12-17',
      '2027-01-07',
      '2027-01-14',
    ]);
  });

  it('skips Christmas Day and New Year’s Day on a Friday group', () => {
    expect(datesOf(lotus({ firstDate: '2026-12-18', weekday: 5, count: 3 }))).toEqual([
      '2026-12-18',
      '2027-01-08',
      '2027-01-15',
    ]);
  });

  it('skips the organisation’s own summer break', () => {
    const summer: Closure = {
      id: 'summer',
      from: '2027-06-28',
      to: '2027-08-15',
      label: 'Vasara',
      kind: 'organisation',
    };
    const dates = datesOf(
      lotus({ firstDate: '2027-06-14', weekday: 1, count: 4, closures: [...holidays, summer] }),
    );
    expect(dates).toEqual(['2027-06-14', '2027-06-21', '2027-08-16', '2027-08-23']);
  });

  it('keeps a Sunday group on Sundays at the same time across the March clock change in Riga', () => {
    process.env.TZ = 'Europe/Riga';
    // The device's clock really changes during this series: UTC+2, then UTC+3.
    expect(new Date('2026-03-28T12:00:00Z').getTimezoneOffset()).toBe(-120);
    expect(new Date('2026-03-29T12:00:00Z').getTimezoneOffset()).toBe(-180);
    const meetings = unwrap(
      generateSchedule(
        lotus({ firstDate: '2026-03-15', weekday: 7, count: 5, startTime: '17:30' }),
      ),
    );
    // Easter Sunday (5 April) is a public holiday, so the series steps over it.
    expect(meetings.map((m) => m.date)).toEqual([
      '2026-03-15',
      '2026-03-22',
      '2026-03-29',
      '2026-04-12',
      '2026-04-19',
    ]);
    expect(meetings.every((m) => weekdayOf(m.date) === 7 && m.startTime === '17:30')).toBe(true);
  });

  it('keeps a Monday group on Mondays at the same time across the October clock change in Riga', () => {
    process.env.TZ = 'Europe/Riga';
    const meetings = unwrap(
      generateSchedule(
        lotus({ firstDate: '2026-10-19', weekday: 1, count: 3, startTime: '17:30' }),
      ),
    );
    expect(meetings.map((m) => m.date)).toEqual(['2026-10-19', '2026-10-26', '2026-11-02']);
    expect(meetings.every((m) => weekdayOf(m.date) === 1 && m.startTime === '17:30')).toBe(true);
  });

  it('steps over Easter Monday on a Monday group in the spring clock-change week', () => {
    expect(datesOf(lotus({ firstDate: '2026-03-23', weekday: 1, count: 3 }))).toEqual([
      '2026-03-23',
      '2026-03-30',
      '2026-04-13',
    ]);
  });

  it('starts on the first chosen weekday on or after the first date', () => {
    expect(datesOf(lotus({ firstDate: '2026-11-09', count: 2 }))).toEqual([
      '2026-11-11',
      '2026-11-25',
    ]);
  });

  it('cycles the plans of a rolling group through the chosen number of weeks', () => {
    const meetings = unwrap(
      generateSchedule(lotus({ firstDate: '2027-01-06', count: 7, planIds: ['a', 'b', 'c'] })),
    );
    expect(meetings.map((m) => m.planId)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('refuses a first date that is itself a public holiday, naming the holiday', () => {
    const result = generateSchedule(lotus({ firstDate: '2026-11-18' }));
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'first-date-closed',
        date: '2026-11-18',
        closure: { label: 'Latvijas Republikas proklamēšanas diena' },
      },
    });
  });

  it('refuses a start whose first meeting day is closed, even if the first date itself is open', () => {
    const result = generateSchedule(lotus({ firstDate: '2026-11-16' }));
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'first-date-closed', date: '2026-11-18' },
    });
  });

  it('refuses a programme with zero meetings', () => {
    expect(generateSchedule(lotus({ planIds: [] }))).toEqual({
      ok: false,
      error: { kind: 'programme-has-no-meetings' },
    });
  });

  it('refuses zero weeks, a fraction of a week and absurdly many', () => {
    expect(generateSchedule(lotus({ count: 0 }))).toMatchObject({ error: { kind: 'no-meetings' } });
    expect(generateSchedule(lotus({ count: 2.5 }))).toMatchObject({
      error: { kind: 'no-meetings' },
    });
    expect(generateSchedule(lotus({ count: MAX_MEETINGS + 1 }))).toMatchObject({
      error: { kind: 'too-many-meetings', max: MAX_MEETINGS },
    });
  });

  it('refuses impossible dates, weekdays, times and lengths, saying which', () => {
    expect(generateSchedule(lotus({ firstDate: '2026-02-30' }))).toMatchObject({
      error: { kind: 'invalid-date', value: '2026-02-30' },
    });
    expect(generateSchedule(lotus({ weekday: 0 }))).toMatchObject({
      error: { kind: 'invalid-weekday' },
    });
    expect(generateSchedule(lotus({ startTime: '25:00' }))).toMatchObject({
      error: { kind: 'invalid-time' },
    });
    expect(generateSchedule(lotus({ durationMinutes: 5 }))).toMatchObject({
      error: { kind: 'invalid-duration', min: 15, max: 480 },
    });
  });

  it('gives up with an error, not a hang, when closures block every week for years', () => {
    const forever: Closure = {
      id: 'x',
      from: '2026-11-12',
      to: '2099-12-31',
      label: 'Closed',
      kind: 'organisation',
    };
    expect(generateSchedule(lotus({ closures: [forever] }))).toMatchObject({
      ok: false,
      error: { kind: 'no-open-week', after: '2026-11-11' },
    });
  });

  it('generates a year of weekly meetings with a year of closures in well under 20 ms', () => {
    const input = lotus({ firstDate: '2027-01-04', weekday: 1, count: 52, planIds: lotusPlans });
    const runs: number[] = [];
    for (let run = 0; run < 50; run++) {
      const start = performance.now();
      generateSchedule(input);
      runs.push(performance.now() - start);
    }
    runs.sort((a, b) => a - b);
    const median = runs[25] ?? Infinity;
    expect(unwrap(generateSchedule(input))).toHaveLength(52);
    expect(median, `median of 50 runs: ${median.toFixed(2)} ms`).toBeLessThanOrEqual(20);
  });
});
