import type { ReactNode } from 'react';
import { Welcome } from '../features/setup/welcome';
import { Loading } from '../ui/page';
import { useDeviceSettings } from './device-settings';
import { NewPassphraseScreen } from './lock/new-passphrase-screen';
import { UnlockScreen } from './lock/unlock-screen';
import { useVaultSession } from './services';

/** Nothing inside renders until the device is set up and the vault is open. */
export function Gate({ children }: { children: ReactNode }) {
  const device = useDeviceSettings();
  const session = useVaultSession();
  if (device.isPending) return <Loading />;
  if (device.isError) throw device.error;
  if (!device.data.setUp) return <Welcome />;
  if (!session) return <UnlockScreen />;
  if (session.viaRecovery) return <NewPassphraseScreen />;
  return <>{children}</>;
}
