/**
 * Dates and numbers in the user's language. Latvian numeric dates end with a
 * full stop (`23.11.2026.`), which ICU leaves out, so we add it.
 *
 * Dates in Aplis are calendar dates (`YYYY-MM-DD`) in Riga; they are formatted
 * at noon UTC so no time zone can move them to another day.
 *
 * Intl formatters are costly to build (a list of 400 groups would build
 * thousands), so each language/options pair is built once and reused.
 */
const intlLocale: Record<string, string> = {
  lv: 'lv-LV',
  en: 'en-GB',
  ru: 'ru-RU',
  uk: 'uk-UA',
};

/** The Intl locale of an Aplis language (`ru` → `ru-RU`). */
export function intlLocaleOf(lng: string): string {
  return intlLocale[lng] ?? lng;
}

const numericDate: Intl.DateTimeFormatOptions = {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
};
const longDate: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
};
const weekdayOnly: Intl.DateTimeFormatOptions = { weekday: 'long', timeZone: 'UTC' };

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const numberFormatters = new Map<string, Intl.NumberFormat>();

function dateFormatter(
  lng: string,
  name: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${lng}|${name}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(intlLocaleOf(lng), options);
    dateFormatters.set(key, formatter);
  }
  return formatter;
}

function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}

/** Calendar days already formatted: a list of hundreds of meetings has a handful of dates. */
const formattedDays = new Map<string, string>();

export function formatDate(value: string | Date, lng: string): string {
  const key = typeof value === 'string' ? `${lng}|${value}` : undefined;
  const known = key === undefined ? undefined : formattedDays.get(key);
  if (known !== undefined) return known;
  const formatted = dateFormatter(lng, 'date', numericDate).format(toDate(value));
  const text = lng === 'lv' && !formatted.endsWith('.') ? `${formatted}.` : formatted;
  if (key !== undefined) {
    if (formattedDays.size >= 2000) formattedDays.clear();
    formattedDays.set(key, text);
  }
  return text;
}

export function formatLongDate(value: string | Date, lng: string): string {
  return dateFormatter(lng, 'long', longDate).format(toDate(value));
}

export function formatWeekday(isoWeekday: number, lng: string): string {
  // 2024-01-01 was a Monday.
  return dateFormatter(lng, 'weekday', weekdayOnly).format(
    new Date(Date.UTC(2024, 0, isoWeekday, 12)),
  );
}

/**
 * A moment (epoch ms: a sync, a code's expiry) as a clock time on this
 * device's own clock, "14:02" — unlike calendar dates, it is the time people
 * read off their watch, so it follows the device's time zone.
 */
export function formatTime(value: number | Date, lng: string): string {
  return dateFormatter(lng, 'time', { hour: '2-digit', minute: '2-digit' }).format(value);
}

/** A moment's calendar date on this device's clock, written as `formatDate` writes dates. */
export function formatMomentDate(value: number | Date, lng: string): string {
  const d = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return formatDate(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, lng);
}

/** 0.71 → "71%" (en) / "71 %" (lv). */
export function formatPercent(share: number, lng: string): string {
  let formatter = numberFormatters.get(lng);
  if (!formatter) {
    formatter = new Intl.NumberFormat(intlLocaleOf(lng), { style: 'percent' });
    numberFormatters.set(lng, formatter);
  }
  return formatter.format(share);
}

/** A language's name in the reader's language: `languageName('ru', 'lv')` → "krievu". */
export function languageName(code: string, lng: string): string {
  try {
    return new Intl.DisplayNames(intlLocaleOf(lng), { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
