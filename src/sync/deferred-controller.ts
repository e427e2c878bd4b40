/**
 * The SyncController the app holds from its first screen: a stand-in that
 * loads the real one (controller.ts, with its settings store, join codes and
 * the sync cipher) at the first unlock or the first call, so none of that is
 * in the first screen's JavaScript. Before then nothing syncs — sync runs only
 * while the vault is open — and the status is 'off'.
 */
import type { SyncControllerOptions } from './controller';
import type { SyncController, SyncStatus } from './types';

const OFF: SyncStatus = { state: 'off', connected: false, waiting: 0, refusals: [] };

export function deferredSyncController(options: SyncControllerOptions): SyncController {
  const { vault } = options;
  const listeners = new Set<() => void>();
  const appliedListeners = new Set<() => void>();
  let real: SyncController | undefined;
  let loading: Promise<SyncController> | undefined;

  function load(): Promise<SyncController> {
    loading ??= import('./controller').then((m) => {
      stopWatching();
      real = m.createSyncController(options);
      real.subscribe(() => {
        for (const listener of listeners) listener();
      });
      real.onApplied?.(() => {
        for (const listener of appliedListeners) listener();
      });
      for (const listener of listeners) listener();
      return real;
    });
    return loading;
  }

  // The real controller starts syncing when the vault opens; it loads then.
  const stopWatching = vault.subscribe(() => {
    if (vault.isUnlocked) void load().catch(() => (loading = undefined));
  });

  // A device that joined but was closed before anyone unlocked it asks for its
  // join code again on the unlock screen (controller.ts `joinAgain`): that
  // needs the real controller before the unlock. (Keys of db/sync/settings.ts,
  // not imported, so it stays out of the first screen's JavaScript.)
  void options.db.meta
    .bulkGet(['sync:joining', 'sync:pending-join'])
    .then((rows) => {
      if (rows.some(Boolean)) void load().catch(() => (loading = undefined));
    })
    .catch(() => undefined);

  return {
    status: () => real?.status() ?? OFF,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // Not loaded: nothing is running to stop.
    stop: () => real?.stop(),
    connect: async (settings) => (await load()).connect(settings),
    createJoinCode: async () => (await load()).createJoinCode(),
    join: async (code) => (await load()).join(code),
    syncNow: async () => (await load()).syncNow(),
    disconnect: async () => (await load()).disconnect(),
    leaveAndWipe: async () => (await load()).leaveAndWipe(),
    devices: async () => (await load()).devices(),
    revokeDevice: async (name) => (await load()).revokeDevice(name),
    refusalsSeen: () => real?.refusalsSeen?.(),
    // Not loaded: nothing is arriving.
    received: async () => (await real?.received?.()) ?? false,
    incomplete: () => real?.incomplete?.() ?? false,
    onApplied(listener) {
      appliedListeners.add(listener);
      return () => appliedListeners.delete(listener);
    },
  };
}
