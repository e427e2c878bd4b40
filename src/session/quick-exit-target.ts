/** Where quick exit sends the tab: a device setting, kept in the plain `meta` table. */
import { isUiLanguage, type UiLanguage } from '../i18n/languages';

export type QuickExitTarget =
  { kind: 'recipe' } | { kind: 'blank' } | { kind: 'address'; url: string };

export const DEFAULT_QUICK_EXIT: QuickExitTarget = { kind: 'recipe' };
/** The `meta` key of the device's choice. */
export const QUICK_EXIT_KEY = 'quickExit';

/**
 * The harmless recipe page in each language: same origin, precached
 * (`public/neutral-<lng>.html`; Latvian, the first, is `neutral.html`).
 */
export const RECIPE_PAGES: Record<UiLanguage, string> = {
  lv: '/neutral.html',
  en: '/neutral-en.html',
  ru: '/neutral-ru.html',
  uk: '/neutral-uk.html',
};

/** Only whole https (or http) addresses: never `javascript:` or a path into the app. */
export function isQuickExitAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Reads a stored choice; anything unexpected falls back to the default. */
export function parseQuickExitTarget(value: unknown): QuickExitTarget {
  if (typeof value !== 'object' || value === null) return DEFAULT_QUICK_EXIT;
  const v = value as Record<string, unknown>;
  if (v.kind === 'blank') return { kind: 'blank' };
  if (v.kind === 'address' && typeof v.url === 'string' && isQuickExitAddress(v.url))
    return { kind: 'address', url: v.url };
  return DEFAULT_QUICK_EXIT;
}

export function quickExitUrl(target: QuickExitTarget, language: string): string {
  if (target.kind === 'blank') return 'about:blank';
  if (target.kind === 'address') return target.url;
  return isUiLanguage(language) ? RECIPE_PAGES[language] : RECIPE_PAGES.lv;
}
