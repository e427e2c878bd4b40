import { useTranslation } from 'react-i18next';
import { rememberLanguage } from '../i18n/i18n';
import { languageNames, uiLanguages } from '../i18n/languages';

/** Switches the whole app — texts, curriculum and dates — between languages. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('common:language.label')}>
      {uiLanguages.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="btn btn-quiet"
          aria-pressed={i18n.resolvedLanguage === lng}
          onClick={() => {
            rememberLanguage(lng);
            void i18n.changeLanguage(lng);
          }}
        >
          <span aria-hidden="true">{lng.toUpperCase()}</span>
          <span className="visually-hidden">{languageNames[lng]}</span>
        </button>
      ))}
    </div>
  );
}
