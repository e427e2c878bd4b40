/**
 * Part of a screen in another language than the app's: a feedback kiosk in
 * the group's working language, switched by the young person holding the
 * device. Inside the scope every `useTranslation` speaks `lng` (quick exit
 * too, so it goes to the recipe page in that language); the app's own
 * language, the remembered choice and `<html lang>` stay as they are — the
 * caller marks its element with `lang={lng}`.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { Loading } from './page';

export function LanguageScope({ lng, children }: { lng: string; children: ReactNode }) {
  const { i18n } = useTranslation();
  // One clone per scope, sharing the loaded texts; its language is its own.
  const [scoped] = useState(() => i18n.cloneInstance({ lng, initAsync: false }));
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Load the texts first, so switching never shows a half-translated screen.
    void i18n
      .loadLanguages(lng)
      .then(() => scoped.changeLanguage(lng))
      .then(() => {
        if (live) setShown(lng);
      });
    return () => {
      live = false;
    };
  }, [i18n, scoped, lng]);
  if (shown === null) return <Loading />;
  return <I18nextProvider i18n={scoped}>{children}</I18nextProvider>;
}
