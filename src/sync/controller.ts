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
 * - A join's settings (server account, sync secret) stay in this object's
 *   memory until the first unlock seals them (db/sync/settings.ts); closed
 *   before that, the device asks for the join code again (`joinAgain`).
 * - A coordinator's join code carries an account made for that one device
 *   (device-accounts.ts), or, when the server does not let the coordinator's
 *   account make one, the coordinator's own (`JoinCode.account` 'shared').
 */
import type { KdfPolicy } from '../crypto/kdf';
import { newSyncSecret } from '../crypto/sync-cipher';
import type { Vault } from '../crypto/vault';
import type { AplisDatabase } from '../db/schema';
import { syncSettingsStore, type SyncSettings } from '../db/sync/settings';
import type { Fetched, PullReport, SyncEngine } from './engine';
import { SyncError } from './errors';
import { asFailure, problemOf } from './problems';
import { deviceAccounts, type DeviceAccounts } from './device-accounts';
import { makeJoinCode, readJoinCode } from './join-code';
import type {
  ConnectSettings,
  JoinCode,
  JoinedDevice,
  SyncController,
  SyncRefusal,
  SyncStatus,
} from './types';

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
  /** Makes and lists per-device server accounts (tests hand in a fake server's). */
  accounts?: DeviceAccounts;
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
  const accounts =
    options.accounts ?? deviceAccounts({ origin: globalThis.location?.origin ?? '' });
  /** A join's settings until the first unlock seals them: in memory only, never stored in the clear. */
  let pending: SyncSettings | undefined;
  const listeners = new Set<() => void>();
  const appliedListeners = new Set<() => void>();
  let status: SyncStatus = OFF;
  let engine: Promise<Awaited<ReturnType<EngineLoader>>> | undefined;
  let release: (() => void) | undefined;
  let wanted = false;

  function set(patch: Partial<SyncStatus>): void {
    const next = { ...status, ...patch };
    if (patch.problem === undefined && 'problem' in patch) delete next.problem;
    if (patch.progress === undefined && 'progress' in patch) delete next.progress;
    status = next;
    // Caught up with the server: a join's records are all here.
    if (next.state === 'synced' && !next.progress) joinIncomplete = false;
    for (const listener of listeners) listener();
  }

  /** What a pull did: the refusals it counts, and the screens told when rows came in. */
  function noteRefusals(report: PullReport): void {
    if (report.applied > 0) for (const listener of appliedListeners) listener();
    const at = now();
    const fresh: SyncRefusal[] = Object.entries(report.refused).map(([reason, count]) => ({
      reason: reason as SyncRefusal['reason'],
      at,
      count,
    }));
    if (fresh.length)
      set({
        refusals: [...fresh, ...status.refusals].slice(0, MAX_REFUSALS),
        unseenRefusals: true,
      });
  }

  async function engineFor(settings?: SyncSettings) {
    if (!engine) {
      const s = settings ?? pending ?? (await store.read());
      if (!s) throw new SyncError('not-connected');
      engine = load(s);
      engine.catch(() => (engine = undefined));
    }
    return engine;
  }

  /**
   * The server's database is another organisation's: nothing of this device
   * goes to it. The connection is forgotten (the coordinator checks the
   * database name and connects again) and the replica of its documents goes.
   */
  async function refuseForeign(): Promise<void> {
    await drop();
    pending = undefined;
    await store.forget().catch(() => undefined);
    status = { ...OFF };
    set({ state: 'attention', problem: 'foreign-database' });
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
    if (!vault.isUnlocked || !(await hasServer())) return;
    if (!(await acquire())) {
      set({ state: 'attention', problem: 'other-tab' });
      return;
    }
    try {
      const e = await engineFor();
      if (!wanted) return;
      const pulling = () => status.progress?.phase === 'first-pull';
      e.start({
        state: (state) =>
          set({
            state,
            ...(state === 'synced' ? { lastSyncAt: now() } : {}),
            problem: undefined,
          }),
        problem: (problem) =>
          set({
            state: problem === 'unreachable' ? 'offline' : 'attention',
            problem,
            ...(pulling() ? { progress: undefined } : {}),
          }),
        pulled: (report) => {
          // A join's fetch still coming in: its bar stays until it ends.
          if (pulling() && !e.receiving) set({ progress: undefined });
          if (report.foreign) void refuseForeign();
          else noteRefusals(report);
        },
        // A big pull (the first after a join's unlock): Settings → Sync shows how far it is.
        progress: (p) => {
          if (!e.receiving)
            set({ progress: { phase: 'first-pull', done: p.done, total: p.total } });
        },
        // Until the replication's push side has sent everything, they wait.
        pushed: (count) => set({ waiting: status.waiting + count }),
        sent: () => set({ waiting: 0 }),
      });
    } catch (error) {
      set({ state: 'attention', problem: problemOf(error) });
    }
  }

  /** A sealed connection, or a join's settings in memory (a marker alone is not enough). */
  async function hasServer(): Promise<boolean> {
    return pending !== undefined || (await store.read()) !== undefined;
  }

  /** After an unlock: a join's settings in memory are sealed, and the marker goes. */
  async function sealPending(): Promise<void> {
    if (!pending || !vault.isUnlocked) return;
    await store.save(pending);
    pending = undefined;
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
      void sealPending()
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

  /**
   * A join ended before all its records arrived (the fetch goes on, or failed
   * and waits to resume): the keyring may be partial, so an unlock makes no
   * keys (`incomplete`).
   */
  let joinIncomplete = false;
  /** A join's fetch going on after the join ended (the unlock screen waits for it). */
  let receiving: Promise<void> | undefined;
  /** It failed (server gone, offline): `received` starts it again, from its checkpoint. */
  let resumeReceiving: (() => void) | undefined;

  /**
   * Follows a join's fetch after the join ended: key wraps that came later
   * are applied while the device is still locked (unlocked, the live sync's
   * pull follows the fetch itself: engine.ts `start`). A failure is reported
   * as the live sync's are, and the fetch is resumed later.
   */
  function receive(e: Awaited<ReturnType<EngineLoader>>, fetching: Promise<Fetched | undefined>) {
    resumeReceiving = undefined;
    const done = fetching
      .then(async (fetched) => {
        if (!engine || (await engine) !== e) return;
        if (vault.isUnlocked) return;
        if (fetched?.keyDocs?.length) noteRefusals(await e.pull(undefined, fetched));
        set({ state: 'synced', lastSyncAt: now(), progress: undefined });
      })
      .catch((error: unknown) => {
        if ((error as { code?: string } | undefined)?.code === 'stopped') return;
        const problem = problemOf(error);
        set({
          state: problem === 'unreachable' ? 'offline' : 'attention',
          problem,
          progress: undefined,
        });
        resumeReceiving = () =>
          receive(
            e,
            e.fetch(
              (p) => set({ progress: { phase: 'first-pull', done: p.done, total: p.total } }),
              undefined,
              true,
            ),
          );
      })
      .finally(() => {
        if (receiving === done) receiving = undefined;
      });
    receiving = done;
  }

  const ready = (async () => {
    // An older build kept a join's settings in the clear: hold them in memory instead.
    pending ??= await store.takeLegacyPending();
    if (pending && !(await store.joining())) await store.markJoining({ code: '', expiresAt: 0 });
    if (!(await store.connected())) return;
    const joinAgain = !pending && (await store.joining()) !== undefined;
    set({ connected: true, state: 'offline', ...(joinAgain ? { joinAgain } : {}) });
  })().catch(() => undefined);

  return {
    ready,
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onApplied(listener) {
      appliedListeners.add(listener);
      return () => appliedListeners.delete(listener);
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
        if (problemOf(error) === 'foreign-database') {
          await refuseForeign();
          throw asFailure(error);
        }
        fail(error);
      }
      await start();
    },

    async createJoinCode(): Promise<JoinCode> {
      if (!vault.isUnlocked) throw new SyncError('locked');
      if (!vault.hasCoordinatorKey) throw new SyncError('coordinators-only');
      const settings = await store.read();
      if (!settings) throw new SyncError('not-connected');
      let made: Awaited<ReturnType<DeviceAccounts['create']>>;
      try {
        made = await accounts.create(settings, now());
      } catch (error) {
        throw asFailure(error);
      }
      const account = made === 'not-admin' ? 'shared' : 'device';
      const code = makeJoinCode(made === 'not-admin' ? settings : { ...settings, ...made }, now());
      return { text: code.text, expiresAt: code.expiresAt, account };
    },

    async devices(): Promise<JoinedDevice[] | undefined> {
      if (!vault.isUnlocked || !vault.hasCoordinatorKey) return undefined;
      const settings = await store.read();
      if (!settings) return undefined;
      try {
        return await accounts.list(settings);
      } catch (error) {
        throw asFailure(error);
      }
    },

    async revokeDevice(name: string): Promise<void> {
      if (!vault.isUnlocked) throw new SyncError('locked');
      if (!vault.hasCoordinatorKey) throw new SyncError('coordinators-only');
      const settings = await store.read();
      if (!settings) throw new SyncError('not-connected');
      let done: boolean;
      try {
        done = await accounts.revoke(settings, name);
      } catch (error) {
        throw asFailure(error);
      }
      if (!done) throw asFailure(new SyncError('coordinators-only'));
    },

    async join(text: string): Promise<void> {
      let code: ReturnType<typeof readJoinCode>;
      try {
        code = readJoinCode(text, now());
      } catch (error) {
        throw asFailure(error);
      }
      // A join that was never unlocked left only key wraps nobody opened: it may start over.
      const earlier = await store.joining();
      if (!earlier && !(await store.isEmpty())) throw new SyncError('not-empty');
      await drop();
      pending = undefined;
      const device = await store.deviceId();
      const e = await engineFor(code.settings);
      set({
        connected: true,
        state: 'syncing',
        problem: undefined,
        progress: { phase: 'first-pull', done: 0, total: 0 },
      });
      let cleared = false;
      try {
        // The bar counts the server's documents as they arrive; each batch is tried under the
        // code's secret as it comes. The join ends at the first document that opens (a key
        // wrap: the team's are first in the feed, connect's push sends the keyring first), or
        // when the fetch ends; the fetch goes on into the replica meanwhile (`receive`).
        let firstKey: (so: Fetched) => void = () => undefined;
        const early = new Promise<Fetched>((resolve) => (firstKey = resolve));
        let joined = false;
        let latest: Fetched | undefined;
        const applied = new Set<string>();
        // After the join, still locked: key wraps are applied as they come, so a person
        // whose wrap has arrived can unlock without waiting for the rest.
        const applyNew = (so: Fetched): Promise<void> => {
          const fresh = (so.keyDocs ?? []).filter((id) => !applied.has(id));
          if (fresh.length === 0 || vault.isUnlocked) return Promise.resolve();
          for (const id of fresh) applied.add(id);
          return e
            .pull(undefined, { seq: 0, keyDocs: fresh, unreadable: 0 })
            .then(noteRefusals)
            .catch(() => undefined); // applied again when the fetch ends (`receive`)
        };
        const fetching = e.fetch(
          (p) => set({ progress: { phase: 'first-pull', done: p.done, total: p.total } }),
          (so) => {
            latest = so;
            if (joined) void applyNew(so);
            else if (so.keyDocs?.length) firstKey(so);
          },
          // Not forced: a replica left by a join closed before its unlock (a reload) is not
          // empty, its key wraps are already in it and will not arrive again; that fetch
          // then ends the join as before, and the pull reads the whole replica for them.
          false,
        );
        fetching.catch(() => undefined); // awaited here or in `receive`
        const fetched = await Promise.race([early, fetching]);
        // Documents there, and none opens under the code's secret: another organisation's
        // database. Refused before this device records anything in it.
        if (fetched?.keyDocs?.length === 0 && fetched.unreadable > 0)
          throw new SyncError('foreign-database');
        const user = await e.joinCodeUser(code.id);
        // The same device may use its code again (closed before anyone unlocked); no other.
        if (user !== undefined && user !== device) throw new SyncError('join-code-used');
        if (earlier) {
          await store.clearUnopenedJoin();
          cleared = true;
        }
        // Recorded before anything is applied: if that fails, this device is still empty.
        await e.recordJoinCode(code.id, now(), device, user === undefined);
        // Only the key wraps open before an unlock: the fetch found them as they arrived.
        const report = await e.pull(undefined, fetched);
        if (report.foreign) throw new SyncError('foreign-database');
        for (const id of fetched?.keyDocs ?? []) applied.add(id);
        joined = true;
        // What came while the join recorded its code: applied before the join ends (an
        // unlock right after it would otherwise meet a part of the keyring).
        if (latest) await applyNew(latest);
        pending = code.settings;
        await store.markJoining({ code: code.id, expiresAt: code.expiresAt });
        if (e.receiving) {
          joinIncomplete = true;
          set({ state: 'syncing', joinAgain: false });
          receive(e, fetching);
        } else set({ state: 'synced', lastSyncAt: now(), progress: undefined, joinAgain: false });
      } catch (error) {
        await drop();
        pending = undefined;
        if (earlier && !cleared) {
          // The earlier join is still here as it was: the code is asked for again.
          set({ ...OFF, connected: true, state: 'offline', joinAgain: true });
        } else {
          await store.forget().catch(() => undefined);
          set({ ...OFF });
        }
        throw asFailure(error);
      }
    },

    incomplete: () => joinIncomplete,

    async received(): Promise<boolean> {
      if (!receiving && resumeReceiving && !vault.isUnlocked) {
        set({ problem: undefined, state: 'syncing' });
        resumeReceiving();
      }
      if (!receiving) return false;
      await receiving;
      return true;
    },

    refusalsSeen() {
      if (status.unseenRefusals) set({ unseenRefusals: false });
    },

    async syncNow(): Promise<void> {
      if (!vault.isUnlocked || !(await hasServer())) return;
      try {
        await round();
      } catch (error) {
        fail(error);
      }
    },

    stop,

    async disconnect(): Promise<void> {
      await drop();
      pending = undefined;
      await store.forget();
      status = { ...OFF };
      set({});
    },

    async leaveAndWipe(): Promise<void> {
      await drop();
      pending = undefined;
      vault.lock();
      await store.wipe();
      status = { ...OFF };
      set({});
    },
  };
}
