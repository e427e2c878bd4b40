import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/i18n';
import { Notice } from '../../ui/notice';
import { useRequestPersistenceMutation, useStorageHealth } from './api/backup';

/**
 * How much this browser lets Aplis store, how much is used, and whether the
 * browser has agreed to keep it under storage pressure. Persistence is asked
 * for once when this section first shows (Chromium decides silently, Firefox
 * asks the user), and again with the button.
 */
export function StorageHealthSection() {
  const { t } = useTranslation('settings');
  const lng = useLanguage();
  const health = useStorageHealth();
  const persist = useRequestPersistenceMutation();
  const asked = useRef(false);
  const [pressed, setPressed] = useState(false);
  const { mutate } = persist;
  const data = health.data;

  useEffect(() => {
    if (asked.current || !data || data.persisted || !data.canPersist) return;
    asked.current = true;
    mutate();
  }, [data, mutate]);

  const mb = (bytes: number) =>
    new Intl.NumberFormat(lng, { maximumFractionDigits: 1 }).format(bytes / 1_048_576);
  return (
    <section className="panel" aria-labelledby="settings-storage">
      <h2 id="settings-storage">{t('storage.title')}</h2>
      {data ? (
        <>
          <p data-testid="storage-usage">
            {data.usage !== null && data.quota !== null
              ? t('storage.usage', { used: mb(data.usage), quota: mb(data.quota) })
              : t('storage.unknown')}
          </p>
          <p data-testid="storage-persisted">
            {data.persisted ? t('storage.persisted') : t('storage.notPersisted')}
          </p>
          {!data.persisted && data.canPersist ? (
            <button
              type="button"
              className="btn"
              disabled={persist.isPending}
              onClick={() => {
                setPressed(true);
                persist.mutate();
              }}
            >
              {t('storage.persist')}
            </button>
          ) : null}
          {pressed && persist.isSuccess && !persist.data && !data.persisted ? (
            <Notice tone="info" live title={t('storage.persistRefused')} />
          ) : null}
          <p className="muted">{t('storage.fullExplained')}</p>
        </>
      ) : null}
    </section>
  );
}
