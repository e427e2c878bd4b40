/**
 * Re-sealing rows written before v8 with their version and author
 * (row-meta.ts). A Dexie upgrade cannot do it — upgrades run before anyone
 * unlocks, and must not await WebCrypto — so the v8 step leaves a marker
 * (row-upgrade-marker.ts) and the first unlocked session does the work, in
 * the background, table by table.
 *
 * A session re-seals what its keys open: a facilitator the team's rows, a
 * coordinator the coordinators' rows too. The marker remembers which key
 * classes are done; once a coordinator has been through, it goes. A merge or
 * restore that brings in older rows sets it again (`markResealPending`).
 * Rows nobody here can open (another person's drafts, a damaged row) stay as
 * they are and open as before.
 *
 * The same file re-seals team rows under the newest team key generation
 * after a rotation (`resealOlderGenerations`, docs/key-hierarchy.md
 * "Rotating the team key"), so later copies of them (a server dump, a stolen
 * device) stay closed to the key a deactivated colleague may have copied.
 */
import { isCoordinatorRecord, isPersonalRecord } from '../crypto/key-classes';
import { sealedGeneration } from '../crypto/seal';
import type { Vault } from '../crypto/vault';
import { logicalName, MARKS_TABLE } from './registers';
import type { Repositories } from './repositories';
import { openRowWithMeta, sealEnvelope } from './row-meta';
import {
  GENERATION_RESEAL_KEY,
  RESEAL_KEY,
  resealPending,
  type GenerationResealState,
  type ResealState,
} from './row-upgrade-marker';
import type { AplisDatabase, RegisterRow, SealedRow } from './schema';
import { rereadTable } from './sync/outbox';
import { SYNC_SETTINGS_KEY } from './sync/settings';

export interface ResealSummary {
  resealed: number;
  skipped: number;
}

export async function resealLegacyRows(
  db: AplisDatabase,
  repos: Repositories,
  session: { coordinator: boolean },
): Promise<ResealSummary> {
  const total: ResealSummary = { resealed: 0, skipped: 0 };
  const marker = await db.meta.get(RESEAL_KEY);
  if (!marker) return total;
  const done = marker.value as ResealState;
  if (done[session.coordinator ? 'coordinator' : 'team']) return total;
  for (const repo of Object.values(repos)) {
    if (typeof repo !== 'object' || !('resealLegacy' in repo)) continue; // helpers, not tables
    const { resealed, skipped } = await repo.resealLegacy();
    total.resealed += resealed;
    total.skipped += skipped;
  }
  if (session.coordinator) await db.meta.delete(RESEAL_KEY);
  else await db.meta.put({ key: RESEAL_KEY, value: { ...done, team: true } });
  return total;
}

/** After a merge or restore: rows sealed before v8 may have arrived. */
export async function markResealPending(db: AplisDatabase): Promise<void> {
  await db.meta.put(resealPending());
}

/*
 * Re-sealing under the newest team key generation.
 *
 * Each team row sealed under an older generation is opened and sealed again
 * with the same version, time and author (its envelope, row-meta.ts): not an
 * edit, the same write under the newer key. Sync takes it as a write of its
 * own (state.ts `rowStamp` names the generation) that beats the old copy and
 * nothing else (row-meta.ts `compareRowOrder`), so two devices doing it at
 * once agree, and an edit made anywhere meanwhile (one more version) wins.
 *
 * In batches, table by table in id order: each batch is read, opened and
 * sealed outside any transaction, then written in one transaction with the
 * progress, only where the row is still the bytes that were read (a save
 * meanwhile wins). Between batches it yields to the page and waits while the
 * tab is hidden; a lock stops it, and the next unlock goes on where it was.
 */

/** Rows per batch (a register, holding a meeting's marks, counts as ten). */
export const GENERATION_BATCH = 200;

/** Tables that hold no team rows, or none sealed by row (keyring, tombstones, device state). */
const NOT_TEAM_TABLES = new Set(['meta', 'keyring', 'tombstones']);

export interface GenerationResealOptions {
  /** Rows per batch (tests, the bench). */
  batch?: number;
  /** Between batches: lets the page run (default: a macrotask, and the tab visible again). */
  pause?: () => Promise<void>;
  /** Told after every batch. */
  onProgress?: (state: GenerationResealState) => void;
}

export interface GenerationResealSummary {
  resealed: number;
  /** Team rows of an older generation this session could not open (damaged): left as they are. */
  skipped: number;
  /** True when every table is done for the session's newest generation. */
  complete: boolean;
}

/** The tables to go through, in a fixed order (Dexie's names). */
function resealTables(db: AplisDatabase): string[] {
  return db.tables
    .map((t) => t.name)
    .filter((name) => !NOT_TEAM_TABLES.has(name) && !isCoordinatorRecord(logicalName(name), ''))
    .sort();
}

