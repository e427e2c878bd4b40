/**
 * The languages Aplis speaks: Latvian, English, and Russian and Ukrainian,
 * which many young people in Latvia choose to speak. Adding one means adding
 * its texts (see README "Adding a language") and listing it here and in
 * `i18n/format.ts`; the content test finds every file it needs from this list.
 */
export const uiLanguages = ['lv', 'en', 'ru', 'uk'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/** Each language's own name, shown in the switcher whatever the current language. */
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
 * Languages a young person can choose for their own plan (and a feedback
 * kiosk), independent of the app's language: every language Aplis speaks.
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
