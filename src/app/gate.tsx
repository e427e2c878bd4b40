import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from '../ui/page';
import { useDeviceSettings } from './device-settings';
import { UnlockScreen } from './lock/unlock-screen';
import { useVaultSession } from './services';

// First-visit set-up and recovery are rare: they load on demand, keeping the
// everyday first screen (the unlock screen) small.
const Welcome = lazy(() =>
  import('../features/setup/welcome').then((m) => ({ default: m.Welcome })),
);
const NewPassphraseScreen = lazy(() =>
  import('./lock/new-passphrase-screen').then((m) => ({ default: m.NewPassphraseScreen })),
);

/** Nothing inside renders until the device is set up and the vault is open. */
export function Gate({ children }: { children: ReactNode }) {
  const device = useDeviceSettings();
  const session = useVaultSession();
  if (device.isPending) return <Loading />;
  if (device.isError) throw device.error;
  if (!device.data.setUp) {
    return (
      <Suspense fallback={<Loading />}>
        <Welcome />
      </Suspense>
    );
  }
  if (!session) return <UnlockScreen />;
  if (session.viaRecovery) {
    return (
      <Suspense fallback={<Loading />}>
        <NewPassphraseScreen />
      </Suspense>
    );
  }
  return <>{children}</>;
}
