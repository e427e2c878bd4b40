import { afterEach, describe, expect, it } from 'vitest';
import {
  isIsoDate,
  isTimeOfDay,
  minutesOfDay,
  onOrAfterWeekday,
  weekdayOf,
  weeksAfter,
} from './week-dates';

const deviceZone = process.env.TZ;
afterEach(() => {
  // Assigning undefined would set the text "undefined".
  if (deviceZone === undefined) delete process.env.TZ;
  else process.env.TZ = deviceZone;
});

describe('week dates', () => {
  it('accepts real dates only, written YYYY-MM-DD', () => {
    expect(isIsoDate('2026-11-18')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('18.11.2026')).toBe(false);
    expect(isIsoDate('2026-11')).toBe(false);
  });

  it('accepts times 00:00 to 23:59 only', () => {
    expect(isTimeOfDay('17:30')).toBe(true);
    expect(isTimeOfDay('00:00')).toBe(true);
    expect(isTimeOfDay('24:00')).toBe(false);
    expect(isTimeOfDay('9:30')).toBe(false);
    expect(minutesOfDay('17:30')).toBe(1050);
  });

  it('steps a week across the year end', () => {
    expect(weeksAfter('2026-12-28', 1)).toBe('2027-01-04');
    expect(weeksAfter('2027-01-04', -1)).toBe('2026-12-28');
  });

  it('steps a week across both clock changes in Riga, on a device set to Riga time', () => {
    process.env.TZ = 'Europe/Riga';
    expect(weeksAfter('2026-03-22', 1)).toBe('2026-03-29');
    expect(weeksAfter('2026-03-29', 1)).toBe('2026-04-05');
    expect(weeksAfter('2026-10-25', 1)).toBe('2026-11-01');
    expect(weekdayOf('2026-03-29')).toBe(7);
  });

  it('steps a week where clocks change at midnight (a device abroad, in Chile)', () => {
    process.env.TZ = 'America/Santiago';
    expect(weeksAfter('2026-08-30', 1)).toBe('2026-09-06');
    expect(weeksAfter('2026-09-06', 1)).toBe('2026-09-13');
  });

  it('finds the first chosen weekday on or after a date', () => {
    expect(onOrAfterWeekday('2026-11-16', 3)).toBe('2026-11-18');
    expect(onOrAfterWeekday('2026-11-18', 3)).toBe('2026-11-18');
    expect(onOrAfterWeekday('2026-12-31', 1)).toBe('2027-01-04');
  });
});
