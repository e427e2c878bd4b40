/**
 * Team sync benchmark, run in Chromium by scripts/bench.mjs (`--only=sync`).
 * Each browser context that opens this page is one device: its own IndexedDB
 * (the vault's database and PouchDB's replica), the real sync controller
 * (src/sync/controller.ts) loading the real engine and PouchDB lazily, and
 * the development sync server reached at `/sync/` on the page's own origin
 * (Vite's proxy), exactly as the app does. Only the screens are left out:
 * each step calls what the screen's button calls.
 *
 *   device A  seeds the benchmark organisation (as the backup bench does),
 *             connects (the first push) and makes a join code;
 *   device B  joins with it (the keyring), a staff member unlocks, and the
 *             live sync pulls everything: timed until every row is in B's
 *             database and B's first screen of participants opens.
 */
import { deriveBitsOffThread, type KdfPolicy } from '../../src/crypto/kdf';
import { Vault } from '../../src/crypto/vault';
import { keyringStore } from '../../src/db/keyring-store';
import { flattenRegisters } from '../../src/db/registers';
import { createRepositories } from '../../src/db/repositories';
import { AplisDatabase } from '../../src/db/schema';
import { attendanceStatuses } from '../../src/domain/meeting';
import { createSyncController, type EngineLoader } from '../../src/sync/controller';
import type { ConnectSettings, SyncStatus } from '../../src/sync/types';
import { pick, syncBenchData as data, type SyncBenchSize } from './sync-data';

export type { SyncBenchSize };

declare global {
  interface Window {
    syncBench: typeof api;
  }
}

const STAFF_PASSPHRASE = 'bench staff passphrase';
/** Staff wraps are not what is measured: a cheap derivation, on both devices. */
const setupPolicy: KdfPolicy = { iterations: 1_000, floor: 1_000 };

const db = new AplisDatabase('aplis-bench-sync');
const vault = new Vault();
const keyring = keyringStore(db, vault, { policy: setupPolicy, derive: deriveBitsOffThread });
const repos = createRepositories(db, vault);
/** Time spent in each engine step on this device (ms), for the bench's breakdown. */
const steps: Record<string, { ms: number; calls: number }> = {};
function timed<A extends unknown[], T>(name: string, work: (...args: A) => Promise<T>) {
  return async (...args: A): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work(...args);
    } finally {
      const step = (steps[name] ??= { ms: 0, calls: 0 });
      step.ms += performance.now() - t0;
      step.calls += 1;
    }
  };
}
/** The controller's own loader (controller.ts defaultLoader), with the engine's steps timed. */
const load: EngineLoader = async (settings) => {
  const m = await import('../../src/sync/load-engine');
  const { local, remote } = m.openReplicas(settings, location.origin);
  const engine = new m.SyncEngine({
    db,
    vault,
    local,
    remote,
    secret: settings.secret,
    policy: setupPolicy,
  });
  engine.fetch = timed('fetch', engine.fetch.bind(engine));
  engine.pull = timed('pull', engine.pull.bind(engine));
  engine.push = timed('push', engine.push.bind(engine));
  return Object.assign(engine, {
    destroy: async () => {
      engine.stop();
      await local.destroy();
    },
  });
};
const controller = createSyncController({ db, vault, policy: setupPolicy, load });
const takeSteps = () => {
  const out = Object.fromEntries(
    Object.entries(steps).map(([k, v]) => [k, { ms: Math.round(v.ms), calls: v.calls }]),
  );
  for (const key of Object.keys(steps)) delete steps[key];
  return out;
};

const status = (text: string) => {
  document.getElementById('status')!.textContent = text;
};

