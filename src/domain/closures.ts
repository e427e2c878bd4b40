/**
 * Closures: days on which groups do not meet — Latvian public holidays and the
 * organisation's own breaks (summer, staff training days).
 *
 * This module is light on purpose: schedules, clash checks and the settings
 * screen can import it freely. The holiday rules engine (date-holidays-parser,
 * ≈145 KB gzip with its time-zone data) is reached only through the dynamic
 * import in `latvianPublicHolidays`, so it always lands in a chunk of its own
 * that loads when a scheduling screen asks for holidays, never with the shell.
 */
import { z } from 'zod/mini';
import type { IsoDate } from './calendar-date';

export const closureKinds = ['public-holiday', 'organisation'] as const;
export type ClosureKind = (typeof closureKinds)[number];

export const closureSchema = z
  .object({
    /** `lv-2026-11-18` for a public holiday (stable, so a coordinator's "we meet anyway" sticks); a uuid for the organisation's own. */
    id: z.string().check(z.minLength(1)),
    /** First closed day. */
    from: z.iso.date(),
    /** Last closed day, inclusive: a one-day closure has `to === from`. */
    to: z.iso.date(),
    label: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
    kind: z.enum(closureKinds),
    /** Names in other languages, where the source has them (public holidays: lv and en). */
    names: z.optional(z.object({ lv: z.optional(z.string()), en: z.optional(z.string()) })),
  })
  .check(
    z.refine((closure) => closure.from <= closure.to, {
      path: ['to'],
      message: 'a closure cannot end before it starts',
    }),
  );
export type Closure = z.infer<typeof closureSchema>;

/**
 * The closure that covers `date`, if any. ISO dates compare correctly as
 * strings, so no date arithmetic is needed here.
 */
export function closureOn(date: IsoDate, closures: readonly Closure[]): Closure | undefined {
  return closures.find((closure) => closure.from <= date && date <= closure.to);
}

/** The closure's name in `lng` where the source has one (public holidays: lv, en), else its label. */
export function closureName(closure: Closure, lng: string): string {
  const names = closure.names as Record<string, string | undefined> | undefined;
  return names?.[lng] ?? closure.label;
}

export function isClosed(date: IsoDate, closures: readonly Closure[]): boolean {
  return closureOn(date, closures) !== undefined;
}

/**
 * Latvian public holidays (days off by law, including substitute Mondays)
 * from 1 January `fromYear` to 31 December `toYear`, from the maintained
 * date-holidays rules. Asynchronous because the rules engine is loaded on
 * first use (see the note at the top).
 */
export async function latvianPublicHolidays(fromYear: number, toYear: number): Promise<Closure[]> {
  const { computeLatvianPublicHolidays } = await import('./latvian-holidays');
  return computeLatvianPublicHolidays(fromYear, toYear);
}
