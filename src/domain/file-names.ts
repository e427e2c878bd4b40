/**
 * Names of the files the app hands to the browser. They tell files apart in a
 * downloads folder (which organisation, which group, when) using only safe
 * characters — `a-z`, `0-9` and `-` — and never name a person.
 */

/**
 * A name as a file-name part: Latvian letters lose their marks (ā → a),
 * everything that is not a letter or digit becomes one `-`, at most `max`
 * characters. Scripts without a Latin spelling give an empty part.
 */
export function fileNamePart(text: string, max = 32): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** `YYYY-MM-DD-HHmmss` in Riga time (where the groups are), from an instant. */
export function fileTimestamp(at: Date | string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Riga',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(typeof at === 'string' ? new Date(at) : at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}-${part('hour')}${part('minute')}${part('second')}`;
}

/** `aplis-<kind>-<part>-<part>…<extension>`, empty parts left out. */
export function appFileName(kind: string, parts: readonly string[], extension: string): string {
  return ['aplis', kind, ...parts.filter(Boolean)].join('-') + extension;
}