/** Resolves when `ready` holds, checked every `everyMs`; rejects after `timeoutMs`, saying `what`. */
async function until<T>(
  what: string,
  ready: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  everyMs = 50,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await ready();
    if (value !== undefined) return value;
    if (performance.now() > deadline) {
      const s = controller.status();
      throw new Error(
        `${what}: not within ${Math.round(timeoutMs / 1000)} s (sync ${s.state}${s.problem ? `, ${s.problem}` : ''})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Rows in this device's tables: participants, attendance marks, notes. */
async function counts() {
  return {
    participants: await db.participants.count(),
    attendance: flattenRegisters(await db.registers.toArray()).length,
    notes: await db.notes.count(),
  };
}

const api = {
  /** Device A: the organisation, sealed into this device's vault. */
  async seed(size: SyncBenchSize) {
    status('seeding');
    const t0 = performance.now();
    const { staffId } = await keyring.createOrganisation({
      organisation: { name: 'Bench centre', supportContacts: [] },
      coordinator: { displayName: 'Bench coordinator', languages: ['lv'] },
      passphrase: STAFF_PASSPHRASE,
    });
    const plain = data(size, staffId);
    // In batches: thousands of WebCrypto calls at once starve the page.
    const bulk = async <T>(repo: { bulkPut(v: readonly T[]): Promise<void> }, rows: T[]) => {
      for (let i = 0; i < rows.length; i += 5_000) await repo.bulkPut(rows.slice(i, i + 5_000));
    };
    await bulk(repos.participants, plain.participants);
    await bulk(repos.attendance, plain.attendance);
    await bulk(repos.notes, plain.notes);
    status('seeded');
    return {
      seedMs: performance.now() - t0,
      rows: plain.participants.length + plain.attendance.length + plain.notes.length,
      rawJsonBytes: new TextEncoder().encode(JSON.stringify(plain)).length,
      participantIds: plain.participants.slice(0, 50).map((p) => p.id),
    };
  },

  /** Device A: a coordinator connects the organisation; resolves after the first push. */
  async connect(settings: ConnectSettings) {
    status('connecting');
    const phases: Record<string, number> = {};
    const t0 = performance.now();
    const off = controller.subscribe(() => {
      const phase = controller.status().progress?.phase;
      if (phase && phases[phase] === undefined) phases[phase] = performance.now() - t0;
    });
    try {
      await controller.connect(settings);
    } finally {
      off();
    }
    status('connected');
    return { pushMs: performance.now() - t0, state: controller.status().state, steps: takeSteps() };
  },

  async joinCode() {
    return (await controller.createJoinCode()).text;
  },

  /**
   * Device B, empty: joins with the code, a staff member unlocks, and the
   * live sync pulls; resolves once every row is here and the participants
   * list (the screen's query: every participant opened) reads back.
   */
  async join(code: string, expected: SyncBenchSize, timeoutMs: number) {
    status('joining');
    const t0 = performance.now();
    await controller.join(code);
    const joinedMs = performance.now() - t0;
    const joinSteps = takeSteps();
    await keyring.unlock(STAFF_PASSPHRASE, 'passphrase');
    const unlockedMs = performance.now() - t0;
    status('pulling');
    // Cheap counts first; the marks (flattened registers) only once the rest is in.
    let progress = '';
    await until(
      'the first pull',
      async () => {
        const p = await db.participants.count();
        const n = await db.notes.count();
        const r = await db.registers.count();
        progress = `${p} participants, ${n} notes, ${r} registers`;
        status(`pulling: ${progress}`);
        if (p < expected.participants || n < expected.notes) return undefined;
        const c = await counts();
        return c.attendance >= expected.attendance ? c : undefined;
      },
      timeoutMs,
      250,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; device B had ${progress}`);
    });
    const pulledMs = performance.now() - t0;
    const people = await repos.participants.list();
    const usableMs = performance.now() - t0;
    status('joined');
    return {
      joinedMs,
      unlockedMs,
      pulledMs,
      usableMs,
      participantsOpened: people.items.length,
      damaged: people.damaged.length,
      counts: await counts(),
      state: controller.status().state,
      steps: { join: joinSteps, afterUnlock: takeSteps() },
    };
  },

  /** Edits one participant; resolves with the stored row's stamp and the wall-clock time. */
  async change(id: string, name: string) {
    const person = (await repos.participants.get(id))!;
    await repos.participants.put({ ...person, chosenName: name });
    const row = (await db.participants.get(id))!;
    return { at: Date.now(), updatedAt: row.updatedAt };
  },

  /** Waits until this device holds that participant at least as new as `updatedAt`; the wall-clock time. */
  async seen(id: string, updatedAt: number, timeoutMs: number) {
    await until(
      'a change from the other device',
      async () => {
        const row = await db.participants.get(id);
        return row && row.updatedAt >= updatedAt ? true : undefined;
      },
      timeoutMs,
      20,
    );
    return Date.now();
  },

  /** Device B: `count` attendance marks changed (a register taken offline); their meeting and person. */
  async markOffline(count: number, round: number) {
    const registers = (await db.registers.limit(count).toArray()).slice(0, count);
    const changed: { meetingId: string; participantId: string; status: string }[] = [];
    for (const register of registers) {
      const [mark] = (await repos.attendance.listWhere('meetingId', register.id)).items;
      const next = pick(attendanceStatuses, attendanceStatuses.indexOf(mark!.status) + 1 + round);
      await repos.attendance.put({ ...mark!, status: next });
      changed.push({
        meetingId: mark!.meetingId,
        participantId: mark!.participantId,
        status: next,
      });
    }
    return changed;
  },

  /** Waits until every one of these marks is here with its new status; the wall-clock time. */
  async marksSeen(
    changed: { meetingId: string; participantId: string; status: string }[],
    timeoutMs: number,
  ) {
    await until(
      'the offline marks on the other device',
      async () => {
        for (const c of changed) {
          const here = (await repos.attendance.listWhere('meetingId', c.meetingId)).items;
          const mark = here.find((m) => m.participantId === c.participantId);
          if (mark?.status !== c.status) return undefined;
        }
        return true;
      },
      timeoutMs,
      25,
    );
    return Date.now();
  },

  status(): SyncStatus {
    return controller.status();
  },

  /** Stops syncing and deletes this device's databases. */
  async close() {
    await controller.leaveAndWipe().catch(() => undefined);
    vault.lock();
    db.close();
  },
};

window.syncBench = api;
status('ready');
