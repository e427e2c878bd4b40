/**
 * i18next set-up. UI text lives in the top-level `locales/<lng>/<ns>.json`
 * and is loaded per language on demand (only the current one is fetched, from
 * the app's own origin and the service worker's cache).
 *
 * The chosen language is one of two things Aplis keeps in localStorage: it
 * says nothing about any person, and the locked screens need it before the
 * vault is open. The other is the device-level flag the static first frame
 * reads (session/first-frame-flag.ts: set up or not, demo or not, where Quick
 * exit goes), also about the device and never about a person.
 */
import i18next, { type i18n } from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next, useTranslation } from 'react-i18next';
import { LANGUAGE_STORAGE_KEY, localeFiles, preferredLanguage } from './first-screen-texts';
import {
  isUiLanguage,
  namespaces,
  uiLanguages,
  type Namespace,
  type UiLanguage,
} from './languages';

export { firstScreenNamespaces, preferredLanguage } from './first-screen-texts';

export function rememberLanguage(lng: UiLanguage): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // Not fatal: the language just won't be remembered.
  }
}

/**
 * `lng` defaults to the remembered or browser language; `only` limits what is
 * loaded before the returned promise resolves (default: every namespace).
 */
export async function createI18n(
  lng: UiLanguage = preferredLanguage(),
  only: readonly Namespace[] = namespaces,
): Promise<i18n> {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (next) => {
    document.documentElement.lang = next;
  });
  await instance
    .use(initReactI18next)
    .use(
      resourcesToBackend((language: string, namespace: string) => {
        const load = localeFiles[`../../locales/${language}/${namespace}.json`];
        if (!load) return Promise.reject(new Error(`no locale file ${language}/${namespace}`));
        return load().then((m) => m.default);
      }),
    )
    .init({
      lng,
      fallbackLng: false,
      supportedLngs: [...uiLanguages],
      ns: [...only],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: true },
    });
  document.documentElement.lang = lng;
  return instance;
}

/** Loads the namespaces `createI18n` was told to leave for later. */
export function loadRemainingNamespaces(instance: i18n): Promise<void> {
  return instance.loadNamespaces([...namespaces]).then(() => undefined);
}

/**
 * The language this screen is shown in — the app's, or a `LanguageScope`'s
 * around it (a kiosk in the group's language) — for dates, numbers, the
 * curriculum and new records. Always one Aplis speaks: Latvian until i18next
 * has resolved one.
 */
export function useLanguage(): UiLanguage {
  const { i18n } = useTranslation();
  return isUiLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : uiLanguages[0];
}
