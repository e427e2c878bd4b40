import { useId } from 'react';
import { languageNames, uiLanguages, type UiLanguage } from '../i18n/languages';

/**
 * A young person's own choice of language on a shared screen: every language
 * named in its own script (Latviešu, English, Русский, Українська), so a
 * reader finds theirs whatever the screen shows now.
 */
export function LanguageSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: UiLanguage;
  onChange: (lng: UiLanguage) => void;
}) {
  const id = useId();
  return (
    <div className="language-select">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as UiLanguage)}
        lang={value}
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
