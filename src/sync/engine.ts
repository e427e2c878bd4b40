/**
 * The sync engine, loaded lazily (controller.ts `import()`s it once sync is
 * on): it moves rows between this device's Dexie tables and a local PouchDB
 * replica of sealed documents, and lets PouchDB replicate that replica with
 * the server. PouchDB owns replication, revisions and retries; the engine
 * owns only the bridge:
 *
 * - push: the outbox (db/sync/outbox.ts) → documents (codec.ts) → the
 *   replica, never over a newer document the replica already holds;
 * - pull: the replica's changes feed → decode → resolve conflicts → apply
 *   (db/sync/apply.ts, the merge's rules);
 * - conflicts: every revision is decoded and the row that wins by the
 *   merge's order (row-meta.ts compareRowOrder; a tombstone by its time, an
 *   erasure marker over everything) is kept, the losing revisions removed,
 *   so every device keeps the same one.
 */
import { secretSyncKeys, teamSyncKeys, type SyncKeys } from '../crypto/sync-cipher';
import type { KdfPolicy } from '../crypto/kdf';
import type { Vault } from '../crypto/vault';
import { compareRowOrder } from '../db/row-meta';
import type { AplisDatabase } from '../db/schema';
import { applyIncoming } from '../db/sync/apply';
import { refreshGenerations } from '../db/keyring-generations';
import { SyncError } from './errors';
import { readOutbox } from '../db/sync/outbox';
import { getSeq, knownStamps, rememberStamps, rowStamp, setSeq } from '../db/sync/state';
import { decodeDoc, docId, encodeRow, type DecodedRow, type SyncRecord } from './codec';
import type { BulkResult, Replica, ReplicationEmitter, StoredDoc } from './replica';
import { problemOf } from './problems';
import type { SyncProblem, SyncRefusalReason } from './types';

/** Tables whose documents are sealed under the organisation sync secret, not the team key. */
const SECRET_TABLES: ReadonlySet<string> = new Set(['keyring', 'joinCodes']);
/** Documents of the engine itself: never applied to the device's tables. */
const JOIN_CODES = 'joinCodes';
const BATCH = 500;
const REPLICATION = { batch_size: BATCH, batches_limit: 10 };
const OPENED_KEY = 'sync:opened';

export type RefusalCounts = Partial<Record<SyncRefusalReason, number>>;

export interface PullReport {
  applied: number;
  refused: RefusalCounts;
  /** Documents were there and none opened under this device's keys. */
  foreign: boolean;
}

export interface Progress {
  done: number;
  total: number;
}

export interface EngineOptions {
  db: AplisDatabase;
  vault: Vault;
  local: Replica;
  remote: Replica;
  /** The organisation sync secret (controller.ts). */
  secret: Uint8Array<ArrayBuffer>;
  policy?: KdfPolicy;
  now?: () => number;
}

export interface LiveEvents {
  state(state: 'syncing' | 'synced' | 'offline'): void;
  problem(problem: SyncProblem): void;
  pulled(report: PullReport): void;
  /** This many of the device's writes went into the replica, on their way to the server. */
  pushed(count: number): void;
}

/** Positive when `a` is the copy of one row every device keeps. */
export function compareCopies(table: string, a: SyncRecord, b: SyncRecord): number {
  if (table === 'tombstones') {
    const erased = (r: SyncRecord) => (r.erased === true ? 1 : 0);
    const at = (r: SyncRecord) => (typeof r.deletedAt === 'number' ? r.deletedAt : 0);
    return erased(a) - erased(b) || at(a) - at(b);
  }
  return compareRowOrder(a, b);
}

export class SyncEngine {
  readonly #o: EngineOptions;
  #secretKeys?: Promise<SyncKeys>;
  #teamKeys?: Promise<SyncKeys>;
  #live?: ReplicationEmitter;
  #timer?: ReturnType<typeof setInterval>;
  #running?: Promise<unknown>;

  constructor(options: EngineOptions) {
    this.#o = options;
  }

  get local(): Replica {
    return this.#o.local;
  }

