import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMomentDate, formatTime } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { useServices } from '../../../services/services';
import type { JoinedDevice } from '../../../sync/types';
import { Notice } from '../../../ui/notice';
import { SyncProblemNotice } from './sync-problems';

/**
 * Settings → Sync, for a coordinator: the server accounts made for devices
 * that joined with a code, each of which can be shut out of the server on
 * its own (a lost or handed-back device). Shutting out asks once more.
 * `refresh` changes when a new code (and so a new account) was made.
 */
export function JoinedDevicesPanel({ refresh = 0 }: { refresh?: number }) {
  const { t } = useTranslation('settings');
  const lng = useLanguage();
  const { sync } = useServices();
  const list = useQuery({
    queryKey: ['sync', 'devices', refresh],
    queryFn: async (): Promise<JoinedDevice[] | null> => (await sync.devices()) ?? null,
    retry: false,
    // The server's list, not this device's data: read again each time the page
    // opens (local queries never go stale, so a list cached before a code was
    // made would say no device joined).
    refetchOnMount: 'always',
  });
  const devices: JoinedDevice[] | null | 'loading' = list.isPending
    ? 'loading'
    : (list.data ?? null);
  const [failure, setFailure] = useState<{ error: unknown }>();
  const [confirming, setConfirming] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [revoked, setRevoked] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  async function revoke(name: string) {
    setBusy(true);
    setFailure(undefined);
    setRevoked(false);
    try {
      await sync.revokeDevice(name);
      setConfirming(undefined);
      setRevoked(true);
      await list.refetch();
    } catch (error) {
      setFailure({ error });
    } finally {
      setBusy(false);
    }
  }

  const when = (at: number) => ({ date: formatMomentDate(at, lng), time: formatTime(at, lng) });

  return (
    <section className="panel" aria-labelledby="sync-devices">
      <h2 id="sync-devices">{t('sync.devices.title')}</h2>
      <p>{t('sync.devices.intro')}</p>
      {devices === 'loading' ? null : devices === null ? (
        list.isError ? (
          <SyncProblemNotice error={list.error} />
        ) : (
          <p>{t('sync.devices.unavailable')}</p>
        )
      ) : devices.length === 0 ? (
        <p>{t('sync.devices.none')}</p>
      ) : (
        <ul className="sync-devices">
          {devices.map((device, i) => (
            <li key={device.name}>
              <p>
                <strong>{t('sync.devices.device', { n: i + 1 })}</strong>{' '}
                {t('sync.devices.made', when(device.createdAt))}
                <br />
                <span className="sync-device-account">
                  {t('sync.devices.account', { name: device.name })}
                </span>
              </p>
              {confirming === device.name ? (
                <div
                  className="sync-confirm"
                  role="group"
                  aria-labelledby={`sync-revoke-${device.name}`}
                >
                  <h3 id={`sync-revoke-${device.name}`} ref={confirmHeading} tabIndex={-1}>
                    {t('sync.devices.confirmTitle', { n: i + 1 })}
                  </h3>
                  <p>{t('sync.devices.confirmText')}</p>
                  <div className="button-row">
                    <button
                      type="button"
                      className="btn btn-danger"
                      disabled={busy}
                      onClick={() => void revoke(device.name)}
                    >
                      {busy ? t('sync.devices.revoking') : t('sync.devices.confirm')}
                    </button>
                    <button
                      type="button"
                      className="btn"
                      disabled={busy}
                      onClick={() => setConfirming(undefined)}
                    >
                      {t('sync.devices.cancel')}
                    </button>
                  </div>
                </div>
              ) : (
                <div className="button-row">
                  <button
                    type="button"
                    className="btn"
                    onClick={() => {
                      setRevoked(false);
                      setConfirming(device.name);
                    }}
                    aria-label={t('sync.devices.revokeLabel', {
                      n: i + 1,
                      ...when(device.createdAt),
                    })}
                  >
                    {t('sync.devices.revoke')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {revoked ? <Notice tone="success" live title={t('sync.devices.revoked')} /> : null}
      {failure ? <SyncProblemNotice error={failure.error} live /> : null}
    </section>
  );
}
