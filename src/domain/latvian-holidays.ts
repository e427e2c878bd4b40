/**
 * Latvian public holidays from the maintained date-holidays rules.
 *
 * Load this module through `latvianPublicHolidays` in closures.ts (a dynamic
 * import), never statically from the app shell: the rules engine carries
 * moment-timezone and weighs ≈145 KB gzip.
 *
 * Why the parser and a data file rather than `date-holidays` itself: the full
 * package bundles the rules of every country (another ≈90 KB gzip). We run
 * the same engine (date-holidays-parser, which date-holidays wraps) on the
 * Latvian rules only. `latvian-holidays-data.json` is that subset, cut from
 * date-holidays' own data by latvian-holidays.test.ts, which also fails when a
 * date-holidays update changes Latvia's rules (regenerate with
 * `npx vitest run src/domain/latvian-holidays.test.ts -u`) and checks that the
 * subset gives exactly the holidays the full library gives.
 */
import HolidaysParser from 'date-holidays-parser';
import { todayInRiga } from './calendar-date';
import type { Closure } from './closures';
import latvianRules from './latvian-holidays-data.json';

// Built once on first use: parsing the rules is the slow part, and the
// instance holds no user data. A year's holidays never change, so they are
// kept too (computing one year takes a few milliseconds).
let parser: HolidaysParser | undefined;
const byYear = new Map<number, readonly Closure[]>();

function latvia(): HolidaysParser {
  parser ??= new HolidaysParser(latvianRules, 'LV', { languages: ['lv', 'en'] });
  return parser;
}

export function computeLatvianPublicHolidays(fromYear: number, toYear: number): Closure[] {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear)) {
    throw new RangeError(`years must be whole numbers, got ${fromYear}–${toYear}`);
  }
  const closures: Closure[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    let holidays = byYear.get(year);
    if (!holidays) {
      holidays = holidaysIn(year);
      byYear.set(year, holidays);
    }
    // Copies, so a caller that edits a closure cannot change the cache.
    closures.push(...holidays.map((closure) => structuredClone(closure)));
  }
  return closures;
}

function holidaysIn(year: number): Closure[] {
  const inLatvian = latvia().getHolidays(year, 'lv');
  const inEnglish = latvia().getHolidays(year, 'en');
  const closures: Closure[] = [];
  inLatvian.forEach((holiday, index) => {
    // Observances (Mother's Day) are not days off; only 'public' closes a group.
    if (holiday.type !== 'public') return;
    // `date` is the local calendar date in Riga ("2026-11-18 00:00:00");
    // `end` is the instant the holiday ends, so its last day is the Riga
    // date one millisecond earlier.
    const from = holiday.date.slice(0, 10);
    const to = todayInRiga(new Date(holiday.end.getTime() - 1));
    const english = inEnglish[index];
    closures.push({
      id: `lv-${from}`,
      from,
      to: to < from ? from : to,
      label: holiday.name,
      kind: 'public-holiday',
      names: {
        lv: holiday.name,
        // Both lists come from the same rules in the same order; the date
        // check guards against a future library changing that.
        ...(english?.date === holiday.date ? { en: english.name } : {}),
      },
    });
  });
  return closures;
}
