/**
 * The app's long-lived objects — vault, keyring, repositories, stores —
 * made once per app instance over one database and handed down by context,
 * so tests can render the app against their own in-memory database. The
 * Dexie database itself stays inside src/db: nothing above it gets it.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { DeriveFn, KdfPolicy } from '../crypto/kdf';
import { Vault, type VaultSession } from '../crypto/vault';
import type { BackupStore } from '../db/backup/store';
import type { cohortStore } from '../db/cohort-store';
import { deviceDatabase, type DeviceDatabase } from '../db/device';
import type { enrolmentStore } from '../db/enrolment-store';
import type { erasureStore } from '../db/erasure';
import { keyringStore, type KeyringStore } from '../db/keyring-store';
import type { meetingStore } from '../db/meeting-store';
import { metaStore, type MetaStore } from '../db/meta-store';
import type { planStore } from '../db/plan-store';
import { createRepositories, type Repositories } from '../db/repositories';
import { AplisDatabase } from '../db/schema';
import { deferredSyncController } from '../sync/deferred-controller';
import type { SyncController, SyncStatus } from '../sync/types';

/** Every method of a store returns a promise, so it can load on its first call. */
type Lazy<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => Promise<R>
    : never;
};

/**
 * A store made once, on the first call of any of its methods: its module (and
 * the domain rules it pulls in) stays out of the first screen's JavaScript.
 */
function lazyStore<T extends object>(load: () => Promise<T>): Lazy<T> {
  let store: Promise<T> | undefined;
  return new Proxy({} as Lazy<T>, {
    get:
      (_target, method) =>
      async (...args: unknown[]) => {
        const loaded = await (store ??= load());
        return (loaded[method as keyof T] as (...a: unknown[]) => Promise<unknown>)(...args);
      },
  });
}

function createStores(db: AplisDatabase, repos: Repositories, vault: Vault) {
  return {
    cohort: lazyStore<ReturnType<typeof cohortStore>>(() =>
      import('../db/cohort-store').then((m) => m.cohortStore(db, repos)),
    ),
    enrolment: lazyStore<ReturnType<typeof enrolmentStore>>(() =>
      import('../db/enrolment-store').then((m) => m.enrolmentStore(db, repos)),
    ),
    erasure: lazyStore<ReturnType<typeof erasureStore>>(() =>
      import('../db/erasure').then((m) => m.erasureStore(db, repos)),
    ),
    meeting: lazyStore<ReturnType<typeof meetingStore>>(() =>
      import('../db/meeting-store').then((m) => m.meetingStore(db, repos, vault)),
    ),
    plan: lazyStore<ReturnType<typeof planStore>>(() =>
      import('../db/plan-store').then((m) => m.planStore(db, repos)),
    ),
  };
}

/** Writes (and a few reads) that span tables, each made once per app instance. */
export type Stores = ReturnType<typeof createStores>;

export interface AppServices {
  /** The database as a whole: version changes from another tab, wiping the demo. */
  database: DeviceDatabase;
  vault: Vault;
  keyring: KeyringStore;
  repos: Repositories;
  stores: Stores;
  /** Device preferences (plain, about no person). */
  meta: MetaStore;
  /** Making, restoring and merging backups of this device. */
  backup: BackupStore;
  /** Team sync through the organisation's server (src/sync/): off until connected or joined. */
  sync: SyncController;
}

export function createServices(
  options: {
    /** The database to use (tests keep their own handle to look inside); else one named `dbName`. */
    db?: AplisDatabase;
    dbName?: string;
    policy?: KdfPolicy;
    derive?: DeriveFn;
  } = {},
): AppServices {
  const db = options.db ?? new AplisDatabase(options.dbName);
  const vault = new Vault();
  const repos = createRepositories(db, vault);
  // Upgrades that need the team key run in the background after each unlock (db/after-unlock.ts).
  upgradeAfterUnlock(db, vault);
  return {
    database: deviceDatabase(db),
    vault,
    keyring: keyringStore(db, vault, {
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.derive ? { derive: options.derive } : {}),
    }),
    repos,
    stores: createStores(db, repos, vault),
    meta: metaStore(db),
    // Loads the controller at the first unlock or call (sync/deferred-controller.ts),
    // PouchDB and the engine only when connected and unlocked (sync/load-engine.ts).
    sync: deferredSyncController({
      db,
      vault,
      ...(options.policy ? { policy: options.policy } : {}),
    }),
    backup: lazyStore<BackupStore>(() =>
      // The same KDF policy as the keyring: key wraps a merged file brings must meet it.
      import('../db/backup/store').then((m) =>
        m.backupStore(db, vault, {
          ...(options.policy ? { policy: options.policy } : {}),
          ...(options.derive ? { derive: options.derive } : {}),
        }),
      ),
    ),
  };
}

/**
 * Upgrades that need the team key (db/after-unlock.ts: re-key tombstones,
 * re-seal rows from before v8, blind person ids in index columns, re-seal
 * rows under a rotated team key) run as one job a moment after someone
 * unlocks, so the unlock itself is not slowed. A lock half-way stops it (the
 * vault refuses to seal); the next unlock goes on. A lock and unlock, or a
 * newer team key learnt, while it runs starts it again once it has stopped.
 */
function upgradeAfterUnlock(db: AplisDatabase, vault: Vault): void {
  let running = false;
  let again = false;
  let generation = 0;
  const run = () => {
    running = true;
    generation = vault.teamGeneration;
    setTimeout(() => {
      void import('../db/after-unlock')
        .then((m) => (vault.isUnlocked ? m.upgradeAfterUnlock(db, vault) : undefined))
        .catch(() => undefined)
        .finally(() => {
          running = false;
          if (again && vault.isUnlocked) run();
          again = false;
        });
    }, 1500);
  };
  vault.subscribe(() => {
    if (running) {
      if (!vault.isUnlocked || vault.teamGeneration !== generation) again = true;
      return;
    }
    if (vault.isUnlocked) run();
  });
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

/**
 * Whether this session holds the coordinator key — the one trustworthy sign
 * that the signed-in person is a coordinator (the staff row's `role` is team
 * data any team member can rewrite). Re-renders when the keys change.
 */
export function useHasCoordinatorKey(): boolean {
  const { vault } = useServices();
  return useSyncExternalStore(
    (listener) => vault.subscribe(listener),
    () => vault.hasCoordinatorKey,
  );
}

/** The sync engine's status (src/sync/types.ts); re-renders when it changes. */
export function useSyncStatus(): SyncStatus {
  const { sync } = useServices();
  return useSyncExternalStore(
    (listener) => sync.subscribe(listener),
    () => sync.status(),
  );
}
