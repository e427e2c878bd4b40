// @vitest-environment node
import Holidays from 'date-holidays';
import { data } from 'date-holidays/data';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { isoWeekday } from './calendar-date';
import { latvianPublicHolidays } from './closures';
import { computeLatvianPublicHolidays } from './latvian-holidays';

const LANGUAGES = ['lv', 'en'];

/** date-holidays' Latvian rules and the shared names they refer to, in Latvian and English only. */
function latvianSubset() {
  const latvia = data.holidays.LV;
  if (!latvia) throw new Error('date-holidays no longer has rules for LV');
  const referenced = Object.values(latvia.days).flatMap((day) => (day._name ? [day._name] : []));
  const names = [...new Set(referenced)].sort().concat('substitutes');
  return {
    source:
      'Cut from the date-holidays npm package by latvian-holidays.test.ts: do not edit by hand.',
    license: data.license,
    holidays: { LV: latvia },
    names: Object.fromEntries(
      names.map((key) => {
        const entry = data.names[key];
        if (!entry) throw new Error(`date-holidays has no name "${key}"`);
        const name = Object.fromEntries(
          Object.entries(entry.name).filter(([language]) => LANGUAGES.includes(language)),
        );
        return [key, { ...entry, name }];
      }),
    ),
  };
}

function inYear(year: number) {
  return computeLatvianPublicHolidays(year, year);
}

describe('Latvian public holidays', () => {
  it('ships exactly the Latvian rules of the installed date-holidays (rerun with -u after an update)', async () => {
    const file = new URL('./latvian-holidays-data.json', import.meta.url).pathname;
    const options = (await prettier.resolveConfig(file)) ?? {};
    const json = await prettier.format(JSON.stringify(latvianSubset()), {
      ...options,
      filepath: file,
    });
    await expect(json).toMatchFileSnapshot('./latvian-holidays-data.json');
  });

  it('gives the same public holidays as the full date-holidays library, 2000–2060', () => {
    const full = new Holidays('LV');
    for (let year = 2000; year <= 2060; year++) {
      const expected = full
        .getHolidays(year, 'lv')
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => `${holiday.date.slice(0, 10)} ${holiday.name}`);
      const english = full
        .getHolidays(year, 'en')
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.name);
      const ours = inYear(year);
      expect(
        ours.map((c) => `${c.from} ${c.label}`),
        `year ${year}`,
      ).toEqual(expected);
      expect(
        ours.map((c) => c.names?.en),
        `year ${year}`,
      ).toEqual(english);
    }
  });

  it('closes every day Latvian law gives off in 2026', () => {
    const days = inYear(2026).map((c) => c.from);
    expect(days).toEqual([
      '2026-01-01', // Jaunais gads
      '2026-04-03', // Lielā Piektdiena
      '2026-04-05', // Lieldienas
      '2026-04-06', // Otrās Lieldienas
      '2026-05-01', // Darba svētki
      '2026-05-04', // Neatkarības atjaunošanas diena
      '2026-06-23', // Līgo
      '2026-06-24', // Jāņi
      '2026-11-18', // Proklamēšanas diena
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
    ]);
  });

  it('names each holiday in Latvian and English', () => {
    const proclamation = inYear(2026).find((c) => c.from === '2026-11-18');
    expect(proclamation).toMatchObject({
      id: 'lv-2026-11-18',
      to: '2026-11-18',
      kind: 'public-holiday',
      label: 'Latvijas Republikas proklamēšanas diena',
      names: { lv: 'Latvijas Republikas proklamēšanas diena', en: 'Republic Day' },
    });
    const goodFriday = inYear(2026).find((c) => c.from === '2026-04-03');
    expect(goodFriday?.names).toEqual({ lv: 'Lielā Piektdiena', en: 'Good Friday' });
  });

  it('adds no substitute day when 18 November falls on a weekday (a Wednesday in 2026)', () => {
    expect(isoWeekday('2026-11-18')).toBe(3);
    expect(inYear(2026).filter((c) => c.from.startsWith('2026-11'))).toHaveLength(1);
  });

  it('moves 18 November and 4 May to the Monday when they fall on a weekend', () => {
    const days = (year: number) => inYear(year).map((c) => c.from);
    expect(days(2028)).toEqual(expect.arrayContaining(['2028-11-18', '2028-11-20']));
    expect(days(2029)).toEqual(expect.arrayContaining(['2029-11-18', '2029-11-19']));
    expect(days(2025)).toEqual(expect.arrayContaining(['2025-05-04', '2025-05-05']));
    expect(inYear(2028).find((c) => c.from === '2028-11-20')?.label).toMatch(/aizstāj/);
  });

  it("leaves out observances that are not days off, such as Mother's Day", () => {
    expect(inYear(2026).map((c) => c.from)).not.toContain('2026-05-10');
  });

  it('finds Easter by its moving date, year after year', () => {
    const easterMonday = (year: number) =>
      inYear(year).find((c) => c.names?.en === 'Easter Monday')?.from;
    expect(easterMonday(2026)).toBe('2026-04-06');
    expect(easterMonday(2027)).toBe('2027-03-29');
    expect(easterMonday(2028)).toBe('2028-04-17');
  });

  it('covers every year of a range, each holiday a single day', () => {
    const closures = computeLatvianPublicHolidays(2026, 2027);
    expect(closures[0]?.from).toBe('2026-01-01');
    expect(closures.at(-1)?.from).toBe('2027-12-31');
    expect(closures.every((c) => c.from === c.to)).toBe(true);
    expect(new Set(closures.map((c) => c.id)).size).toBe(closures.length);
  });

  it('gives nothing for an empty range and refuses fractional years', () => {
    expect(computeLatvianPublicHolidays(2027, 2026)).toEqual([]);
    expect(() => computeLatvianPublicHolidays(2026.5, 2027)).toThrow(RangeError);
  });

  it('loads the same holidays through the lazy entry point in closures.ts', async () => {
    await expect(latvianPublicHolidays(2026, 2026)).resolves.toEqual(inYear(2026));
  });
});
