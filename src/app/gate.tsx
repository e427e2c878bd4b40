import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { loadWelcome } from '../features/setup/routes';
import { GateLoading } from '../session/gate-card';
import { useDeviceSettings } from '../session/device-settings';
import { useAutoLock, useLock, useLockFromOtherTabs } from '../session/lock';
import { UnlockLanding } from '../session/unlock-landing';
import { UnlockScreen } from './lock/unlock-screen';
import { useVaultSession } from '../services/services';

// First-visit set-up and recovery are rare: they load on demand, keeping the
// everyday first screen (the unlock screen) small.
const Welcome = lazy(() => loadWelcome().then((m) => ({ default: m.Welcome })));
const NewPassphraseScreen = lazy(() =>
  import('./lock/new-passphrase-screen').then((m) => ({ default: m.NewPassphraseScreen })),
);

/** Nothing inside renders until the device is set up and the vault is open. */
export function Gate({ children }: { children: ReactNode }) {
  const device = useDeviceSettings();
  const session = useVaultSession();
  const location = useLocation();
  const [unlock, setUnlock] = useState({ session, landing: null as string | null });
  if (unlock.session !== session) {
    setUnlock({ session, landing: session && !unlock.session ? location.key : null });
  } else if (unlock.landing !== null && unlock.landing !== location.key) {
    // Moved on: from here a refusal is a refusal.
    setUnlock({ session, landing: null });
  }
  // Quick exit is there from the first frame, even while the device is read.
  if (device.isPending) return <GateLoading />;
  if (device.isError) throw device.error;
  if (!device.data.setUp) {
    return (
      <Suspense fallback={<GateLoading />}>
        <Welcome />
      </Suspense>
    );
  }
  if (!session) return <UnlockScreen />;
  if (session.viaRecovery) {
    return (
      <Suspense fallback={<GateLoading />}>
        <LockWhenIdle minutes={device.data.autoLockMinutes} />
        <NewPassphraseScreen />
      </Suspense>
    );
  }
  return <UnlockLanding.Provider value={unlock.landing}>{children}</UnlockLanding.Provider>;
}

/**
 * The vault is open on the new-passphrase screen after a recovery unlock: it
 * locks after inactivity and with the other tabs, like every screen inside
 * the app. (The set-up flow's recovery-code step does not yet: locking there
 * would not hide the code, which lives in the flow's own state.)
 */
function LockWhenIdle({ minutes }: { minutes: number }) {
  const lock = useLock();
  useLockFromOtherTabs();
  useAutoLock(minutes, lock);
  return null;
}
