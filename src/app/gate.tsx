import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { loadWelcome, welcomeIfLoaded } from '../features/setup/routes';
import { GateLoading } from '../session/gate-card';
import { useDeviceSettings } from '../session/device-settings';
import { useAutoLock, useLock, useLockFromOtherTabs } from '../session/lock';
import { UnlockLanding } from '../session/unlock-landing';
import { UnlockScreen } from './lock/unlock-screen';
import { useVaultSession } from '../services/services';

// First-visit set-up and recovery are rare: they load on demand, keeping the
// everyday first screen (the unlock screen) small.
// When main.tsx has loaded it already (a new device), it renders in the
// Gate's first pass: no loading card between the static first frame and the
// welcome card (src/app/first-frame.ts).
const Welcome = lazy(() => {
  const loaded = welcomeIfLoaded();
  return loaded
    ? resolvedNow({ default: loaded.Welcome })
    : loadWelcome().then((m) => ({ default: m.Welcome }));
});

/**
 * A thenable that is already fulfilled: `lazy` (and `use`) read it in the
 * same render instead of suspending until a microtask later.
 */
function resolvedNow<T>(value: T): Promise<T> {
  const thenable = {
    status: 'fulfilled',
    value,
    then<R1 = T, R2 = never>(onFulfilled?: ((v: T) => R1 | PromiseLike<R1>) | null) {
      return Promise.resolve(onFulfilled ? onFulfilled(value) : value) as PromiseLike<R1 | R2>;
    },
  };
  return thenable as unknown as Promise<T>;
}
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
