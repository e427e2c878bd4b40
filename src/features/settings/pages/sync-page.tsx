import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHasCoordinatorKey, useSyncStatus } from '../../../services/services';
import { Notice } from '../../../ui/notice';
import { Page } from '../../../ui/page';
import { ConnectForm } from '../sync/connect-form';
import { JoinCodePanel } from '../sync/join-code-panel';
import { JoinedDevicesPanel } from '../sync/joined-devices-panel';
import { LeaveDevicePanel } from '../sync/leave-device-panel';
import { SyncProblemNotice } from '../sync/sync-problems';
import { SyncStatusPanel } from '../sync/sync-status-panel';

/**
 * Settings → Sync. Everyone sees how sync is doing; only a coordinator (who
 * holds the coordinator key, not just the role in the staff row) connects
 * the organisation or makes join codes.
 */
export function SyncPage() {
  const { t } = useTranslation('settings');
  const status = useSyncStatus();
  const coordinator = useHasCoordinatorKey();
  const [disconnected, setDisconnected] = useState(false);
  const [codesMade, setCodesMade] = useState(0);
  return (
    <Page title={t('sync.title')}>
      <p>{t('sync.intro')}</p>
      {disconnected && !status.connected ? (
        <Notice tone="success" live title={t('sync.leave.disconnected')} />
      ) : null}
      {status.connected ? (
        <>
          <SyncStatusPanel status={status} />
          {coordinator ? (
            <>
              <JoinCodePanel onMade={() => setCodesMade((n) => n + 1)} />
              <JoinedDevicesPanel refresh={codesMade} />
            </>
          ) : null}
          <LeaveDevicePanel waiting={status.waiting} onDisconnected={() => setDisconnected(true)} />
        </>
      ) : (
        <>
          {status.state === 'attention' && status.problem ? (
            // Appears as a refused connect swaps the form back in: announced.
            <SyncProblemNotice problem={status.problem} live />
          ) : null}
          {coordinator ? (
            <ConnectForm />
          ) : (
            <section className="panel" aria-labelledby="sync-off">
              <h2 id="sync-off">{t('sync.state.off')}</h2>
              <p>{t('sync.notCoordinator')}</p>
            </section>
          )}
        </>
      )}
    </Page>
  );
}
