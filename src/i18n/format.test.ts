import { describe, expect, it } from 'vitest';
import { formatDate, formatLongDate, formatWeekday } from './format';

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

  it('does not move a calendar date across a daylight-saving change', () => {
    expect(formatDate('2026-03-29', 'lv')).toBe('29.03.2026.');
    expect(formatDate('2026-10-25', 'en')).toBe('25/10/2026');
  });
});
