/**
 * The languages Aplis speaks: Latvian, English, and Russian and Ukrainian,
 * which many young people in Latvia choose to speak. This is the only list of
 * them: the switchers and pickers, i18next, the record schemas in src/domain
 * and the content and e2e tests all take it from here, and what each language
 * needs beyond its texts (quick-exit recipe page, demo words) is typed
 * `Record<UiLanguage, …>`, so the type checker names what a new one lacks.
 * The steps, including its Intl locale in `i18n/format.ts`, are in README
 * "Adding a language".
 *
 * A plain constant module that imports nothing: src/domain imports it too, and
 * must stay free of i18next and React.
 */
export const uiLanguages = ['lv', 'en', 'ru', 'uk'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/** Each language's own name, shown in the switchers and pickers whatever the current language. */
export const languageNames: Record<UiLanguage, string> = {
  lv: 'Latviešu',
  en: 'English',
  ru: 'Русский',
  uk: 'Українська',
};

/**
 * The script each language is written in: the content test checks that a
 * Cyrillic file has no sentence left in Latin letters, and the PDFs embed a
 * font that covers both.
 */
export const languageScripts: Record<UiLanguage, 'Latn' | 'Cyrl'> = {
  lv: 'Latn',
  en: 'Latn',
  ru: 'Cyrl',
  uk: 'Cyrl',
};

/**
 * Languages a young person can choose for their own plan, independent of the
 * app's language: every language Aplis speaks.
 */
export const planLanguages: readonly UiLanguage[] = uiLanguages;
export type PlanLanguage = (typeof planLanguages)[number];

export function isPlanLanguage(value: unknown): value is PlanLanguage {
  return typeof value === 'string' && (planLanguages as readonly string[]).includes(value);
}

export const namespaces = [
  'common',
  'setup',
  'programmes',
  'settings',
  'staff',
  'cohorts',
  'screening',
  'meeting',
  'plans',
  'reports',
] as const;
export type Namespace = (typeof namespaces)[number];

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (uiLanguages as readonly string[]).includes(value);
}
