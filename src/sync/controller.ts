/**
 * The SyncController (types.ts) the screens talk to, loaded at the first
 * unlock or call (deferred-controller.ts); it loads PouchDB and the engine (load-engine.ts)
 * only once this device is connected and someone has unlocked, or when a
 * coordinator connects, or a new device joins.
 *
 * - Syncing runs while the vault is unlocked: Lock and Quick exit stop it at
 *   once (the vault's listeners), the next unlock starts it again.
 * - Only one tab syncs (`navigator.locks` 'aplis-sync'); another tab's
 *   status says 'other-tab', and it takes over when the first one closes.
 * - Meeting mode never waits for the network: writes go to Dexie as always,
 *   and the engine picks them up from the outbox.
 */
import type { KdfPolicy } from '../crypto/kdf';
import { newSyncSecret } from '../crypto/sync-cipher';
import type { Vault } from '../crypto/vault';
import type { AplisDatabase } from '../db/schema';
import { syncSettingsStore, type SyncSettings } from '../db/sync/settings';
import type { PullReport, SyncEngine } from './engine';
import { SyncError } from './errors';
import { asFailure, problemOf } from './problems';
import { makeJoinCode, readJoinCode } from './join-code';
import type { ConnectSettings, JoinCode, SyncController, SyncRefusal, SyncStatus } from './types';

/** Makes an engine for a connection (tests hand in one over in-memory replicas). */
export type EngineLoader = (
  settings: SyncSettings,
) => Promise<SyncEngine & { destroy(): Promise<void> }>;

export interface SyncControllerOptions {
  db: AplisDatabase;
  vault: Vault;
  policy?: KdfPolicy;
  load?: EngineLoader;
  now?: () => number;
  /** `navigator.locks`, or null where there is none (tests). */
  locks?: Pick<LockManager, 'request'> | null;
}

const MAX_REFUSALS = 5;
const OFF: SyncStatus = { state: 'off', connected: false, waiting: 0, refusals: [] };

function defaultLoader(db: AplisDatabase, vault: Vault, policy?: KdfPolicy): EngineLoader {
  return async (settings) => {
    const m = await import('./load-engine');
    const { local, remote } = m.openReplicas(settings, globalThis.location?.origin ?? '');
    const engine = new m.SyncEngine({
      db,
      vault,
      local,
      remote,
      secret: settings.secret,
      ...(policy ? { policy } : {}),
    });
    return Object.assign(engine, {
      destroy: async () => {
        engine.stop();
        await local.destroy();
      },
    });
  };
}

