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
import { currentCopies, readOutbox, type OutRow } from '../db/sync/outbox';
import {
  docsOfTombstones,
  firstRefusals,
  forgetGraves,
  docMarks,
  getSeq,
  healOnce,
  knownStamps,
  mayHoldMarkStamps,
  refusalsToReread,
  rememberGraves,
  rememberReadsFormat,
  rememberMarkStamps,
  rememberStamps,
  registersMissingMarks,
  registerStamps,
  rowStamp,
  type RegisterStamps,
  setSeq,
} from '../db/sync/state';
import { tombstoneToken } from '../db/tombstones';
import { refreshGenerations } from '../db/keyring-generations';
import { noteOlderGenerations } from '../db/row-upgrade';
import { SyncError } from './errors';
import { MARKS_TABLE } from '../db/registers';
import { legacyTombstoneId } from '../db/tombstones';
import {
  decodeDoc,
  docId,
  encodeRegister,
  encodeRow,
  isRegisterFormat,
  isSlimMark,
  NEWEST_FORMAT,
  registerMarks,
  REGISTER_TABLE,
  type DecodedRow,
  type SyncRecord,
} from './codec';
import { fullMark, slimMark } from './wire-marks';
import type { BulkResult, ChangesResult, Replica, ReplicationEmitter, StoredDoc } from './replica';
import { problemOf } from './problems';
import type { SyncProblem, SyncRefusalReason } from './types';

/** Tables whose documents are sealed under the organisation sync secret, not the team key. */
const SECRET_TABLES: ReadonlySet<string> = new Set(['keyring', 'joinCodes']);
/** Documents of the engine itself: never applied to the device's tables. */
const JOIN_CODES = 'joinCodes';
const BATCH = 500;
/** Registers (of ~12 marks each) written into the replica at a time. */
const REGISTER_BATCH = 50;
/**
 * Documents the pull reads from the replica's changes feed at a time: one
 * Dexie transaction applies each page's rows (fewer, bigger transactions).
 */
const PAGE = 1000;
const REPLICATION = { batch_size: BATCH, batches_limit: 10 };
/** A fetch (a join's first above all): bigger batches, fewer round trips and IndexedDB writes. */
const FETCH = { batch_size: 1000, batches_limit: 10 };
const OPENED_KEY = 'sync:opened';

export type RefusalCounts = Partial<Record<SyncRefusalReason, number>>;

/**
 * A refused revision; `unreadable` opens under none of this device's keys:
 * 'damaged' when this device already holds that document (the server changed
 * a copy of ours), 'foreign' when it never did (another organisation's).
 */
interface Refusal {
  docId: string;
  rev: string;
  reason: Exclude<SyncRefusalReason, 'foreign'> | 'unreadable';
}

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

/**
 * What a fetch into an empty replica found (a join's): the replica's sequence
 * after it, and the documents that open under the organisation sync secret or
 * are damaged, found while the documents arrived. The pull before any unlock
 * then reads only those, not the whole replica again.
 */
export interface Fetched {
  seq: number;
  /**
   * Documents that open under the sync secret (key wraps, join codes) or are
   * damaged; undefined when the fetch ran unlocked and did not look.
   */
  keyDocs?: string[];
  /** Documents that open under none of this device's keys (the team's, while locked). */
  unreadable: number;
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
  /** Documents the pull reads and applies at a time (tests make it small). */
  pageSize?: number;
  /** Documents a fetch reads from the server at a time (tests make it small). */
  fetchBatch?: number;
}

export interface LiveEvents {
  state(state: 'syncing' | 'synced' | 'offline'): void;
  problem(problem: SyncProblem): void;
  pulled(report: PullReport): void;
  /** This many of the device's writes went into the replica, on their way to the server. */
  pushed(count: number): void;
  /** The server has everything in the replica: nothing of this device's is waiting. */
  sent?(): void;
  /** A pull with more than a page to apply (the first after a join's unlock): how far it is. */
  progress?(progress: Progress): void;
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

/**
 * Whether a mark from a register is the copy this device remembers (`known`,
 * its stamp): a slim mark (format 4) carries no at-rest seal, so it matches
 * this device's copy of the same version and time under any key generation.
 */
function sameMark(known: string | undefined, record: SyncRecord): boolean {
  if (known === rowStamp(record)) return true;
  return isSlimMark(record) && known?.replace(/:g\d+\.[0-9a-f]*$/, '') === rowStamp(record);
}

/** Where a mark from a register keeps its stamp (state.ts registerStamps). */
interface MarkRegister {
  regId: string;
  meetingId: string;
  /** Its own (format-2) document id: where a build before kept its stamp. */
  legacyId?: string;
}

/** A fetch running: `batch` hears each batch that arrived (a pull following it). */
interface Fetching {
  done: Promise<Fetched | undefined>;
  stopped: boolean;
  replication?: ReplicationEmitter;
  cancel(): void;
  batch?: () => void;
}

/** A row on its way into the replica. */
type Outgoing = OutRow & { docId: string; stamp: string };

export class SyncEngine {
  readonly #o: EngineOptions;
  /**
   * How many times the live replication's push side went idle with nothing
   * left to send (everything in the replica is on the server), and that count
   * when the replica last took this device's writes.
   */
  #sent = 0;
  #sentAtWrite = 0;
  /** Documents this engine has written into the replica (a push that wrote none leaves nothing waiting). */
  #written = 0;
  #secretKeys?: Promise<SyncKeys>;
  #teamKeys?: Promise<SyncKeys>;
  #live?: ReplicationEmitter;
  #timer?: ReturnType<typeof setInterval>;
  #forgetOnline?: () => void;
  #running?: Promise<unknown>;
  #legacy?: Promise<boolean>;
  /** A fetch running (a join's goes on after the join ended). */
  #fetching?: Fetching;
  /** `start` was called and no `stop` since (the live sync may wait for a fetch). */
  #started = false;
  /** A join recorded its code while its fetch ran: the push's checkpoint is set when it ends. */
  #pushOwed = false;
  /** The replica's sequence before this engine first wrote into it while a join's fetch ran. */
  #ownFrom?: number;

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

  /**
   * The key sets a document may open under, the team's first once unlocked:
   * nearly every document is the team's, and a try under the wrong set costs
   * a whole decryption.
   */
  async #keySets(): Promise<SyncKeys[]> {
    const secret = await this.#keysFor('keyring');
    return this.#o.vault.isUnlocked ? [await this.#keysFor('organisation'), secret] : [secret];
  }

