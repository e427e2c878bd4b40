import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../../services/services';
import { SyncProblemNotice } from './sync-problems';

/**
 * Disconnecting keeps everything here; leaving wipes the device. Wiping asks
 * once more and names what goes — including changes the server never got.
 */
export function LeaveDevicePanel({
  waiting,
  onDisconnected,
}: {
  waiting: number;
  onDisconnected: () => void;
}) {
  const { t } = useTranslation('settings');
  const { sync } = useServices();
  const [busy, setBusy] = useState<'disconnect' | 'wipe'>();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown }>();
  const confirmHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  async function run(kind: 'disconnect' | 'wipe') {
    setBusy(kind);
    setFailure(undefined);
    try {
      if (kind === 'disconnect') {
        await sync.disconnect();
        onDisconnected();
      } else {
        await sync.leaveAndWipe();
        // Start afresh: the page forgets every key, and the welcome screen shows.
        window.location.replace('/');
      }
    } catch (error) {
      setFailure({ error });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className="panel" aria-labelledby="sync-leave">
      <h2 id="sync-leave">{t('sync.leave.title')}</h2>
      <p>{t('sync.leave.disconnectText')}</p>
      <div className="button-row">
        <button
          type="button"
          className="btn"
          disabled={busy !== undefined}
          onClick={() => void run('disconnect')}
        >
          {busy === 'disconnect' ? t('sync.leave.disconnecting') : t('sync.leave.disconnect')}
        </button>
      </div>
      <p>{t('sync.leave.wipeText')}</p>
      {confirming ? (
        <div className="sync-confirm" role="group" aria-labelledby="sync-wipe-confirm">
          <h3 id="sync-wipe-confirm" ref={confirmHeading} tabIndex={-1}>
            {t('sync.leave.confirmTitle')}
          </h3>
          <p>{t('sync.leave.confirmText')}</p>
          {waiting > 0 ? (
            <p className="sync-confirm-waiting">
              {t('sync.leave.confirmWaiting', { count: waiting })}
            </p>
          ) : null}
          <div className="button-row">
            <button
              type="button"
              className="btn btn-danger"
              disabled={busy !== undefined}
              onClick={() => void run('wipe')}
            >
              {busy === 'wipe' ? t('sync.leave.wiping') : t('sync.leave.confirm')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={busy !== undefined}
              onClick={() => setConfirming(false)}
            >
              {t('sync.leave.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
            {t('sync.leave.wipe')}
          </button>
        </div>
      )}
      {failure ? <SyncProblemNotice error={failure.error} live /> : null}
    </section>
  );
}