/** A team row sealed under a generation older than `target` (`table`: its logical name). */
export function needsReseal(table: string, row: SealedRow, target: number): boolean {
  const sealedAs = row.sealedAs ?? table;
  if (isCoordinatorRecord(sealedAs, row.id) || isPersonalRecord(sealedAs, row.id)) return false;
  if (!(row.sealed instanceof Uint8Array) || row.sealed.length === 0) return false;
  return (sealedGeneration(row.sealed) ?? 1) < target;
}

/** The row's bytes sealed again under the session's newest generation, same version, time, author. */
async function resealed(
  vault: Vault,
  table: string,
  row: SealedRow,
): Promise<Uint8Array<ArrayBuffer>> {
  const sealedAs = row.sealedAs ?? table;
  const opened = await openRowWithMeta(vault, sealedAs, row, table);
  if (!opened.meta) return vault.seal(sealedAs, row.id, opened.value); // a row from before v8
  return sealEnvelope(vault, sealedAs, row.id, opened.value, opened.meta);
}

function sameBytes(a: unknown, b: Uint8Array): boolean {
  return a instanceof Uint8Array && a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Waits a macrotask, and while the tab is hidden, until it is shown again. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const doc = globalThis.document as Document | undefined;
    const go = () => setTimeout(resolve, 0);
    if (!doc || doc.visibilityState !== 'hidden') return go();
    const shown = () => {
      if (doc.visibilityState === 'hidden') return;
      doc.removeEventListener('visibilitychange', shown);
      go();
    };
    doc.addEventListener('visibilitychange', shown);
  });
}

async function countRows(db: AplisDatabase, tables: readonly string[]): Promise<number> {
  let total = 0;
  for (const name of tables) total += await db.table(name).count();
  return total;
}

/** Where the re-seal stands (undefined: no rotation has happened here, or nobody unlocked since). */
export async function generationResealState(
  db: AplisDatabase,
): Promise<GenerationResealState | undefined> {
  return (await db.meta.get(GENERATION_RESEAL_KEY))?.value as GenerationResealState | undefined;
}

/**
 * After rows came in (a sync pull; `table` logical names): when one is a team
 * row of a generation older than `target`, the re-seal is due again (below).
 */
export async function noteOlderGenerations(
  db: AplisDatabase,
  rows: readonly { table: string; record: object }[],
  target: number,
): Promise<boolean> {
  if (target < 2) return false;
  const older = rows.some(
    (r) =>
      !NOT_TEAM_TABLES.has(r.table) &&
      !isCoordinatorRecord(r.table, '') &&
      needsReseal(r.table, r.record as SealedRow, target),
  );
  if (older) await markGenerationResealPending(db);
  return older;
}

/**
 * Rows of an older generation arrived (a sync pull, a merged file): after the
 * re-seal was done, the next run goes through every table again; during a
 * run, it goes round once more at its end (`again`: the rows may be in a
 * table already done).
 */
export async function markGenerationResealPending(db: AplisDatabase): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const state = await generationResealState(db);
    if (!state) return; // never started here: the first run goes through everything
    if (!state.complete) {
      if (!state.again)
        await db.meta.put({ key: GENERATION_RESEAL_KEY, value: { ...state, again: true } });
      return;
    }
    const { complete: _c, ...rest } = state;
    await db.meta.put({
      key: GENERATION_RESEAL_KEY,
      value: { ...rest, table: resealTables(db)[0] ?? '', after: '', done: 0 },
    });
  });
}

/** The run in progress per database: one at a time (the after-unlock job, a merge). */
const running = new WeakMap<AplisDatabase, Promise<GenerationResealSummary>>();

/**
 * Runs the re-seal in the background unless it is running already (then that
 * run, told by `markGenerationResealPending`, goes round once more). Goes on
 * while rows arrive during its last batch. For the after-unlock job and a
 * merge that brought rows of an older generation; the promise is the run's.
 */
export function startGenerationReseal(
  db: AplisDatabase,
  vault: Vault,
  options: GenerationResealOptions = {},
): Promise<GenerationResealSummary> {
  const current = running.get(db);
  if (current) return current;
  const run = (async () => {
    try {
      for (;;) {
        const summary = await resealOlderGenerations(db, vault, options);
        if (!summary.complete || (await generationResealState(db))?.complete) return summary;
      }
    } finally {
      running.delete(db);
    }
  })();
  running.set(db, run);
  return run;
}

/**
 * Re-seals this device's team rows of older generations under the session's
 * newest one, from where the last run stopped. Returns when done, when the
 * session locks or learns a newer generation (the next run starts that one),
 * or when a write fails (the next run tries again).
 */
