import { describe, expect, it } from 'vitest';
import {
  formatMonthTitle,
  groupByDate,
  monthWeeks,
  parseYearMonth,
  shiftMonth,
} from './month-layout';

describe('monthWeeks', () => {
  it('starts every week on Monday and ends it on Sunday', () => {
    for (const week of monthWeeks(2026, 11)) {
      expect(week).toHaveLength(7);
      expect(new Date(`${week[0]!}T12:00:00Z`).getUTCDay()).toBe(1);
      expect(new Date(`${week[6]!}T12:00:00Z`).getUTCDay()).toBe(0);
    }
  });

  it('puts a month that starts on a Sunday in the last column of the first week', () => {
    // 1 November 2026 is a Sunday; 30 November a Monday.
    const weeks = monthWeeks(2026, 11);
    expect(weeks[0]).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
    expect(weeks).toHaveLength(6);
    expect(weeks.at(-1)![0]).toBe('2026-11-30');
    expect(weeks.at(-1)![6]).toBe('2026-12-06');
  });

  it('includes 29 February in a leap year', () => {
    // February 2028 starts on a Tuesday and has 29 days.
    const days = monthWeeks(2028, 2).flat();
    expect(days[0]).toBe('2028-01-31');
    expect(days).toContain('2028-02-29');
    expect(days.at(-1)).toBe('2028-03-05');
    expect(days.filter((d) => d.startsWith('2028-02'))).toHaveLength(29);
  });

  it('fits a February that starts on Monday in exactly four weeks', () => {
    // February 2027 starts on a Monday and has 28 days.
    const weeks = monthWeeks(2027, 2);
    expect(weeks).toHaveLength(4);
    expect(weeks[0]![0]).toBe('2027-02-01');
    expect(weeks[3]![6]).toBe('2027-02-28');
  });

  it('keeps every day once across the daylight-saving changes in March and October', () => {
    for (const month of [3, 10]) {
      const days = monthWeeks(2026, month).flat();
      expect(new Set(days).size).toBe(days.length);
      expect(
        days.filter((d) => d.startsWith(`2026-${String(month).padStart(2, '0')}`)),
      ).toHaveLength(31);
    }
    // Clocks go back on Sunday 25 October 2026: still a Sunday column.
    const october = monthWeeks(2026, 10);
    expect(october.some((week) => week[6] === '2026-10-25')).toBe(true);
    expect(october.some((week) => week[0] === '2026-10-26')).toBe(true);
  });
});

describe('months in the URL', () => {
  it('reads YYYY-MM and refuses anything else', () => {
    expect(parseYearMonth('2026-11')).toEqual({ year: 2026, month: 11 });
    expect(parseYearMonth('2026-13')).toBeUndefined();
    expect(parseYearMonth('Anna')).toBeUndefined();
    expect(parseYearMonth(null)).toBeUndefined();
  });

  it('moves across the turn of the year', () => {
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
  });
});

it('names the month in the UI language', () => {
  expect(formatMonthTitle({ year: 2026, month: 11 }, 'en')).toBe('November 2026');
  expect(formatMonthTitle({ year: 2026, month: 11 }, 'lv')).toMatch(/novembris/);
});

it('groups meetings by day, keeping their order', () => {
  const grouped = groupByDate(
    [
      { date: '2026-11-02', id: 'a' },
      { date: '2026-11-03', id: 'b' },
      { date: '2026-11-02', id: 'c' },
    ],
    (m) => m.date,
  );
  expect(grouped.get('2026-11-02')!.map((m) => m.id)).toEqual(['a', 'c']);
  expect(grouped.get('2026-11-03')!.map((m) => m.id)).toEqual(['b']);
  expect(grouped.has('2026-11-04')).toBe(false);
});
