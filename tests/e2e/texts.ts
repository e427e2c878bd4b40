/**
 * The app's own texts, read from `locales/<lng>/<ns>.json`, so a spec can run
 * in every language Aplis speaks without copying translations into the test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { uiLanguages, type UiLanguage } from '../../src/i18n/languages';

export { uiLanguages, type UiLanguage };

const cache = new Map<string, Record<string, unknown>>();

function file(lng: string, ns: string): Record<string, unknown> {
  const key = `${lng}/${ns}`;
  let content = cache.get(key);
  if (!content) {
    content = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../../locales', lng, `${ns}.json`), 'utf8'),
    ) as Record<string, unknown>;
    cache.set(key, content);
  }
  return content;
}

/** `text('uk', 'plans:sections.hopes.title')`; `{{name}}` filled from `values`. */
export function text(
  lng: string,
  id: string,
  values: Record<string, string | number> = {},
): string {
  const [ns, key] = id.split(':') as [string, string];
  let value: unknown = file(lng, ns);
  for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (typeof value !== 'string') throw new Error(`no text ${lng}/${id}`);
  return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text in any language, as an exact-match pattern (for helpers that work in all of them). */
export function inAnyLanguage(id: string): RegExp {
  return new RegExp(`^(${uiLanguages.map((lng) => escape(text(lng, id))).join('|')})$`);
}
