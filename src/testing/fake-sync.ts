/**
 * A SyncController the test drives by hand: set the status it reports, and
 * decide what each call does (resolve, reject with a problem, wait). The
 * screens are built against the contract in src/sync/types.ts, not the engine.
 */
import { vi } from 'vitest';
import type {
  JoinCode,
  JoinCodeProblem,
  SyncController,
  SyncFailure,
  SyncProblem,
  SyncStatus,
} from '../sync/types';

export const OFF_STATUS: SyncStatus = { state: 'off', connected: false, waiting: 0, refusals: [] };

export const SYNCED_STATUS: SyncStatus = {
  state: 'synced',
  connected: true,
  waiting: 0,
  lastSyncAt: Date.UTC(2026, 11, 2, 12, 2),
  refusals: [],
};

export interface FakeSync extends SyncController {
  /** Replace the status (merged over the current one) and tell the subscribers. */
  set(status: Partial<SyncStatus>): void;
  /** Rows from another device were written here (the test wrote them): tell the screens. */
  applied(): void;
  connect: ReturnType<typeof vi.fn<SyncController['connect']>>;
  createJoinCode: ReturnType<typeof vi.fn<SyncController['createJoinCode']>>;
  join: ReturnType<typeof vi.fn<SyncController['join']>>;
  devices: ReturnType<typeof vi.fn<SyncController['devices']>>;
  revokeDevice: ReturnType<typeof vi.fn<SyncController['revokeDevice']>>;
  syncNow: ReturnType<typeof vi.fn<SyncController['syncNow']>>;
  stop: ReturnType<typeof vi.fn<SyncController['stop']>>;
  disconnect: ReturnType<typeof vi.fn<SyncController['disconnect']>>;
  leaveAndWipe: ReturnType<typeof vi.fn<SyncController['leaveAndWipe']>>;
}

export function fakeSync(initial: Partial<SyncStatus> = {}): FakeSync {
  let status: SyncStatus = { ...OFF_STATUS, ...initial };
  const listeners = new Set<() => void>();
  const appliedListeners = new Set<() => void>();
  const exampleCode: JoinCode = {
    text: 'APLIS1-7Q2XK-M4PRT-9WZ3B-HC8NV-K2D5F-QX7MA-3RT9W-LB4KE-6YHP2',
    expiresAt: Date.UTC(2026, 11, 3, 12, 2),
    account: 'device',
  };
  return {
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onApplied(listener) {
      appliedListeners.add(listener);
      return () => appliedListeners.delete(listener);
    },
    applied() {
      for (const listener of appliedListeners) listener();
    },
    set(next) {
      status = { ...status, ...next };
      for (const listener of listeners) listener();
    },
    connect: vi.fn<SyncController['connect']>(() => Promise.resolve()),
    createJoinCode: vi.fn<SyncController['createJoinCode']>(() => Promise.resolve(exampleCode)),
    join: vi.fn<SyncController['join']>(() => Promise.resolve()),
    devices: vi.fn<SyncController['devices']>(() => Promise.resolve([])),
    revokeDevice: vi.fn<SyncController['revokeDevice']>(() => Promise.resolve()),
    syncNow: vi.fn<SyncController['syncNow']>(() => Promise.resolve()),
    refusalsSeen() {
      this.set({ unseenRefusals: false });
    },
    stop: vi.fn<SyncController['stop']>(),
    disconnect: vi.fn<SyncController['disconnect']>(() => Promise.resolve()),
    leaveAndWipe: vi.fn<SyncController['leaveAndWipe']>(() => Promise.resolve()),
  };
}

/** What the engine rejects with when it knows why (src/sync/types.ts). */
export function syncFailure(problem: SyncProblem | JoinCodeProblem): SyncFailure {
  return Object.assign(new Error(`sync failed: ${problem}`), { problem });
}

/** A promise the test settles when it likes (a first push still running). */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
