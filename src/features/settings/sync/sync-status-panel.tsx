import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMomentDate, formatTime } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { useServices } from '../../../services/services';
import type { SyncStatus } from '../../../sync/types';
import { SyncProblemNotice } from './sync-problems';
import { SyncProgressBar } from './sync-progress';

/** A connected device's sync: when it last worked, what waits, what was refused, and "Sync now". */
export function SyncStatusPanel({ status }: { status: SyncStatus }) {
  const { t } = useTranslation('settings');
  const lng = useLanguage();
  const { sync } = useServices();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown }>();
  const moment = (at: number) => ({ date: formatMomentDate(at, lng), time: formatTime(at, lng) });

  // The refusals are on screen now: the header need not ask for attention for them.
  useEffect(() => {
    if (status.unseenRefusals) sync.refusalsSeen?.();
  }, [status.unseenRefusals, sync]);

  async function syncNow() {
    setBusy(true);
    setFailure(undefined);
    try {
      await sync.syncNow();
    } catch (error) {
      setFailure({ error });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="sync-status">
      <h2 id="sync-status">{t('sync.status.title')}</h2>
      <p className="sync-state" data-state={status.state}>
        {t(`sync.state.${status.state}`)}
      </p>
      {status.state === 'attention' && status.problem ? (
        <SyncProblemNotice problem={status.problem} />
      ) : null}
      <p>
        {status.lastSyncAt !== undefined
          ? t('sync.status.last', moment(status.lastSyncAt))
          : t('sync.status.never')}
      </p>
      <p>
        {status.waiting > 0
          ? t('sync.status.waiting', { count: status.waiting })
          : t('sync.status.nothingWaiting')}
      </p>
      {status.progress ? (
        <SyncProgressBar progress={status.progress} onInterrupt={() => sync.stop()} />
      ) : null}
      {status.refusals.length > 0 ? (
        <>
          <h3 id="sync-refusals">{t('sync.refusals.title')}</h3>
          <ul className="sync-refusals" aria-labelledby="sync-refusals">
            {status.refusals.map((refusal, i) => {
              const at = moment(refusal.at);
              return (
                <li key={i}>
                  <span className="sync-refusal-when">
                    {at.date} {at.time}
                  </span>{' '}
                  {t(`sync.refusals.${refusal.reason}`, { count: refusal.count })}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {failure ? <SyncProblemNotice error={failure.error} live /> : null}
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy}
        onClick={() => void syncNow()}
      >
        {busy ? t('sync.status.syncing') : t('sync.status.syncNow')}
      </button>
    </section>
  );
}