export async function resealOlderGenerations(
  db: AplisDatabase,
  vault: Vault,
  options: GenerationResealOptions = {},
): Promise<GenerationResealSummary> {
  const summary: GenerationResealSummary = { resealed: 0, skipped: 0, complete: false };
  if (!vault.isUnlocked || vault.session?.viaRecovery) return summary;
  const target = vault.teamGeneration;
  if (target < 2) return summary;
  const tables = resealTables(db);
  let state = await generationResealState(db);
  if (state?.gen === target && state.complete) return { ...summary, complete: true };
  if (!state || state.gen !== target || (state.table && !tables.includes(state.table)))
    state = {
      gen: target,
      table: tables[0] ?? '',
      after: '',
      done: 0,
      total: await countRows(db, tables),
    };
  const batch = options.batch ?? GENERATION_BATCH;
  const pause = options.pause ?? yieldToPage;
  await resealSyncSettings(db, vault, target);

  while (state.table) {
    if (!vault.isUnlocked || vault.teamGeneration !== target) return summary;
    const name = state.table;
    const registers = name === 'registers';
    const table = db.table<SealedRow | RegisterRow, string>(name);
    const page = await table
      .where(':id')
      .above(state.after)
      .limit(registers ? Math.max(1, Math.ceil(batch / 10)) : batch)
      .toArray();
    // Open and seal outside any transaction (WebCrypto must not be awaited inside one).
    const planned = new Map<string, { before: Uint8Array; sealed: Uint8Array<ArrayBuffer> }>();
    for (const row of page) {
      const rows = registers ? (row as RegisterRow).marks : [row as SealedRow];
      const logical = registers ? MARKS_TABLE : logicalName(name);
      await Promise.all(
        rows
          .filter((r) => needsReseal(logical, r, target))
          .map(async (r) => {
            try {
              planned.set(`${row.id}/${r.id}`, {
                before: r.sealed,
                sealed: await resealed(vault, logical, r),
              });
            } catch {
              // Damaged, or sealed under a key this session lacks: stays as it is.
              summary.skipped++;
            }
          }),
      );
    }
    if (!vault.isUnlocked || vault.teamGeneration !== target) return summary;
    const last = page.at(-1);
    const nextTable = tables[tables.indexOf(name) + 1] ?? '';
    const next: GenerationResealState = last
      ? { ...state, after: last.id, done: state.done + page.length }
      : (({ dirty: _d, ...rest }) => ({ ...rest, table: nextTable, after: '' }))(state);
    let written = 0;
    await db.transaction('rw', [table, db.meta], async () => {
      // Rows of an older generation arrived meantime (markGenerationResealPending).
      if ((await generationResealState(db))?.again) next.again = true;
      // Only rows still as read: a save meanwhile is newer than the re-seal.
      if (planned.size) {
        const now = await table.bulkGet(page.map((r) => r.id));
        const puts: (SealedRow | RegisterRow)[] = [];
        for (const current of now) {
          if (!current) continue;
          if (registers) {
            const register = current as RegisterRow;
            let changed = false;
            const marks = register.marks.map((m) => {
              const plan = planned.get(`${register.id}/${m.id}`);
              if (!plan || !sameBytes(m.sealed, plan.before)) return m;
              changed = true;
              written++;
              return { ...m, sealed: plan.sealed };
            });
            if (changed) puts.push({ ...register, marks });
          } else {
            const plan = planned.get(`${current.id}/${current.id}`);
            const row = current as SealedRow;
            if (!plan || !sameBytes(row.sealed, plan.before)) continue;
            written++;
            puts.push({ ...row, sealed: plan.sealed });
          }
        }
        await table.bulkPut(puts);
      }
      if (written) next.dirty = true;
      // The table's end: sync reads it whole once, to send what was re-sealed.
      if (!last && state!.dirty) await rereadTable(db, logicalName(name));
      if (!next.table && next.again) {
        // Once more from the first table, for the rows that arrived during the run.
        delete next.again;
        Object.assign(next, { table: tables[0] ?? '', after: '', done: 0 });
      } else if (!next.table) next.complete = true;
      await db.meta.put({ key: GENERATION_RESEAL_KEY, value: next });
    });
    summary.resealed += written;
    state = next;
    options.onProgress?.(state);
    if (state.table) await pause();
  }
  summary.complete = true;
  return summary;
}

/** The sealed sync settings in `meta` (db/sync/settings.ts), a team record too. */
async function resealSyncSettings(db: AplisDatabase, vault: Vault, target: number) {
  const row = await db.meta.get(SYNC_SETTINGS_KEY);
  if (!(row?.value instanceof Uint8Array) || (sealedGeneration(row.value) ?? 1) >= target) return;
  const before = row.value;
  const sealed = await vault
    .seal('meta', SYNC_SETTINGS_KEY, await vault.unseal('meta', SYNC_SETTINGS_KEY, before))
    .catch(() => undefined);
  if (!sealed) return;
  await db.transaction('rw', db.meta, async () => {
    const now = await db.meta.get(SYNC_SETTINGS_KEY);
    if (sameBytes(now?.value, before)) await db.meta.put({ key: SYNC_SETTINGS_KEY, value: sealed });
  });
}