export function createSyncController(options: SyncControllerOptions): SyncController & {
  /** Settles once the stored connection has been read (tests, the first render). */
  ready: Promise<void>;
} {
  const { db, vault } = options;
  const now = options.now ?? Date.now;
  const store = syncSettingsStore(db, vault);
  const load = options.load ?? defaultLoader(db, vault, options.policy);
  const locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
  const listeners = new Set<() => void>();
  let status: SyncStatus = OFF;
  let engine: Promise<Awaited<ReturnType<EngineLoader>>> | undefined;
  let release: (() => void) | undefined;
  let wanted = false;

  function set(patch: Partial<SyncStatus>): void {
    const next = { ...status, ...patch };
    if (patch.problem === undefined && 'problem' in patch) delete next.problem;
    if (patch.progress === undefined && 'progress' in patch) delete next.progress;
    status = next;
    for (const listener of listeners) listener();
  }

  function noteRefusals(report: PullReport): void {
    const at = now();
    const fresh: SyncRefusal[] = Object.entries(report.refused).map(([reason, count]) => ({
      reason: reason as SyncRefusal['reason'],
      at,
      count,
    }));
    if (fresh.length) set({ refusals: [...fresh, ...status.refusals].slice(0, MAX_REFUSALS) });
  }

  async function engineFor(settings?: SyncSettings) {
    if (!engine) {
      const s = settings ?? (await store.read());
      if (!s) throw new SyncError('not-connected');
      engine = load(s);
      engine.catch(() => (engine = undefined));
    }
    return engine;
  }

  function fail(error: unknown): never {
    set({ state: 'attention', problem: problemOf(error), progress: undefined });
    throw asFailure(error);
  }

  async function round(phase?: 'first-push' | 'first-pull'): Promise<void> {
    const e = await engineFor();
    set({ state: 'syncing', problem: undefined });
    const report = await e.syncNow(
      phase ? (p) => set({ progress: { phase, done: p.done, total: p.total } }) : undefined,
    );
    noteRefusals(report);
    if (report.foreign) throw new SyncError('foreign-database');
    set({
      state: 'synced',
      waiting: await e.waiting(),
      lastSyncAt: now(),
      progress: undefined,
    });
  }

  /** Only one tab syncs: true when this one may. */
  function acquire(): Promise<boolean> {
    if (!locks) return Promise.resolve(true);
    if (release) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const hold = () =>
        new Promise<void>((done) => {
          release = () => {
            release = undefined;
            done();
          };
        });
      void locks.request('aplis-sync', { ifAvailable: true }, (lock) => {
        if (lock) {
          resolve(true);
          return hold();
        }
        resolve(false);
        // Wait for the other tab to let go, then start here.
        void locks.request('aplis-sync', () => {
          if (!wanted || !vault.isUnlocked) return undefined;
          void start();
          return hold();
        });
        return undefined;
      });
    });
  }

  async function start(): Promise<void> {
    wanted = true;
    if (!vault.isUnlocked || !(await store.connected())) return;
    if (!(await acquire())) {
      set({ state: 'attention', problem: 'other-tab' });
      return;
    }
    try {
      const e = await engineFor();
      if (!wanted) return;
      e.start({
        state: (state) =>
          set({
            state,
            ...(state === 'synced' ? { lastSyncAt: now(), waiting: 0 } : {}),
            problem: undefined,
          }),
        problem: (problem) =>
          set({ state: problem === 'unreachable' ? 'offline' : 'attention', problem }),
        pulled: noteRefusals,
        // Until the replication goes idle again (state 'synced'), they wait.
        pushed: (count) => set({ waiting: status.waiting + count }),
      });
    } catch (error) {
      set({ state: 'attention', problem: problemOf(error) });
    }
  }

  function stop(): void {
    wanted = false;
    void engine?.then((e) => e.stop()).catch(() => undefined);
    release?.();
    if (status.connected && status.state === 'syncing') set({ state: 'offline' });
  }

  async function drop(): Promise<void> {
    stop();
    const current = engine;
    engine = undefined;
    await current?.then((e) => e.destroy()).catch(() => undefined);
  }

  function followVault(): void {
    if (vault.isUnlocked) {
      void store
        .sealPending()
        .then(() => start())
        .catch(() => undefined);
    } else {
      // Lock or Quick exit: stop at once, and forget the engine's keys.
      stop();
      const current = engine;
      engine = undefined;
      void current?.then((e) => e.stop()).catch(() => undefined);
    }
  }
  vault.subscribe(followVault);
  // Made after an unlock (deferred-controller.ts loads it then): start now.
  if (vault.isUnlocked) followVault();

  const ready = store
    .connected()
    .then((connected) => {
      if (connected) set({ connected: true, state: 'offline' });
    })
    .catch(() => undefined);

  return {
    ready,
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async connect(input: ConnectSettings): Promise<void> {
      if (!vault.isUnlocked) throw new SyncError('locked');
      if (!vault.hasCoordinatorKey) throw new SyncError('coordinators-only');
      await drop();
      const existing = await store.read();
      const settings: SyncSettings = { ...input, secret: existing?.secret ?? newSyncSecret() };
      await store.save(settings);
      set({ connected: true, state: 'syncing', problem: undefined });
      try {
        // Resumable: an interrupted first push leaves the outbox's checkpoints where they were.
        await round('first-push');
      } catch (error) {
        fail(error);
      }
      await start();
    },

    async createJoinCode(): Promise<JoinCode> {
      if (!vault.isUnlocked) throw new SyncError('locked');
      if (!vault.hasCoordinatorKey) throw new SyncError('coordinators-only');
      const settings = await store.read();
      if (!settings) throw new SyncError('not-connected');
      const code = makeJoinCode(settings, now());
      return { text: code.text, expiresAt: code.expiresAt };
    },

    async join(text: string): Promise<void> {
      let code: ReturnType<typeof readJoinCode>;
      try {
        code = readJoinCode(text, now());
      } catch (error) {
        throw asFailure(error);
      }
      if (!(await store.isEmpty())) throw new SyncError('not-empty');
      await drop();
      const e = await engineFor(code.settings);
      set({
        connected: true,
        state: 'syncing',
        problem: undefined,
        progress: { phase: 'first-pull', done: 0, total: 0 },
      });
      try {
        await e.fetch();
        if (await e.joinCodeUsed(code.id)) throw new SyncError('join-code-used');
        // Recorded before anything is applied: if that fails, this device is still empty.
        await e.recordJoinCode(code.id, now());
        const report = await e.pull();
        if (report.foreign) throw new SyncError('foreign-database');
        await store.savePending(code.settings);
        set({ state: 'synced', lastSyncAt: now(), progress: undefined });
      } catch (error) {
        await drop();
        await store.forget().catch(() => undefined);
        set({ ...OFF });
        throw asFailure(error);
      }
    },

    async syncNow(): Promise<void> {
      if (!vault.isUnlocked || !(await store.connected())) return;
      try {
        await round();
      } catch (error) {
        fail(error);
      }
    },

    stop,

    async disconnect(): Promise<void> {
      await drop();
      await store.forget();
      status = { ...OFF };
      set({});
    },

    async leaveAndWipe(): Promise<void> {
      await drop();
      vault.lock();
      await store.wipe();
      status = { ...OFF };
      set({});
    },
  };
}
