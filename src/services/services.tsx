/**
 * The app's long-lived objects — database, vault, keyring, repositories —
 * made once per app instance and handed down by context, so tests can render
 * the app against their own in-memory database.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { DeriveFn, KdfPolicy } from '../crypto/kdf';
import { Vault, type VaultSession } from '../crypto/vault';
import { cohortStore, type CohortStore } from '../db/cohort-store';
import { keyringStore, type KeyringStore } from '../db/keyring-store';
import { createRepositories, type Repositories } from '../db/repositories';
import { AplisDatabase } from '../db/schema';

export interface AppServices {
  db: AplisDatabase;
  vault: Vault;
  keyring: KeyringStore;
  repos: Repositories;
  /** Writes that span tables. */
  cohortStore: CohortStore;
}

export function createServices(
  options: { dbName?: string; policy?: KdfPolicy; derive?: DeriveFn } = {},
): AppServices {
  const db = new AplisDatabase(options.dbName);
  const vault = new Vault();
  const repos = createRepositories(db, vault);
  return {
    db,
    vault,
    keyring: keyringStore(db, vault, {
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.derive ? { derive: options.derive } : {}),
    }),
    repos,
    cohortStore: cohortStore(db, repos),
  };
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({
  services,
  children,
}: {
  services: AppServices;
  children: ReactNode;
}) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

/** Re-renders when the vault locks, unlocks or changes who is signed in. */
export function useVaultSession(): VaultSession | null {
  const { vault } = useServices();
  return useSyncExternalStore(
    (listener) => vault.subscribe(listener),
    () => vault.session,
  );
}
