import { useTranslation } from 'react-i18next';
import { isUiLanguage, uiLanguages, type UiLanguage } from './languages';

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
