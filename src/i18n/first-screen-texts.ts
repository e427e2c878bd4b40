/**
 * The chosen language and the first screen's texts, apart from i18next: the
 * build keeps this module (with languages.ts) in a small chunk of its own that
 * main.tsx runs before the main chunks are evaluated (`prefetchFirstScreenTexts`),
 * so the two locale chunks download while those are evaluated instead of
 * after (docs/first-paint.md). i18n.ts's backend then imports the same modules
 * without a second request.
 */
import { isUiLanguage, type Namespace, type UiLanguage } from './languages';

export const LANGUAGE_STORAGE_KEY = 'aplis.language';

export const localeFiles = import.meta.glob<{ default: Record<string, unknown> }>(
  '../../locales/*/*.json',
);

export function preferredLanguage(): UiLanguage {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isUiLanguage(stored)) return stored;
  } catch {
    // Storage may be blocked; fall through to the browser's preference.
  }
  for (const tag of navigator.languages ?? []) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isUiLanguage(base)) return base;
  }
  return 'lv';
}

/**
 * What the first screen (welcome, unlock) needs. The app starts with only
 * these, so its first paint waits for two small locale chunks instead of
 * ten; the rest follow right after (`loadRemainingNamespaces`), and a screen
 * that needs one before then suspends until it is there.
 */
export const firstScreenNamespaces = ['common', 'setup'] as const satisfies readonly Namespace[];

/** Starts fetching the first screen's texts in the language it will show. */
export function prefetchFirstScreenTexts(): void {
  const lng = preferredLanguage();
  for (const namespace of firstScreenNamespaces) {
    void localeFiles[`../../locales/${lng}/${namespace}.json`]?.().catch(() => undefined);
  }
}
