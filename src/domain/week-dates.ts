/**
 * Weekly date arithmetic for schedules, on `YYYY-MM-DD` calendar dates.
 *
 * All arithmetic goes through date-fns on UTCDate values: a meeting date is a
 * day, not an instant, and UTCDate keeps date-fns from consulting the
 * device's time zone, so "a week later" is the same calendar day of the next
 * week whether the device is in Riga (clocks change on the last Sundays of
 * March and October) or anywhere else. The meeting's time of day is kept
 * separately as Riga wall-clock `HH:mm`, which no clock change moves.
 *
 * Kept apart from calendar-date.ts on purpose: that module is in the app
 * shell, whose bundle has almost no room left; this one loads with the
 * scheduling screens.
 */
import { utc } from '@date-fns/utc';
import { addDays, addWeeks, formatISO, getISODay, isValid, parseISO } from 'date-fns';
import type { IsoDate } from './calendar-date';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

function toDay(date: IsoDate): Date {
  return parseISO(date, { in: utc });
}

function fromDay(day: Date): IsoDate {
  return formatISO(day, { representation: 'date' });
}

/** A real calendar date written `YYYY-MM-DD` (so not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && isValid(toDay(value));
}

/** A time of day written `HH:mm`, 00:00–23:59. */
export function isTimeOfDay(value: string): boolean {
  return HH_MM.test(value);
}

/** Minutes since midnight of an `HH:mm` time. */
export function minutesOfDay(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

export function weeksAfter(date: IsoDate, weeks: number): IsoDate {
  return fromDay(addWeeks(toDay(date), weeks));
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: IsoDate): number {
  return getISODay(toDay(date));
}

/** `date` itself if it falls on `weekday`, else the next such day. */
export function onOrAfterWeekday(date: IsoDate, weekday: number): IsoDate {
  const day = toDay(date);
  return fromDay(addDays(day, (weekday - getISODay(day) + 7) % 7));
}
