/**
 * The languages Aplis speaks. Adding one (Russian, Ukrainian) means adding
 * its `locales/<lng>/*.json` and `sessions/<programme>/<lng>.json` files and
 * listing it here: nothing else in the code names a language.
 */
export const uiLanguages = ['lv', 'en'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/** Each language's own name, shown in the switcher whatever the current language. */
export const languageNames: Record<UiLanguage, string> = { lv: 'Latviešu', en: 'English' };

/**
 * Languages a young person can choose for their own plan, independent of the
 * app's language. Adding Russian or Ukrainian: its `locales/<lng>/plans.json`
 * and a line here (and in `languageNames`).
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
