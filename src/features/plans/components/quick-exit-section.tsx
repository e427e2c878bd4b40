import { useTranslation } from 'react-i18next';

/** Settings: what quick exit does, and what it cannot do. */
export function QuickExitSection() {
  const { t } = useTranslation('plans');
  return (
    <section className="panel" aria-labelledby="settings-quick-exit">
      <h2 id="settings-quick-exit">{t('settings.quickExitTitle')}</h2>
      <p>{t('settings.quickExitDoes')}</p>
      <p>{t('settings.quickExitDoesNot')}</p>
    </section>
  );
}