  #keysFor(table: string): Promise<SyncKeys> {
    if (SECRET_TABLES.has(table)) return (this.#secretKeys ??= secretSyncKeys(this.#o.secret));
    return (this.#teamKeys ??= teamSyncKeys(this.#o.vault.dataKey));
  }

  async #keySets(): Promise<SyncKeys[]> {
    const sets = [await this.#keysFor('keyring')];
    if (this.#o.vault.isUnlocked) sets.push(await this.#keysFor('organisation'));
    return sets;
  }

  /** One at a time: a live pass and syncNow never interleave their reads and writes. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = (this.#running ?? Promise.resolve()).catch(() => undefined).then(work);
    this.#running = next;
    return next;
  }

  /** How many of this device's rows are not in the replica yet. */
  async waiting(): Promise<number> {
    if (!this.#o.vault.isUnlocked) return 0;
    return (await this.#pending()).docs.length;
  }

  async #pending() {
    const { db } = this.#o;
    const outbox = await readOutbox(db);
    const ids = await Promise.all(
      outbox.rows.map(async (r) => docId(await this.#keysFor(r.table), r.table, r.record.id)),
    );
    const known = await knownStamps(db, ids);
    const docs = outbox.rows
      .map((row, i) => ({ ...row, docId: ids[i]!, stamp: rowStamp(row.record) }))
      .filter((row, i) => known[i] !== row.stamp);
    return { outbox, docs };
  }

  /** Puts this device's new writes into the replica; returns how many went in. */
  push(progress?: (p: Progress) => void): Promise<number> {
    return this.#serial(() => this.#push(progress));
  }

  async #push(progress?: (p: Progress) => void): Promise<number> {
    if (!this.#o.vault.isUnlocked) return 0;
    const { db, local } = this.#o;
    const { outbox, docs } = await this.#pending();
    let done = 0;
    let complete = true;
    progress?.({ done, total: docs.length });
    for (let i = 0; i < docs.length; i += BATCH) {
      const chunk = docs.slice(i, i + BATCH);
      const existing = await local.allDocs({ keys: chunk.map((d) => d.docId) });
      const writes: object[] = [];
      const taken: { docId: string; stamp: string }[] = [];
      for (const [j, row] of chunk.entries()) {
        const found = existing.rows[j]?.value;
        const rev = found && !found.deleted ? found.rev : undefined;
        if (rev) {
          // Never over a newer copy the replica holds: the pull applies that one.
          const current = await decodeDoc(await this.#keySets(), await local.get(row.docId));
          if (current.ok && compareCopies(row.table, row.record, current.row.record) <= 0) {
            if (compareCopies(row.table, row.record, current.row.record) === 0) taken.push(row);
            continue;
          }
        }
        const doc = await encodeRow(await this.#keysFor(row.table), row.table, row.record);
        writes.push(
          rev ? { ...doc, _rev: rev } : found?.deleted ? { ...doc, _rev: found.rev } : doc,
        );
        taken.push(row);
      }
      const results: BulkResult[] = writes.length ? await local.bulkDocs(writes) : [];
      const failed = new Set(results.filter((r) => r.error).map((r) => r.id));
      if (failed.size) complete = false;
      await rememberStamps(
        db,
        taken.filter((t) => !failed.has(t.docId)),
      );
      done += chunk.length;
      progress?.({ done, total: docs.length });
    }
    // An interrupted push leaves the checkpoint: the next one reads those rows again.
    if (complete) await outbox.commit();
    return done;
  }

  /** Applies what the replica received since the last pull. */
  pull(): Promise<PullReport> {
    return this.#serial(() => this.#pull());
  }

  async #pull(): Promise<PullReport> {
    const { db, vault, local } = this.#o;
    const unlocked = vault.isUnlocked;
    // Before an unlock only key wraps can be read: the next pull after it starts over.
    let since = unlocked ? await getSeq(db) : 0;
    const report: PullReport = { applied: 0, refused: {}, foreign: false };
    let opened = (await db.meta.get(OPENED_KEY))?.value === true;
    let unreadable = 0;
    const keySets = await this.#keySets();
    for (;;) {
      const page = await local.changes({
        since,
        limit: BATCH,
        include_docs: true,
        conflicts: true,
      });
      if (page.results.length === 0) break;
      const rows: (DecodedRow & { docId: string })[] = [];
      for (const change of page.results) {
        if (change.deleted || !change.doc || change.doc._deleted) continue;
        const decoded = await this.#resolve(change.doc, keySets);
        if (!decoded.ok) {
          if (decoded.reason === 'foreign') unreadable++;
          else count(report.refused, decoded.reason);
          continue;
        }
        opened = true;
        const { table } = decoded.row;
        if (SECRET_TABLES.has(table) !== (decoded.keys === keySets[0])) {
          count(report.refused, 'damaged'); // a team document under the wrong key set
          continue;
        }
        if (table === JOIN_CODES) continue;
        rows.push({ ...decoded.row, docId: change.doc._id });
      }
      if (rows.length) {
        const known = await knownStamps(
          db,
          rows.map((r) => r.docId),
        );
        const fresh = rows.filter((r, i) => known[i] !== rowStamp(r.record));
        const batch: Record<string, SyncRecord[]> = {};
        const ids = new Map<string, string>();
        for (const r of fresh) {
          (batch[r.table] ??= []).push(r.record);
          ids.set(`${r.table}/${r.record.id}`, r.docId);
        }
        if (fresh.length) {
          const result = await applyIncoming(db, vault, batch, {
            ...(this.#o.policy ? { policy: this.#o.policy } : {}),
            ...(this.#o.now ? { now: this.#o.now() } : {}),
            docIdOf: (table, id) => ids.get(`${table}/${id}`),
          });
          report.applied += result.summary.added + result.summary.updated + result.summary.deleted;
          if (result.refused.length) count(report.refused, 'damaged', result.refused.length);
          if (result.older) count(report.refused, 'older', result.older);
          // A rotated team key (keyring-generations.ts): picked up with the keys this
          // session holds, or the person is asked to unlock again before more is written.
          if (unlocked && (batch.keyring?.length || vault.newerKeySeen)) {
            if (await refreshGenerations(db, vault)) throw new SyncError('unlock-again');
          }
        }
      }
      since = page.last_seq;
      if (unlocked) await setSeq(db, since);
    }
    if (opened) await db.meta.put({ key: OPENED_KEY, value: true });
    // Locked, team documents cannot open yet: only a database with nothing to open is foreign.
    if (unreadable > 0) {
      if (!opened) report.foreign = true;
      else if (unlocked) count(report.refused, 'damaged', unreadable);
    }
    return report;
  }

  /**
   * Decodes a document; with conflicting revisions, decodes them all, keeps
   * the one every device keeps, and removes the others from the replica.
   */
  async #resolve(doc: StoredDoc, keySets: SyncKeys[]) {
    const first = await decodeDoc(keySets, doc);
    if (!doc._conflicts?.length) return first;
    const others = await Promise.all(
      doc._conflicts.map(async (rev) => {
        const stored = await this.#o.local.get(doc._id, { rev });
        return { stored, decoded: await decodeDoc(keySets, stored) };
      }),
    );
    const all = [{ stored: doc, decoded: first }, ...others];
    let best: (typeof all)[number] | undefined;
    for (const candidate of all) {
      if (!candidate.decoded.ok) continue;
      if (!best || !best.decoded.ok) {
        best = candidate;
        continue;
      }
      const a = candidate.decoded.row;
      const order =
        compareCopies(a.table, a.record, best.decoded.row.record) ||
        (candidate.stored.c > best.stored.c ? 1 : -1);
      if (order > 0) best = candidate;
    }
    if (!best) return first;
    const losers = all.filter((c) => c !== best);
    await this.#o.local.bulkDocs(
      losers.map((c) => ({ _id: doc._id, _rev: c.stored._rev, _deleted: true })),
    );
    return best.decoded;
  }

  /**
   * One round: the server's documents in first (a database of another
   * organisation is refused before anything of this device goes to it),
   * this device's writes out, then what arrived meanwhile, and the removal
   * of any conflicting revisions that round resolved.
   */
  async syncNow(progress?: (p: Progress) => void): Promise<PullReport> {
    const first = await this.pullFromServer();
    if (first.foreign) return first;
    await this.push(progress);
    await this.#o.local.replicate.to(this.#o.remote, REPLICATION);
    const report = await this.pullFromServer();
    await this.#o.local.replicate.to(this.#o.remote, REPLICATION);
    return { ...report, refused: merged(first.refused, report.refused) };
  }

  /** Copies the server's documents into the replica, without applying them. */
  async fetch(): Promise<void> {
    await this.#o.local.replicate.from(this.#o.remote, REPLICATION);
  }

  /** Fetches and applies (before an unlock: the keyring only). */
  async pullFromServer(): Promise<PullReport> {
    await this.fetch();
    return this.pull();
  }

  /** Live replication both ways, with this device's writes picked up every few seconds. */
  start(events: LiveEvents, intervalMs = 3000): void {
    if (this.#live) return;
    const { local, remote } = this.#o;
    const pullSoon = () =>
      void this.pull()
        .then((r) => events.pulled(r))
        .catch((e: unknown) => events.problem(problemOf(e)));
    this.#live = local
      .sync(remote, {
        live: true,
        retry: true,
        batch_size: BATCH,
        batches_limit: 10,
        back_off_function: (delay) => (delay === 0 ? 500 : Math.min(delay * 2, 5000)),
      })
      .on('change', (info) => {
        if ((info as { direction?: string }).direction === 'pull') pullSoon();
      })
      .on('active', () => events.state('syncing'))
      .on('paused', (error) => events.state(error ? 'offline' : 'synced'))
      .on('denied', (error) => events.problem(problemOf(error)))
      .on('error', (error) => events.problem(problemOf(error)));
    this.#timer = setInterval(() => {
      void this.push()
        .then((count) => count > 0 && events.pushed(count))
        .catch((e: unknown) => events.problem(problemOf(e)));
    }, intervalMs);
    pullSoon();
  }

  stop(): void {
    this.#live?.cancel();
    this.#live = undefined;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Whether a join code was used already (its id is recorded as a document under the secret). */
  async joinCodeUsed(codeId: string): Promise<boolean> {
    const id = await docId(await this.#keysFor(JOIN_CODES), JOIN_CODES, codeId);
    const found = await this.#o.local.allDocs({ keys: [id] });
    return found.rows.some((r) => r.value && !r.value.deleted);
  }

  async recordJoinCode(codeId: string, at: number): Promise<void> {
    const doc = await encodeRow(await this.#keysFor(JOIN_CODES), JOIN_CODES, {
      id: codeId,
      updatedAt: at,
    });
    await this.#o.local.bulkDocs([doc]);
    await this.#o.local.replicate.to(this.#o.remote);
  }
}

function merged(a: RefusalCounts, b: RefusalCounts): RefusalCounts {
  const out: RefusalCounts = { ...a };
  for (const [reason, n] of Object.entries(b)) count(out, reason as SyncRefusalReason, n);
  return out;
}

function count(counts: RefusalCounts, reason: SyncRefusalReason, n = 1): void {
  counts[reason] = (counts[reason] ?? 0) + n;
}
