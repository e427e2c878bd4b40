import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberLanguage, useLanguage } from '../i18n/i18n';
import { isUiLanguage, languageNames, uiLanguages } from '../i18n/languages';

/**
 * Switches the whole app — texts, curriculum and dates — between languages.
 * One compact menu that names each language in its own script ("UK" would
 * read as the United Kingdom), however many languages are offered.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = useLanguage();
  return (
    <div className="language-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('common:language.label')}
      </label>
      <select
        id={id}
        lang={current}
        value={current}
        onChange={(event) => {
          const lng = event.target.value;
          if (!isUiLanguage(lng)) return;
          rememberLanguage(lng);
          void i18n.changeLanguage(lng);
        }}
      >
        {uiLanguages.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {languageNames[lng]}
          </option>
        ))}
      </select>
    </div>
  );
}
