import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isoWeekday, todayInRiga } from './calendar-date';

describe('calendar dates', () => {
  it('adds days across the spring and autumn clock changes without skipping a date', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 7)).toBe('2026-10-31');
  });

  it('knows Monday is 1 and Sunday is 7', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });

  it('counts days between dates in either direction', () => {
    expect(daysBetween('2026-11-23', '2026-12-07')).toBe(14);
    expect(daysBetween('2026-12-07', '2026-11-23')).toBe(-14);
  });

  it('takes today from Riga, not from UTC', () => {
    // 23:30 UTC on 22 Nov is already 23 Nov in Riga (UTC+2 in winter).
    expect(todayInRiga(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
  });
});
