import { useTranslation } from 'react-i18next';
import { Link } from '../../../ui/link';
import { useSyncStatus } from '../../../services/services';

/** The Settings page's way into Settings → Sync, with the state in one sentence. */
export function SyncSummary() {
  const { t } = useTranslation('settings');
  const status = useSyncStatus();
  return (
    <section className="panel" aria-labelledby="settings-sync">
      <h2 id="settings-sync">{t('sync.title')}</h2>
      <p>{t(`sync.state.${status.connected ? status.state : 'off'}`)}</p>
      <Link className="btn" to="/settings/sync">
        {t('sync.open')}
      </Link>
    </section>
  );
}
