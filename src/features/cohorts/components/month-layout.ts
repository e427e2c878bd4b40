/**
 * Pure helpers for the meetings calendar: which days a month grid shows, how
 * the month is written in the URL (`YYYY-MM`), and meetings grouped by day.
 *
 * Dates are `YYYY-MM-DD` calendar dates; arithmetic goes through
 * calendar-date.ts (noon UTC), so a daylight-saving change never shifts a day.
 */
import { addDays, isoWeekday, type IsoDate } from '../../../domain/calendar-date';

export interface YearMonth {
  year: number;
  /** 1 = January … 12 = December. */
  month: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function firstOfMonth({ year, month }: YearMonth): IsoDate {
  return `${String(year).padStart(4, '0')}-${pad(month)}-01`;
}

/** The weeks (Monday to Sunday) that cover the month, with the leading and trailing days of the months around it. */
export function monthWeeks(year: number, month: number): IsoDate[][] {
  const first = firstOfMonth({ year, month });
  const start = addDays(first, 1 - isoWeekday(first));
  const next = shiftMonth({ year, month }, 1);
  const lastOfMonth = addDays(firstOfMonth(next), -1);
  const end = addDays(lastOfMonth, 7 - isoWeekday(lastOfMonth));
  const weeks: IsoDate[][] = [];
  for (let day = start; day <= end; day = addDays(day, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
  }
  return weeks;
}

export function shiftMonth({ year, month }: YearMonth, delta: number): YearMonth {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** `2026-11` → { year: 2026, month: 11 }; anything else → undefined. */
export function parseYearMonth(value: string | null | undefined): YearMonth | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year, month } : undefined;
}

export function formatYearMonth({ year, month }: YearMonth): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}`;
}

export function yearMonthOf(date: IsoDate): YearMonth {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/** The month and year in the UI language: "November 2026", "2026. g. novembris". */
export function formatMonthTitle({ year, month }: YearMonth, lng: string): string {
  // Noon UTC on the 15th: no time zone can move it into another month.
  return new Intl.DateTimeFormat(lng, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 15, 12)),
  );
}

/** Items grouped by their date in one pass; each day keeps the items' order. */
export function groupByDate<T>(
  items: readonly T[],
  dateOf: (item: T) => IsoDate,
): Map<IsoDate, T[]> {
  const byDate = new Map<IsoDate, T[]>();
  for (const item of items) {
    const date = dateOf(item);
    const day = byDate.get(date);
    if (day) day.push(item);
    else byDate.set(date, [item]);
  }
  return byDate;
}
