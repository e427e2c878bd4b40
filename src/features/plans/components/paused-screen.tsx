import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';

/** A neutral screen that says nothing about the app, the plan or the person. */
export function PausedScreen({ t, onContinue }: { t: TFunction<'plans'>; onContinue: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <main className="kiosk-paused" id="main">
      <button ref={button} type="button" className="kiosk-paused-button" onClick={onContinue}>
        <span className="kiosk-paused-title">{t('paused.title')}</span>
        <span>{t('paused.text')}</span>
      </button>
    </main>
  );
}