  /** Whether marks' stamps of a build before may be here (state.ts mayHoldMarkStamps). */
  #legacyStamps(): Promise<boolean> {
    return (this.#legacy ??= mayHoldMarkStamps(this.#o.db));
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
    const legacyStamps = await this.#legacyStamps();
    const outbox = await readOutbox(db);
    // A mark goes out in its register: its own document id only finds where a build
    // before kept its stamp.
    const ids = await Promise.all(
      outbox.rows.map(async (r) =>
        r.table === MARKS_TABLE && !legacyStamps
          ? ''
          : docId(await this.#keysFor(r.table), r.table, r.record.id),
      ),
    );
    const legacy = await knownStamps(db, ids);
    // A mark's stamp is in its register's entry (state.ts registerStamps), or where a build
    // before kept it (its own document id) while that register has no entry yet.
    const meetings = [
      ...new Set(
        outbox.rows.flatMap((r) => (r.table === MARKS_TABLE ? [String(r.record.meetingId)] : [])),
      ),
    ];
    const regKeys = meetings.length ? await this.#keysFor(MARKS_TABLE) : undefined;
    const entries = regKeys
      ? await registerStamps(
          db,
          await Promise.all(meetings.map((m) => docId(regKeys, REGISTER_TABLE, m))),
        )
      : [];
    const entryOf = new Map(meetings.map((m, i) => [m, entries[i]]));
    const known = outbox.rows.map(
      (r, i) =>
        (r.table === MARKS_TABLE
          ? entryOf.get(String(r.record.meetingId))?.s[r.record.id]
          : undefined) ?? legacy[i],
    );
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
    const { db } = this.#o;
    const { outbox, docs } = await this.#pending();
    // Rows deleted here: their documents are emptied before the tombstones go
    // out (an interrupted push finds the tombstones waiting again).
    const deletions = docs.filter((d) => d.table === 'tombstones');
    const graves = deletions.map((d) => d.record.id);
    // A key wrap's document is emptied only by a coordinator's session (a
    // deactivation, a role or passphrase changed there): a facilitator who
    // deletes wraps in their own storage does not empty them on the server.
    const buryable = deletions
      .filter((d) => d.record.table !== 'keyring' || this.#o.vault.hasCoordinatorKey)
      .map((d) => d.record.id);
    let buried = 0;
    /** Meetings whose register document is written again (a mark changed or went). */
    const meetings = new Set<string>();
    if (graves.length) {
      const holding = (await docsOfTombstones(db, buryable)).filter(
        (id): id is string => id !== undefined,
      );
      // A mark's document is its meeting's register: re-packed without it, not emptied.
      const registers = await this.#registerMeetings(holding);
      for (const meetingId of registers.values()) meetings.add(meetingId);
      // A mark's grave is its register's stamps entry (state.ts): a mark it names that this
      // device no longer holds went here, and the register is re-packed without it.
      if (deletions.some((d) => d.record.table === MARKS_TABLE || d.record.erased === true))
        for (const meetingId of await registersMissingMarks(db)) meetings.add(meetingId);
      buried = await this.#bury(
        holding.filter((id) => !registers.has(id)).map((docId) => ({ docId })),
      );
      await forgetGraves(db, graves);
    }
    const rows = docs.filter((d) => d.table !== MARKS_TABLE);
    const marksOf = new Map<string, number>();
    for (const d of docs)
      if (d.table === MARKS_TABLE) {
        const meetingId = String(d.record.meetingId);
        meetings.add(meetingId);
        marksOf.set(meetingId, (marksOf.get(meetingId) ?? 0) + 1);
      }
    let done = 0;
    let complete = true;
    progress?.({ done, total: docs.length });
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      if (!(await this.#write(chunk, true))) complete = false;
      done += chunk.length;
      progress?.({ done, total: docs.length });
    }
    const registers = [...meetings];
    for (let i = 0; i < registers.length; i += REGISTER_BATCH) {
      const chunk = registers.slice(i, i + REGISTER_BATCH);
      if (!(await this.#writeRegisters(chunk, true))) complete = false;
      for (const meetingId of chunk) done += marksOf.get(meetingId) ?? 0;
      progress?.({ done, total: docs.length });
    }
    // An interrupted push leaves the checkpoint: the next one reads those rows again.
    if (complete) await outbox.commit();
    // The bodies the deletions replaced leave this device's replica, and with
    // them those of rows rewritten in the same change (an erasure's rosters, notes).
    if (buried) await this.#o.local.compact();
    return done;
  }

  /**
   * Writes rows into the replica, never over a newer copy it holds (the pull
   * applies that one). False when some did not go in. From the push: when the
   * pull had read the whole replica before and nothing else wrote into it
   * meanwhile (its sequence moved by exactly these writes), the pull's
   * checkpoint moves past them: they are this device's own.
   */
  async #write(chunk: readonly Outgoing[], fromPush = false): Promise<boolean> {
    const { db, local } = this.#o;
    const existing = await local.allDocs({ keys: chunk.map((d) => d.docId) });
    const keySets = await this.#keySets();
    // Sealed side by side (WebCrypto works off the main thread), written in one bulkDocs.
    const planned = await Promise.all(
      chunk.map(async (row, j) => {
        const found = existing.rows[j]?.value;
        const rev = found && !found.deleted ? found.rev : undefined;
        if (rev) {
          const stored = await local.get(row.docId);
          // Written by a newer build: this one cannot tell what it holds, so it waits (upgrade).
          if (isNewerFormat(stored)) return { row, taken: false, blocked: true };
          // Never over a newer copy the replica holds: the pull applies that one.
          const current = await decodeDoc(keySets, stored);
          if (current.ok) {
            const order = compareCopies(row.table, row.record, current.row.record);
            if (order <= 0) return { row, taken: order === 0 };
          }
        }
        const doc = await encodeRow(await this.#keysFor(row.table), row.table, row.record);
        const write = rev
          ? { ...doc, _rev: rev }
          : found?.deleted
            ? { ...doc, _rev: found.rev }
            : doc;
        return { row, taken: true, write };
      }),
    );
    const writes = planned.flatMap((p) => (p.write ? [p.write] : []));
    const taken = planned.filter((p) => p.taken).map((p) => p.row);
    const blocked = planned.some((p) => 'blocked' in p);
    const caughtUp =
      fromPush && writes.length && this.#o.vault.isUnlocked ? await this.#caughtUp() : undefined;
    const results: BulkResult[] = writes.length ? await this.#bulk(writes) : [];
    if (writes.length) {
      this.#sentAtWrite = this.#sent;
      this.#written += writes.length;
    }
    const failed = new Set(results.filter((r) => r.error).map((r) => r.id));
    // The revision each write made: the pull skips exactly that one (state.ts writtenRevs).
    const revs = new Map(results.flatMap((r) => (r.ok && r.id && r.rev ? [[r.id, r.rev]] : [])));
    const went = taken
      .filter((t) => !failed.has(t.docId))
      .map((t) => ({ ...t, ...(revs.has(t.docId) ? { rev: revs.get(t.docId)! } : {}) }));
    await rememberStamps(db, went);
    await this.#rememberGraves(went);
    if (caughtUp !== undefined && failed.size === 0) {
      const after = (await local.info()).update_seq;
      if (after === caughtUp + writes.length) {
        await setSeq(db, after);
        // They open under this device's keys: this database is not another organisation's.
        await db.meta.put({ key: OPENED_KEY, value: true });
      }
    }
    return failed.size === 0 && !blocked;
  }

  /**
   * Writes the register documents of these meetings (format 4, codec.ts): all
   * of a meeting's marks as this device holds them, in one document, each slim
   * where this device opens it (wire-marks.ts). A mark the
   * replica's register holds that is newer than this device's copy (not applied
   * here yet), or that this device never had and did not delete, stays in it:
   * re-packing never drops someone else's mark. A meeting with no marks left
   * has its register emptied. The per-mark documents of formats 1 and 2 of
   * these marks are emptied too when they hold nothing newer (the server's
   * storage drops as registers replace them). False when some did not go in.
   */
  async #writeRegisters(meetingIds: readonly string[], fromPush = false): Promise<boolean> {
    if (meetingIds.length === 0 || !this.#o.vault.isUnlocked) return true;
    const { db, local } = this.#o;
    const keys = await this.#keysFor(MARKS_TABLE);
    const keySets = await this.#keySets();
    const regIds = await Promise.all(meetingIds.map((m) => docId(keys, REGISTER_TABLE, m)));
    const held = await db.registers.bulkGet([...meetingIds]);
    const existing = await local.allDocs({ keys: regIds });
    const planned = await Promise.all(
      meetingIds.map(async (meetingId, i) => {
        const regId = regIds[i]!;
        const mine = (held[i]?.marks ?? []) as unknown as SyncRecord[];
        const merged = new Map(mine.map((m) => [m.id, m]));
        const found = existing.rows[i]?.value;
        if (found && !found.deleted) {
          const stored = await local.get(regId);
          // A register of a newer build: re-packed here, the marks this build cannot
          // read would be gone from it. This device's marks wait (the push is not
          // complete) until it upgrades and reads that register again.
          if (isNewerFormat(stored))
            return { regId, write: undefined, old: [], taken: [], blocked: true };
          const current = await decodeDoc(keySets, stored);
          if (current.ok && current.row.table === REGISTER_TABLE) {
            const theirs = registerMarks(current.row);
            const deleted = await this.#deletedHere(
              theirs.filter((t) => !merged.has(t.id)).map((t) => t.id),
            );
            for (const t of theirs) {
              const m = merged.get(t.id);
              if (m ? compareCopies(MARKS_TABLE, t, m) > 0 : !deleted.has(t.id))
                merged.set(t.id, t);
            }
          }
        }
        const marks = [...merged.values()];
        const markIds = await Promise.all(marks.map((m) => docId(keys, MARKS_TABLE, m.id)));
        // Each mark slim where this device opens it (wire-marks.ts), otherwise as at rest.
        const wire = await Promise.all(marks.map((m) => slimMark(this.#o.vault, meetingId, m)));
        const write = marks.length
          ? {
              ...(await encodeRegister(keys, meetingId, wire)),
              ...(found ? { _rev: found.rev } : {}),
            }
          : found && !found.deleted
            ? { _id: regId, _rev: found.rev, _deleted: true as const }
            : undefined;
        const old = await this.#oldMarkDocs(keySets, marks, markIds);
        // This device's copies that went in as they are: remembered, as a push's rows are.
        const taken = marks.flatMap((m, j) =>
          mine.includes(m) ? [{ record: m, markDocId: markIds[j]! }] : [],
        );
        return { regId, meetingId, packed: marks.map((m) => m.id), write, old, taken };
      }),
    );
    const writes: object[] = planned.flatMap((p) => [...(p.write ? [p.write] : []), ...p.old]);
    const blocked = planned.some((p) => 'blocked' in p);
    const caughtUp = fromPush && writes.length ? await this.#caughtUp() : undefined;
    const results: BulkResult[] = writes.length ? await this.#bulk(writes) : [];
    if (writes.length) {
      this.#sentAtWrite = this.#sent;
      this.#written += writes.length;
    }
    const failed = new Set(results.filter((r) => r.error).map((r) => r.id));
    const revs = new Map(results.flatMap((r) => (r.ok && r.id && r.rev ? [[r.id, r.rev]] : [])));
    const went = planned.filter((p) => p.write && !failed.has(p.regId));
    await rememberStamps(db, [
      // The register's own revision: the pull skips exactly it (and knows the document is ours).
      ...went.flatMap((p) =>
        revs.has(p.regId)
          ? [{ docId: p.regId, stamp: REGISTER_TABLE, rev: revs.get(p.regId)! }]
          : [],
      ),
    ]);
    // Each mark's stamp in its register's one entry (judged per mark all the same); marks
    // the register no longer holds leave the entry. The entry is also each mark's grave.
    const before = await registerStamps(
      db,
      went.map((p) => p.regId),
    );
    await rememberMarkStamps(
      db,
      went.flatMap((p, i) => {
        const packed = new Set(p.packed);
        return [
          ...p.taken.map((t) => ({
            regId: p.regId,
            meetingId: p.meetingId!,
            markId: t.record.id,
            stamp: rowStamp(t.record),
          })),
          ...Object.keys(before[i]?.s ?? {})
            .filter((id) => !packed.has(id))
            .map((markId) => ({ regId: p.regId, meetingId: p.meetingId!, markId })),
        ];
      }),
    );
    if (caughtUp !== undefined && failed.size === 0) {
      const after = (await local.info()).update_seq;
      if (after === caughtUp + writes.length) {
        await setSeq(db, after);
        await db.meta.put({ key: OPENED_KEY, value: true });
      }
    }
    return failed.size === 0 && !blocked;
  }

  /** Of these mark ids, those this device deleted (a tombstone of the mark is here). */
  async #deletedHere(markIds: readonly string[]): Promise<Set<string>> {
    if (markIds.length === 0) return new Set();
    const key = await this.#o.vault.teamSubkey('opaqueId');
    const tokens = await Promise.all(markIds.map((id) => tombstoneToken(key, MARKS_TABLE, id)));
    const [keyed, legacy] = await Promise.all([
      this.#o.db.tombstones.bulkGet(tokens),
      this.#o.db.tombstones.bulkGet(markIds.map((id) => legacyTombstoneId(MARKS_TABLE, id))),
    ]);
    return new Set(markIds.filter((_, i) => keyed[i] || legacy[i]));
  }

  /**
   * Removals of the per-mark documents (formats 1 and 2) of marks now in a
   * register: every revision holding that mark at the register's version or
   * older. A revision holding a newer copy stays for the pull to apply.
   */
  async #oldMarkDocs(
    keySets: SyncKeys[],
    marks: readonly SyncRecord[],
    markIds: readonly string[],
  ) {
    const { local } = this.#o;
    if (marks.length === 0) return [];
    const found = await local.allDocs({ keys: [...markIds] });
    const removals: { _id: string; _rev: string; _deleted: true }[] = [];
    for (const [j, id] of markIds.entries()) {
      const value = found.rows[j]?.value;
      if (!value || value.deleted) continue;
      const doc = await local.get(id, { conflicts: true });
      for (const rev of [doc._rev, ...(doc._conflicts ?? [])]) {
        const stored = rev === doc._rev ? doc : await local.get(id, { rev });
        const decoded = await decodeDoc(keySets, stored);
        if (
          decoded.ok &&
          decoded.row.table === MARKS_TABLE &&
          compareCopies(MARKS_TABLE, decoded.row.record, marks[j]!) <= 0
        )
          removals.push({ _id: id, _rev: rev, _deleted: true });
      }
    }
    return removals;
  }

  /** Of these documents, the registers in the replica: document id → meeting id. */
  async #registerMeetings(docIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (docIds.length === 0) return out;
    const keySets = await this.#keySets();
    const found = await this.#o.local.allDocs({ keys: [...docIds] });
    for (const [i, id] of docIds.entries()) {
      const value = found.rows[i]?.value;
      if (!value || value.deleted) continue;
      const doc = await this.#o.local.get(id);
      if (!isRegisterFormat(doc.v)) continue;
      const decoded = await decodeDoc(keySets, doc);
      if (decoded.ok && decoded.row.table === REGISTER_TABLE) out.set(id, decoded.row.record.id);
    }
    return out;
  }

  /** The replica's sequence when the pull has applied all of it (numbered sequences only). */
  async #caughtUp(): Promise<number | undefined> {
    const [seq, info] = await Promise.all([getSeq(this.#o.db), this.#o.local.info()]);
    return typeof info.update_seq === 'number' && info.update_seq === seq ? seq : undefined;
  }

  /** Which document holds each row, by the row's keyed tombstone id (state.ts rememberGraves). */
  async #rememberGraves(rows: readonly { table: string; record: { id: string }; docId: string }[]) {
    await rememberGraves(this.#o.db, await this.#graves(rows));
  }

  async #graves(rows: readonly { table: string; record: { id: string }; docId: string }[]) {
    // Key wraps too: a wrap deleted here (a deactivation) has its document emptied on the
    // server, so a device joining later never pulls it. Join codes are never deleted.
    const kept = rows.filter((r) => r.table !== 'tombstones' && r.table !== JOIN_CODES);
    if (kept.length === 0 || !this.#o.vault.isUnlocked) return [];
    const key = await this.#o.vault.teamSubkey('opaqueId');
    return Promise.all(
      kept.map(async (r) => ({
        tombstoneId: await tombstoneToken(key, r.table, r.record.id),
        docId: r.docId,
      })),
    );
  }

  /**
   * Empties documents of rows that are gone: each live revision that is the
   * copy this device last held (or, with `rev`, that revision) becomes a
   * deletion, so the server keeps no body of it, only the tombstone's own
   * document that says it went. A revision holding anything else (someone's
   * edit not applied yet) is left to the pull, whose merge decides.
   * Returns how many revisions were removed.
   */
  async #bury(docs: readonly { docId: string; rev?: string }[]): Promise<number> {
    if (docs.length === 0) return 0;
    const { db, local } = this.#o;
    const exact = docs.filter((d) => d.rev !== undefined);
    const mine = [...new Set(docs.filter((d) => d.rev === undefined).map((d) => d.docId))];
    const removals: { _id: string; _rev: string; _deleted: true }[] = exact.map((d) => ({
      _id: d.docId,
      _rev: d.rev!,
      _deleted: true,
    }));
    if (mine.length) {
      const found = await local.allDocs({ keys: mine });
      const stamps = await knownStamps(db, mine);
      const keySets = await this.#keySets();
      for (const [i, docId] of mine.entries()) {
        const value = found.rows[i]?.value;
        if (!value || value.deleted) continue;
        const doc = await local.get(docId, { conflicts: true });
        for (const rev of [doc._rev, ...(doc._conflicts ?? [])]) {
          const stored = rev === doc._rev ? doc : await local.get(docId, { rev });
          const decoded = await decodeDoc(keySets, stored);
          if (decoded.ok && rowStamp(decoded.row.record) === stamps[i])
            removals.push({ _id: docId, _rev: rev, _deleted: true });
        }
      }
    }
    if (removals.length === 0) return 0;
    // A revision that moved on meanwhile fails alone (a conflict): the next pass sees it.
    const results = await this.#bulk(removals);
    return results.filter((r) => !r.error).length;
  }

  /**
   * Applies what the replica received since the last pull; `progress` hears
   * how many of the changes waiting are done, when there are more than a page.
   * Before an unlock, with what a join's fetch found (`fetched`), only the
   * documents that opened then are read again, not the whole replica.
   */
  pull(progress?: (p: Progress) => void, fetched?: Fetched): Promise<PullReport> {
    return this.#serial(() => this.#pull(progress, fetched));
  }

  /** These documents of the replica as one page of its changes feed (a gone one as deleted). */
  async #readDocs(ids: readonly string[]) {
    const results = await Promise.all(
      [...new Set(ids)].map(async (id) => {
        try {
          return { id, seq: 0, doc: await this.#o.local.get(id, { conflicts: true }) };
        } catch {
          return { id, seq: 0, deleted: true };
        }
      }),
    );
    return { results, last_seq: 1 };
  }

  /** How many changes the replica's feed holds after `since` (its count of updates, an upper bound). */
  async #changesAfter(since: string | number): Promise<number> {
    const info = await this.#o.local.info();
    return typeof info.update_seq === 'number' && typeof since === 'number'
      ? Math.max(0, info.update_seq - since)
      : info.doc_count;
  }

  async #pull(progress?: (p: Progress) => void, fetched?: Fetched): Promise<PullReport> {
    const { db, vault, local } = this.#o;
    const unlocked = vault.isUnlocked;
    // Decided before this pull writes any stamp (a join's first pull: there are none of old).
    await this.#legacyStamps();
    // Before an unlock, after a fetch into an empty replica: only the documents it found to open.
    const only =
      unlocked || !fetched?.keyDocs ? undefined : { ...fetched, keyDocs: fetched.keyDocs };
    // Before an unlock only key wraps can be read: the next pull after it starts over.
    let since = unlocked ? await getSeq(db) : 0;
    const report: PullReport = { applied: 0, refused: {}, foreign: false };
    let opened = (await db.meta.get(OPENED_KEY))?.value === true;
    /** Documents refused, each with the revision read (reported once: state.ts firstRefusals). */
    const refusals: Refusal[] = [];
    let removed = 0;
    const keySets = await this.#keySets();
    const secretKeys = await this.#keysFor('keyring');
    const limit = this.#o.pageSize ?? PAGE;
    const total = progress ? await this.#changesAfter(since) : 0;
    const told = progress && total > limit ? progress : undefined;
    let done = 0;
    told?.({ done, total });
    /**
     * `register`: a mark from a register, its stamp kept in the register's entry
     * (state.ts registerStamps); `legacyId` its own (format-2) document id, where
     * a build before kept its stamp and this register has no entry yet.
     */
    type Row = DecodedRow & { docId: string; rev: string; register?: MarkRegister };
    /**
     * Reads a page of the replica's changes feed and opens it: the rows to
     * apply (those this device does not hold yet), with where each row's
     * document is remembered when the row goes (state.ts rememberGraves).
     */
    const openPage = async (from: string | number, again?: readonly string[]) => {
      const page = again
        ? await this.#docsAgain(again, from)
        : only
          ? await this.#readDocs(from === 0 ? only.keyDocs : [])
          : await local.changes({ since: from, limit, include_docs: true, conflicts: true });
      const present = page.results.filter((change) => {
        if (change.deleted || change.doc?._deleted) {
          removed++; // a document emptied elsewhere: its old body goes from here too
          return false;
        }
        return Boolean(change.doc);
      });
      const marks = await docMarks(
        db,
        present.map((change) => change.doc!._id),
      );
      // The exact revision this device wrote (a push, a heal) holds what it has: not opened
      // again. Any other revision of the document, or one with conflicts, is.
      const changes = present.filter(
        (change, i) =>
          marks[i]!.wrote !== change.doc!._rev || Boolean(change.doc!._conflicts?.length),
      );
      if (changes.length < present.length) opened = true;
      // A page's documents open side by side (WebCrypto works off the main thread).
      const resolvedAll = await Promise.all(
        changes.map((change) => this.#resolve(change.doc!, keySets)),
      );
      const stamps = new Map(present.map((change, i) => [change.doc!._id, marks[i]!.stamp]));
      const rows: Row[] = [];
      const registers: { docId: string; rev: string; marks: SyncRecord[] }[] = [];
      for (const [i, change] of changes.entries()) {
        const { decoded, rev, losers } = resolvedAll[i]!;
        removed += losers;
        const at = { docId: change.doc!._id, rev };
        if (!decoded.ok) {
          // A newer build's document is neither damaged nor another organisation's: this
          // device is told to update, and reads it again once it has (refusalsToReread).
          const reason = isNewerFormat(change.doc!)
            ? 'newer'
            : decoded.reason === 'foreign'
              ? 'unreadable'
              : 'damaged';
          refusals.push({ ...at, reason });
          continue;
        }
        opened = true;
        const { table } = decoded.row;
        if (SECRET_TABLES.has(table) !== (decoded.keys === secretKeys)) {
          refusals.push({ ...at, reason: 'damaged' }); // a team document under the wrong key set
          continue;
        }
        if (table === JOIN_CODES) continue;
        if (table === REGISTER_TABLE) {
          registers.push({ ...at, marks: registerMarks(decoded.row) });
          continue;
        }
        // Already here as it is (this device pushed or applied that copy).
        if (stamps.get(at.docId) === rowStamp(decoded.row.record)) continue;
        rows.push({ ...decoded.row, ...at });
      }
      // A register's marks, each judged on its own: those this device holds as they are skip.
      if (registers.length && unlocked) {
        const entries = await registerStamps(
          db,
          registers.map((r) => r.docId),
        );
        const marks = registers.flatMap((r, i) =>
          r.marks.map((record) => ({ ...r, record, entry: entries[i] })),
        );
        const known = await this.#legacyMarkStamps(marks);
        const fresh = marks.flatMap((m, j) => {
          const stamp = m.entry?.s[m.record.id] ?? known[j]!.stamp;
          if (sameMark(stamp, m.record)) return [];
          const register: MarkRegister = {
            regId: m.docId,
            meetingId: String(m.record.meetingId),
            ...(known[j]!.id ? { legacyId: known[j]!.id } : {}),
          };
          return [{ ...m, register }];
        });
        // A slim mark (format 4) is opened and sealed at rest here before it is applied.
        const records = await Promise.all(
          fresh.map(async (m) => (isSlimMark(m.record) ? fullMark(vault, m.record) : m.record)),
        );
        for (const [j, m] of fresh.entries())
          rows.push({
            table: MARKS_TABLE,
            record: records[j]!,
            docId: m.docId,
            rev: m.rev,
            register: m.register,
          });
      }
      // A register's marks need none: their register's entry names them (state.ts).
      const graves = await this.#graves(rows.filter((r) => !r.register));
      return { page, rows, graves };
    };
    const ahead = (from: string | number) => {
      const opening = openPage(from);
      opening.catch(() => undefined); // awaited below; not unhandled if a page before fails
      return opening;
    };
    // Documents refused before this build read their format (an app upgrade): read once more,
    // ahead of the feed, which has gone past them (state.ts refusalsToReread).
    const again = unlocked ? await refusalsToReread(db, NEWEST_FORMAT) : [];
    let rereading = again.length > 0;
    let next = rereading ? openPage(since, again) : ahead(since);
    for (;;) {
      const { page, rows: fresh, graves } = await next;
      if (unlocked && !vault.isUnlocked) throw new SyncError('stopped');
      if (page.results.length === 0 && !rereading) break;
      // The next page is read and opened while this one is applied (what this
      // page's writes change in the replica comes later in the feed, and is read then).
      next = ahead(page.last_seq);
      if (fresh.length) {
        const batch: Record<string, SyncRecord[]> = {};
        const ids = new Map<string, Row>();
        for (const r of fresh) {
          (batch[r.table] ??= []).push(r.record);
          ids.set(`${r.table}/${r.record.id}`, r);
        }
        const result = await applyIncoming(db, vault, batch, {
          ...(this.#o.policy ? { policy: this.#o.policy } : {}),
          ...(this.#o.now ? { now: this.#o.now() } : {}),
          docIdOf: (table, id) => {
            const row = ids.get(`${table}/${id}`);
            return row?.register ? row.register.legacyId : row?.docId;
          },
          registerOf: (markId) => ids.get(`${MARKS_TABLE}/${markId}`)?.register,
          graves,
        });
        report.applied += result.summary.added + result.summary.updated + result.summary.deleted;
        if (result.refused.length) count(report.refused, 'damaged', result.refused.length);
        for (const n of result.newer) {
          const doc = ids.get(`${n.table}/${n.record.id}`);
          if (n.replay && doc) refusals.push({ docId: doc.docId, rev: doc.rev, reason: 'older' });
        }
        // A device still on an older team key wrote: its rows are re-sealed at the next unlock.
        if (unlocked) await noteOlderGenerations(db, fresh, vault.teamGeneration);
        await this.#heal(result.newer);
        // Wraps of someone the roster now marks inactive: their documents are emptied too.
        const keyringKeys = await this.#keysFor('keyring');
        const revokedDocs = await Promise.all(
          result.revoked.map(async (id) => ({ docId: await docId(keyringKeys, 'keyring', id) })),
        );
        // Marks that went: their registers are re-packed without them (below), and
        // any per-mark document of an older format is emptied as other rows' are.
        const goneRegisters = await this.#goneMeetings(
          result.gone.filter((g) => g.table === MARKS_TABLE),
          (id) => ids.get(`${MARKS_TABLE}/${id}`),
        );
        removed += await this.#bury([
          ...revokedDocs,
          ...(await Promise.all(
            result.gone.map(async (g) => {
              const doc = ids.get(`${g.table}/${g.id}`);
              return g.buried && doc && !doc.register
                ? { docId: doc.docId, rev: doc.rev }
                : { docId: await docId(await this.#keysFor(g.table), g.table, g.id) };
            }),
          )),
        ]);
        if (goneRegisters.length) await this.#writeRegisters(goneRegisters);
        // A rotated team key (keyring-generations.ts): picked up with the keys this
        // session holds, or the person is asked to unlock again before more is written.
        if (unlocked && (batch.keyring?.length || vault.newerKeySeen)) {
          if (await refreshGenerations(db, vault)) throw new SyncError('unlock-again');
        }
      }
      // Locked meanwhile (Lock, Quick exit: a long first pull): this page may not all be
      // applied, so the checkpoint stays before it and the next unlock reads it again.
      if (unlocked && !vault.isUnlocked) throw new SyncError('stopped');
      since = page.last_seq;
      if (unlocked) await setSeq(db, since);
      if (!rereading) done += page.results.length;
      rereading = false;
      told?.({ done: Math.min(done, total), total });
    }
    told?.({ done: total, total });
    if (unlocked) await rememberReadsFormat(db, NEWEST_FORMAT);
    if (opened) await db.meta.put({ key: OPENED_KEY, value: true });
    // Locked, team documents cannot open yet: only a database with nothing to open is foreign.
    const unreadable = refusals.filter((r) => r.reason === 'unreadable');
    if ((unreadable.length > 0 || (only?.unreadable ?? 0) > 0) && !opened) report.foreign = true;
    // Unreadable, though the database is ours: a document this device holds was changed on the
    // server ('damaged'); one it never held was sealed under another organisation's keys.
    const held = new Set(
      (
        await knownStamps(
          db,
          unreadable.map((r) => r.docId),
        )
      )
        .map((stamp, i) => (stamp === undefined ? undefined : unreadable[i]!.docId))
        .filter((id) => id !== undefined),
    );
    const counted = refusals.filter((r) => r.reason !== 'unreadable' || (opened && unlocked));
    for (const r of await firstRefusals(db, counted))
      count(
        report.refused,
        r.reason !== 'unreadable' ? r.reason : held.has(r.docId) ? 'damaged' : 'foreign',
      );
    // Old bodies of what went (deleted rows, conflicting copies) leave this device too.
    if (removed > 0) await local.compact();
    return report;
  }

  /**
   * For marks of registers this device has no stamps entry for (state.ts
   * registerStamps; a build before kept a stamp per mark under the mark's own
   * format-2 document id): that id and the stamp kept there. Nothing to work
   * out for the others.
   */
  async #legacyMarkStamps(
    marks: readonly { record: SyncRecord; entry?: RegisterStamps }[],
  ): Promise<{ id?: string; stamp?: string }[]> {
    const out: { id?: string; stamp?: string }[] = marks.map(() => ({}));
    const old = marks.flatMap((m, j) => (m.entry ? [] : [j]));
    if (old.length === 0 || !(await this.#legacyStamps())) return out;
    const keys = await this.#keysFor(MARKS_TABLE);
    const ids = await Promise.all(old.map((j) => docId(keys, MARKS_TABLE, marks[j]!.record.id)));
    const stamps = await knownStamps(this.#o.db, ids);
    for (const [k, j] of old.entries())
      out[j] = { id: ids[k]!, ...(stamps[k] !== undefined ? { stamp: stamps[k] } : {}) };
    return out;
  }

  /**
   * The current revisions of these documents, as a page of the changes feed
   * ending at `at` (the feed goes on from where it was): for documents this
   * device refused before it could read their format.
   */
  async #docsAgain(ids: readonly string[], at: string | number): Promise<ChangesResult> {
    const results: ChangesResult['results'] = [];
    for (const id of ids) {
      const doc = await this.#o.local.get(id, { conflicts: true }).catch(() => undefined);
      if (doc) results.push({ id, seq: at, doc });
    }
    return { results, last_seq: at };
  }

  /**
   * The meetings of marks that went in an apply: from the mark itself when it
   * arrived, otherwise from the register document this device knows holds it.
   */
  async #goneMeetings(
    gone: readonly { id: string; meetingId?: string }[],
    arrived: (id: string) => { record: SyncRecord; register?: MarkRegister } | undefined,
  ): Promise<string[]> {
    if (gone.length === 0) return [];
    const meetings = new Set<string>();
    const unknown: string[] = [];
    for (const g of gone) {
      const row = arrived(g.id);
      if (g.meetingId) meetings.add(g.meetingId);
      else if (row?.register) meetings.add(row.register.meetingId);
      else unknown.push(g.id);
    }
    if (unknown.length) {
      const key = await this.#o.vault.teamSubkey('opaqueId');
      const tokens = await Promise.all(unknown.map((id) => tombstoneToken(key, MARKS_TABLE, id)));
      const holding = (await docsOfTombstones(this.#o.db, tokens)).filter(
        (id): id is string => id !== undefined,
      );
      for (const meetingId of (await this.#registerMeetings(holding)).values())
        meetings.add(meetingId);
    }
    return [...meetings];
  }

  /**
   * Puts this device's copies back over the older bodies the replica
   * received for their documents (a replay, a late stale write), once per
   * copy: a server that keeps sending the older body gets no loop of writes.
   */
  async #heal(newer: readonly OutRow[]): Promise<void> {
    if (newer.length === 0) return;
    const rows: Outgoing[] = [];
    const meetings = new Set<string>();
    for (const row of await currentCopies(this.#o.db, newer)) {
      const id = await docId(await this.#keysFor(row.table), row.table, row.record.id);
      const stamp = rowStamp(row.record);
      if (!(await healOnce(this.#o.db, id, stamp))) continue;
      // A mark goes back in its meeting's register (which keeps the newest of each mark).
      if (row.table === MARKS_TABLE) meetings.add(String(row.record.meetingId));
      else rows.push({ ...row, docId: id, stamp });
    }
    if (rows.length) await this.#write(rows);
    if (meetings.size) await this.#writeRegisters([...meetings]);
  }

  /**
   * Decodes a document; with conflicting revisions, decodes them all, keeps
   * the one every device keeps, and removes the others from the replica.
   */
  async #resolve(doc: StoredDoc, keySets: SyncKeys[]) {
    const first = await decodeDoc(keySets, doc);
    if (!doc._conflicts?.length) return { decoded: first, rev: doc._rev, losers: 0 };
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
    if (!best) return { decoded: first, rev: doc._rev, losers: 0 };
    if (best.decoded.ok && best.decoded.row.table === REGISTER_TABLE)
      return this.#resolveRegister(doc._id, all);
    // A newer build's revision is not this build's to judge: it stays for that build.
    const losers = all.filter((c) => c !== best && !isNewerFormat(c.stored));
    await this.#bulk(losers.map((c) => ({ _id: doc._id, _rev: c.stored._rev, _deleted: true })));
    return { decoded: best.decoded, rev: best.stored._rev, losers: losers.length };
  }

  /**
   * Conflicting revisions of a register merge per person's mark: the newest
   * copy of each mark (compareCopies) over all revisions that open. When one
   * revision already holds every mark at its newest, it is kept (the same one
   * on every device: two devices resolving at once write nothing, so they
   * cannot ping-pong); otherwise the merged register is written over the
   * winning revision. Every other revision is removed. A mark deleted in one
   * revision and not in another stays in the merge: the pull applies its
   * tombstone, and the register is re-packed without it then.
   */
  async #resolveRegister(
    id: string,
    all: readonly { stored: StoredDoc; decoded: Awaited<ReturnType<typeof decodeDoc>> }[],
  ) {
    type Opened = { stored: StoredDoc; row: DecodedRow; keys: SyncKeys };
    const opened: Opened[] = all.flatMap((c) =>
      c.decoded.ok && c.decoded.row.table === REGISTER_TABLE
        ? [{ stored: c.stored, row: c.decoded.row, keys: c.decoded.keys }]
        : [],
    );
    const newest = new Map<string, SyncRecord>();
    for (const c of opened)
      for (const m of registerMarks(c.row)) {
        const had = newest.get(m.id);
        if (!had || compareCopies(MARKS_TABLE, m, had) > 0) newest.set(m.id, m);
      }
    const holdsAll = (c: Opened) => {
      const marks = new Map(registerMarks(c.row).map((m) => [m.id, m]));
      return [...newest.values()].every((m) => {
        const x = marks.get(m.id);
        return x !== undefined && compareCopies(MARKS_TABLE, x, m) === 0;
      });
    };
    const complete = opened.filter(holdsAll).sort((a, b) => (a.stored.c > b.stored.c ? -1 : 1));
    const keep = complete[0] ?? opened.sort((a, b) => (a.stored.c > b.stored.c ? -1 : 1))[0]!;
    const losers = all.filter((c) => c.stored !== keep.stored && !isNewerFormat(c.stored));
    const removals = losers.map((c) => ({ _id: id, _rev: c.stored._rev, _deleted: true }));
    const meetingId = keep.row.record.id;
    const marks = [...newest.values()];
    if (complete[0]) {
      await this.#bulk(removals);
      return {
        decoded: { ok: true as const, row: keep.row, keys: keep.keys },
        rev: keep.stored._rev,
        losers: losers.length,
      };
    }
    const merged = {
      ...(await encodeRegister(keep.keys, meetingId, marks)),
      _rev: keep.stored._rev,
    };
    const results = await this.#bulk([merged, ...removals]);
    const rev = results[0]?.ok && results[0].rev ? results[0].rev : keep.stored._rev;
    return {
      decoded: {
        ok: true as const,
        row: { table: REGISTER_TABLE, record: { id: meetingId, marks } as SyncRecord },
        keys: keep.keys,
      },
      rev,
      losers: losers.length,
    };
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

  /**
   * Copies the server's documents into the replica, without applying them;
   * `progress` hears how many were read of the server's count. Into an empty
   * replica (a join), each batch of documents is tried under the sync secret
   * as it arrives: the result says which open (the key wraps), so the pull
   * before an unlock need not read the replica again; `found` hears what was
   * found so far after each batch (a join ends at the first key wrap, and the
   * fetch goes on: `receiving`, and `start` follows it). `join`: a join's
   * fetch, resumed into a replica that is not empty. A fetch already running
   * is not started twice: this waits for it.
   */
  async fetch(
    progress?: (p: Progress) => void,
    found?: (so: Fetched) => void,
    join = false,
  ): Promise<Fetched | undefined> {
    if (this.#fetching) return this.#fetching.done;
    const fetching: Fetching = {
      done: Promise.resolve(undefined),
      stopped: false,
      cancel() {
        fetching.stopped = true;
        fetching.replication?.cancel();
      },
    };
    const done = this.#fetch(fetching, progress, found, join);
    fetching.done = done;
    this.#fetching = fetching;
    const settled = () => {
      if (this.#fetching === fetching) this.#fetching = undefined;
    };
    done.then(settled, settled);
    return done;
  }

  async #fetch(
    fetching: Fetching,
    progress?: (p: Progress) => void,
    found?: (so: Fetched) => void,
    join = false,
  ): Promise<Fetched | undefined> {
    const { local, remote } = this.#o;
    // A join's (resumed after a failure, the replica is not empty: still a join's).
    const empty = join || (await local.info()).update_seq === 0;
    // Unreachable or refused: the replication says why.
    const info = progress ? await remote.info().catch(() => undefined) : undefined;
    let total = typeof info?.doc_count === 'number' ? info.doc_count : 0;
    progress?.({ done: 0, total });
    // Locked (a join), only key wraps can open: they are looked for as the documents arrive.
    const looking = empty && !this.#o.vault.isUnlocked;
    const secretKeys = looking ? [await this.#keysFor('keyring')] : [];
    const keyDocs: string[] = [];
    let unreadable = 0;
    const opening: Promise<void>[] = [];
    // Listened to at once: a batch may arrive before the next await.
    if (fetching.stopped) throw new SyncError('stopped');
    const batch = this.#o.fetchBatch;
    const replication = local.replicate.from(
      remote,
      batch ? { batch_size: batch, batches_limit: 1 } : FETCH,
    );
    fetching.replication = replication;
    replication.on('change', (change) => {
      const { docs_read: read, docs } = change as { docs_read?: unknown; docs?: unknown };
      if (looking && Array.isArray(docs)) {
        // A register (formats 3, 4) is the team's and nothing else: it cannot be a key wrap, so
        // it is not tried under the secret (its ~4 KB would be decrypted only to fail). It
        // counts as unreadable until the unlock, when the pull opens it and checks it as always.
        const alive = (docs as StoredDoc[]).filter((d) => !d._deleted);
        const arrived = alive.filter((d) => !isRegisterFormat(d.v));
        unreadable += alive.length - arrived.length;
        opening.push(
          Promise.all(arrived.map((d) => decodeDoc(secretKeys, d))).then((all) => {
            for (const [i, decoded] of all.entries()) {
              if (decoded.ok || decoded.reason === 'damaged') keyDocs.push(arrived[i]!._id);
              else unreadable++;
            }
            found?.({ seq: 0, keyDocs: [...keyDocs], unreadable });
          }),
        );
      }
      fetching.batch?.();
      if (!progress || typeof read !== 'number') return;
      total = Math.max(total, read);
      progress({ done: read, total });
    });
    await replication;
    await Promise.all(opening);
    // Lock, Quick exit: what came is in the replica (its checkpoint says how far), not complete.
    if (fetching.stopped) throw new SyncError('stopped');
    progress?.({ done: total, total });
    if (!empty) return undefined;
    const seq = (await local.info()).update_seq;
    if (typeof seq !== 'number') return undefined;
    // A join recorded its code while this ran: the push's checkpoint goes past what came.
    if (this.#pushOwed) await this.#settlePush(seq);
    return looking ? { seq, keyDocs, unreadable } : { seq, unreadable };
  }

  /** A fetch into the replica is running (a join's, after the join ended). */
  get receiving(): boolean {
    return this.#fetching !== undefined;
  }

  /**
   * Sets the push's checkpoint after a join's fetch: every document before
   * `seq` came from the server, except those this engine wrote into the
   * replica meanwhile (from the first of them on, the push reads the feed).
   */
  async #settlePush(seq: number): Promise<void> {
    const since = Math.min(seq, this.#ownFrom ?? seq);
    await this.#o.local.replicate.to(this.#o.remote, { ...REPLICATION, since });
    this.#pushOwed = false;
    this.#ownFrom = undefined;
  }

  /** Writes into the replica; while a join's fetch runs, remembers where this engine's writes begin. */
  async #bulk(docs: object[]): Promise<BulkResult[]> {
    if (this.#fetching && this.#ownFrom === undefined) {
      const seq = (await this.#o.local.info()).update_seq;
      this.#ownFrom = typeof seq === 'number' ? seq : 0;
    }
    return this.#o.local.bulkDocs(docs);
  }

  /** Fetches and applies (before an unlock: the keyring only). */
  async pullFromServer(): Promise<PullReport> {
    await this.fetch();
    return this.pull();
  }

  /** Live replication both ways, with this device's writes picked up every few seconds. */
  start(events: LiveEvents, intervalMs = 3000): void {
    if (this.#live || this.#started) return;
    this.#started = true;
    const pullSoon = () =>
      void this.pull(events.progress?.bind(events))
        .then((r) => events.pulled(r))
        .catch((e: unknown) => events.problem(problemOf(e)));
    // A join's fetch still running (the join ended at its first key wrap): the pull follows
    // it, a pull queued per batch that arrived (one waiting at a time), and the live sync
    // starts once it ends, from the checkpoints it left (no second read of the server).
    const following = this.#fetching;
    if (following) {
      let queued = false;
      const follow = () => {
        if (queued) return;
        queued = true;
        // Queued behind the pull running now: batches meanwhile wait for this one.
        void this.#serial(() => {
          queued = false;
          return Promise.resolve();
        }).then(pullSoon);
      };
      following.batch = follow;
      follow();
      const goLive = () => {
        following.batch = undefined;
        if (this.#started) this.#goLive(events, intervalMs);
      };
      following.done.then(goLive, (error: unknown) => {
        if ((error as { code?: string } | undefined)?.code !== 'stopped')
          events.problem(problemOf(error));
        goLive();
      });
      return;
    }
    this.#goLive(events, intervalMs);
  }

  #goLive(events: LiveEvents, intervalMs: number): void {
    if (this.#live) return;
    const { local, remote } = this.#o;
    const pullSoon = () =>
      void this.pull(events.progress?.bind(events))
        .then((r) => events.pulled(r))
        .catch((e: unknown) => events.problem(problemOf(e)));
    const replicate = () =>
      local
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
    // Only the push side says whether the server has this device's writes: the
    // two-way 'paused' above drops the error, and its push side goes idle
    // without one only when nothing is left to send (out of reach, it pauses
    // with the error and keeps retrying).
    const replicateAndWatch = () => {
      const live = replicate();
      live.push?.on('paused', (error) => {
        if (error) return;
        this.#sent++;
        events.sent?.();
      });
      return live;
    };
    this.#live = replicateAndWatch();
    // One outbox pass at a time: a slow pass (a big first push) is not queued again and again.
    let pushing = false;
    const pushSoon = () => {
      if (pushing) return;
      pushing = true;
      const before = this.#written;
      void this.push()
        .then(() => this.#written - before)
        // Counted as waiting only if the replication has not sent everything
        // since they went into the replica (it can be quicker than this push's
        // own bookkeeping; then no later 'sent' would clear the count).
        .then((count) => count > 0 && this.#sent === this.#sentAtWrite && events.pushed(count))
        .catch((e: unknown) => events.problem(problemOf(e)))
        .finally(() => (pushing = false));
    };
    this.#timer = setInterval(pushSoon, intervalMs);
    // Back online (a meeting's marks made offline are waiting): PouchDB would
    // first sit out its retry back-off, up to 5 s. Start again at once.
    const backOnline = () => {
      if (!this.#live) return;
      this.#live.cancel();
      this.#live = replicateAndWatch();
      pushSoon();
    };
    globalThis.addEventListener?.('online', backOnline);
    this.#forgetOnline = () => globalThis.removeEventListener?.('online', backOnline);
    pullSoon();
  }

  stop(): void {
    this.#started = false;
    this.#fetching?.cancel();
    this.#live?.cancel();
    this.#live = undefined;
    this.#forgetOnline?.();
    this.#forgetOnline = undefined;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Who used a join code (its id is recorded as a document under the
   * secret): undefined when nobody has; the device id that did; or null for
   * a record without one (written by an older build: any device is refused).
   * Read from the server by its id: the record is likely the newest document
   * there, the last a join's fetch would bring.
   */
  async joinCodeUser(codeId: string): Promise<string | null | undefined> {
    const keys = await this.#keysFor(JOIN_CODES);
    const id = await docId(keys, JOIN_CODES, codeId);
    // Asked by `_all_docs` (a missing one is a row, not a 404 in the console), then read.
    const found = await this.#o.remote.allDocs({ keys: [id] });
    if (!found.rows.some((r) => r.value && !r.value.deleted)) return undefined;
    const stored = await this.#o.remote.get(id);
    const decoded = await decodeDoc([keys], stored);
    if (!decoded.ok || decoded.row.table !== JOIN_CODES) return null;
    const device = decoded.row.record.device;
    return typeof device === 'string' ? device : null;
  }

  /**
   * Records that this device used a join code, so another device with it is
   * refused: written into the replica and sent alone (`doc_ids`). The push's
   * checkpoint (which the live sync's push goes on from) is set past the
   * documents the join's fetch brought, so the first push sends no
   * `_revs_diff` of the whole replica: now when the fetch has ended, or when
   * it ends (`fetch`). `record` false: the code is this device's already
   * (a join started over), only the checkpoint is owed.
   */
  async recordJoinCode(codeId: string, at: number, device: string, record = true) {
    if (record) {
      const doc = await encodeRow(await this.#keysFor(JOIN_CODES), JOIN_CODES, {
        id: codeId,
        updatedAt: at,
        device,
      });
      await this.#o.local.bulkDocs([doc]);
      await this.#o.local.replicate.to(this.#o.remote, { ...REPLICATION, doc_ids: [doc._id] });
    }
    this.#pushOwed = true;
    if (this.#fetching) return;
    const seq = (await this.#o.local.info()).update_seq;
    if (typeof seq === 'number') await this.#settlePush(seq);
  }
}

/**
 * A document of a format newer than this build reads (a device already
 * upgraded wrote it). Never written over or removed here: this build would
 * drop what it cannot read (codec.ts NEWEST_FORMAT; it is read again once
 * this device upgrades, state.ts refusalsToReread).
 */
function isNewerFormat(doc: { v?: unknown }): boolean {
  return typeof doc.v === 'number' && doc.v > NEWEST_FORMAT;
}

function merged(a: RefusalCounts, b: RefusalCounts): RefusalCounts {
  const out: RefusalCounts = { ...a };
  for (const [reason, n] of Object.entries(b)) count(out, reason as SyncRefusalReason, n);
  return out;
}

function count(counts: RefusalCounts, reason: SyncRefusalReason, n = 1): void {
  counts[reason] = (counts[reason] ?? 0) + n;
}
