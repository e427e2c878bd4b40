import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';

/** A neutral screen that says nothing about the app, the plan or the person. */
export function PausedScreen({
  t,
  lang,
  onContinue,
}: {
  t: TFunction<'plans'>;
  /** The plan's language, which `t` speaks. */
  lang: string;
  onContinue: () => void;
}) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <main className="kiosk-paused" id="main" lang={lang}>
      <button ref={button} type="button" className="kiosk-paused-button" onClick={onContinue}>
        <span className="kiosk-paused-title">{t('paused.title')}</span>
        <span>{t('paused.text')}</span>
      </button>
    </main>
  );
}
