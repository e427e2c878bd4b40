import { describe, expect, it } from 'vitest';
import { formatDate, formatLongDate, formatPercent, formatWeekday } from './format';

describe('dates in the user language', () => {
  it('writes Latvian numeric dates with the closing full stop', () => {
    expect(formatDate('2026-11-23', 'lv')).toBe('23.11.2026.');
  });

  it('writes English dates day first', () => {
    expect(formatDate('2026-11-23', 'en')).toBe('23/11/2026');
  });

  it('uses Latvian weekday and month names', () => {
    expect(formatLongDate('2026-11-23', 'lv')).toBe('pirmdiena, 2026. gada 23. novembris');
    expect(formatWeekday(3, 'lv').toLowerCase()).toBe('trešdiena');
    expect(formatWeekday(3, 'en')).toBe('Wednesday');
  });

  it('writes Russian and Ukrainian dates, weekdays and months in their own words', () => {
    expect(formatDate('2026-11-23', 'ru')).toBe('23.11.2026');
    expect(formatDate('2026-11-23', 'uk')).toBe('23.11.2026');
    expect(formatLongDate('2026-11-23', 'ru')).toBe('понедельник, 23 ноября 2026 г.');
    expect(formatLongDate('2026-11-23', 'uk')).toBe('понеділок, 23 листопада 2026 р.');
    expect(formatWeekday(3, 'ru')).toBe('среда');
    expect(formatWeekday(3, 'uk')).toBe('середа');
  });

  it('writes percentages the way each language does', () => {
    expect(formatPercent(0.71, 'en')).toBe('71%');
    // Russian and Latvian put a (no-break) space before the sign.
    expect(formatPercent(0.71, 'ru').replace(/\s/u, ' ')).toBe('71 %');
    expect(formatPercent(0.71, 'uk')).toMatch(/^71\s?%$/u);
  });

  it('does not move a calendar date across a daylight-saving change', () => {
    expect(formatDate('2026-03-29', 'lv')).toBe('29.03.2026.');
    expect(formatDate('2026-10-25', 'en')).toBe('25/10/2026');
  });
});
