/**
 * Dates and numbers in the user's language. Latvian numeric dates end with a
 * full stop (`23.11.2026.`), which ICU leaves out, so we add it.
 *
 * Dates in Aplis are calendar dates (`YYYY-MM-DD`) in Riga; they are formatted
 * at noon UTC so no time zone can move them to another day.
 */
const intlLocale: Record<string, string> = { lv: 'lv-LV', en: 'en-GB' };

function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}

export function formatDate(value: string | Date, lng: string): string {
  const text = new Intl.DateTimeFormat(intlLocale[lng] ?? lng, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(toDate(value));
  return lng === 'lv' && !text.endsWith('.') ? `${text}.` : text;
}

export function formatLongDate(value: string | Date, lng: string): string {
  return new Intl.DateTimeFormat(intlLocale[lng] ?? lng, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(toDate(value));
}

export function formatWeekday(isoWeekday: number, lng: string): string {
  // 2024-01-01 was a Monday.
  const date = new Date(Date.UTC(2024, 0, isoWeekday, 12));
  return new Intl.DateTimeFormat(intlLocale[lng] ?? lng, {
    weekday: 'long',
    timeZone: 'UTC',
  }).format(date);
}
