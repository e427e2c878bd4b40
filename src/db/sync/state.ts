/**
 * Sync's device-only bookkeeping, in the plain `meta` table under `sync:`
 * keys: what each sync document last held here (its row's version and
 * times, by the document's opaque id), how far the outbox has read each
 * table, and how far the replica's changes feed has been applied. Nothing
 * here is about a person: document ids are HMACs, stamps are numbers.
 * `meta` is never synced nor carried by backups.
 */
import { GENERATION_IV_AT } from '../../crypto/seal';
import { rowGeneration } from '../row-meta';
import type { AplisDatabase } from '../schema';

const DOC = 'sync:doc:';
const SINCE = 'sync:since:';
/** Keyed tombstone id of a row → its document's id (to empty the document when the row goes). */
const GRAVE = 'sync:grave:';
/** Document id → the stamp of this device's copy it last put back over an older body. */
const HEALED = 'sync:healed:';
/** Document id → the revision last reported as refused. */
const REFUSED = 'sync:refused:';
/**
 * Document id → the revision this device last wrote into its replica (a push,
 * a heal): the pull skips that exact revision without opening it, since it
 * holds what this device already has. Any other revision (another device's,
 * a conflict, an older one replayed) is opened and checked as always.
 */
const WROTE = 'sync:wrote:';
export const SEQ_KEY = 'sync:seq';

type Row = Record<string, unknown>;

/**
 * What identifies one write of a row: equal stamps, same content (row-meta.ts).
 * A row re-sealed under a newer team key generation (row-upgrade.ts) keeps its
 * version and time, so from generation 2 on the stamp names the generation
 * and the first bytes of the row's random IV (`:g<n>.<hex>`; a generation-1
 * row's stamp is as it always was): a re-sealed copy goes out, and comes in,
 * as a write of its own, and so does a second device's re-seal of the same
 * row (same version, time and generation, other bytes), so both devices end
 * on the one copy that wins (compareRowOrder).
 */
export function rowStamp(row: Row): string {
  const n = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '');
  const stamp = [
    n(row.version),
    n(row.updatedAt),
    n(row.deletedAt),
    row.erased === true ? 'e' : '',
    n(row.createdAt),
  ].join(':');
  const generation = rowGeneration(row);
  if (generation < 2) return stamp;
  const iv = (row.sealed as Uint8Array).subarray(GENERATION_IV_AT, GENERATION_IV_AT + 6);
  return `${stamp}:g${generation}.${Array.from(iv, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export async function knownStamps(
  db: AplisDatabase,
  docIds: readonly string[],
): Promise<(string | undefined)[]> {
  const rows = await db.meta.bulkGet(docIds.map((id) => DOC + id));
  return rows.map((r) => (typeof r?.value === 'string' ? r.value : undefined));
}

/**
 * Call inside a transaction that includes `meta`, or on its own. With `rev`,
 * also the revision this device wrote for the document (docMarks).
 */
export async function rememberStamps(
  db: AplisDatabase,
  entries: readonly { docId: string; stamp: string; rev?: string }[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.meta.bulkPut([
    ...entries.map((e) => ({ key: DOC + e.docId, value: e.stamp })),
    ...entries.flatMap((e) => (e.rev ? [{ key: WROTE + e.docId, value: e.rev }] : [])),
  ]);
}

/**
 * For each document, in one read: the stamp of the copy this device last
 * pushed or applied (knownStamps), and the revision it last wrote itself.
 */
export async function docMarks(
  db: AplisDatabase,
  docIds: readonly string[],
): Promise<{ stamp?: string; wrote?: string }[]> {
  const rows = await db.meta.bulkGet(docIds.flatMap((id) => [DOC + id, WROTE + id]));
  const text = (r: (typeof rows)[number]) => (typeof r?.value === 'string' ? r.value : undefined);
  return docIds.map((_, i) => {
    const stamp = text(rows[2 * i]);
    const wrote = text(rows[2 * i + 1]);
    return { ...(stamp ? { stamp } : {}), ...(wrote ? { wrote } : {}) };
  });
}

/**
 * The stamps of the marks of one register document, in ONE entry (by the
 * register's id): a first pull of 6,000 marks writes ~500 entries instead of
 * 6,000 stamps and 6,000 graves. `m` is the meeting (the register's key in
 * Dexie), `s` each mark's stamp by its id. A mark's grave is its register:
 * a mark named here that this device no longer holds was deleted here, and
 * its register is re-packed without it (registersMissingMarks). Builds before
 * this kept a stamp per mark under its own format-2 document id
 * (`sync:doc:`): still read where a register has no entry yet.
 */
const MARKS = 'sync:marks:';

export interface RegisterStamps {
  m: string;
  s: Record<string, string>;
}

function isRegisterStamps(value: unknown): value is RegisterStamps {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RegisterStamps).m === 'string' &&
    typeof (value as RegisterStamps).s === 'object'
  );
}

export async function registerStamps(
  db: AplisDatabase,
  regIds: readonly string[],
): Promise<(RegisterStamps | undefined)[]> {
  const rows = await db.meta.bulkGet(regIds.map((id) => MARKS + id));
  return rows.map((r) => (isRegisterStamps(r?.value) ? r.value : undefined));
}

/**
 * Sets marks' stamps in their registers' entries (`stamp` undefined: the
 * mark is no longer in that register here). Call inside a transaction that
 * includes `meta`, or on its own (it reads, then writes).
 */
export async function rememberMarkStamps(
  db: AplisDatabase,
  entries: readonly { regId: string; meetingId: string; markId: string; stamp?: string }[],
): Promise<void> {
  if (entries.length === 0) return;
  const regIds = [...new Set(entries.map((e) => e.regId))];
  const current = await registerStamps(db, regIds);
  const next = new Map(regIds.map((id, i) => [id, { m: '', s: { ...(current[i]?.s ?? {}) } }]));
  for (const e of entries) {
    const entry = next.get(e.regId)!;
    entry.m = e.meetingId;
    if (e.stamp === undefined) delete entry.s[e.markId];
    else entry.s[e.markId] = e.stamp;
  }
  await db.meta.bulkPut([...next].map(([id, value]) => ({ key: MARKS + id, value })));
}

/**
 * Meetings whose register entry names a mark this device no longer holds
 * (deleted or erased here since it was pushed or applied): their registers
 * are to be re-packed without it. Reads every register entry: for pushes of
 * deleted marks, which are rare.
 */
export async function registersMissingMarks(db: AplisDatabase): Promise<string[]> {
  const entries = (await db.meta.where('key').startsWith(MARKS).toArray())
    .map((r) => r.value)
    .filter(isRegisterStamps);
  if (entries.length === 0) return [];
  const held = await db.registers.bulkGet(entries.map((e) => e.m));
  return entries.flatMap((e, i) => {
    const here = new Set((held[i]?.marks ?? []).map((m) => m.id));
    return Object.keys(e.s).some((id) => !here.has(id)) ? [e.m] : [];
  });
}

/** Set on a device whose sync state began with this build: no per-mark stamps of a build before. */
const MARK_STAMPS = 'sync:mark-stamps';

/**
 * Whether a build before may have kept marks' stamps here one by one (under
 * each mark's own document id): false on a device whose sync state is empty
 * the first time this is asked (a join, a first connection), which is then
 * remembered, so a first pull works out no per-mark document ids at all.
 */
export async function mayHoldMarkStamps(db: AplisDatabase): Promise<boolean> {
  if ((await db.meta.get(MARK_STAMPS))?.value === 'register') return false;
  if ((await db.meta.where('key').startsWith(DOC).limit(1).count()) > 0) return true;
  await db.meta.put({ key: MARK_STAMPS, value: 'register' });
  return false;
}

/**
 * Remembers which document holds each row (by the row's keyed tombstone id,
 * tombstones.ts), so that when the row is deleted here its document can be
 * emptied though the row id is gone with the row.
 */
export async function rememberGraves(
  db: AplisDatabase,
  entries: readonly { tombstoneId: string; docId: string }[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.meta.bulkPut(entries.map((e) => ({ key: GRAVE + e.tombstoneId, value: e.docId })));
}

/** The documents of the rows these tombstones delete, where known (undefined otherwise). */
export async function docsOfTombstones(
  db: AplisDatabase,
  tombstoneIds: readonly string[],
): Promise<(string | undefined)[]> {
  const rows = await db.meta.bulkGet(tombstoneIds.map((id) => GRAVE + id));
  return rows.map((r) => (typeof r?.value === 'string' ? r.value : undefined));
}

export async function forgetGraves(db: AplisDatabase, tombstoneIds: readonly string[]) {
  await db.meta.bulkDelete(tombstoneIds.map((id) => GRAVE + id));
}

/**
 * Marks `docId` as healed with this device's copy `stamp`, unless it was
 * already: true the first time only, so a server that keeps replaying an
 * older body gets this device's copy once, not in a loop.
 */
export async function healOnce(db: AplisDatabase, docId: string, stamp: string) {
  return db.transaction('rw', db.meta, async () => {
    const key = HEALED + docId;
    if ((await db.meta.get(key))?.value === stamp) return false;
    await db.meta.put({ key, value: stamp });
    return true;
  });
}

/**
 * Of these refused revisions, the ones not reported before (each is then
 * remembered): a refusal is reported once, however often the document is read.
 */
export async function firstRefusals<T extends { docId: string; rev: string }>(
  db: AplisDatabase,
  refusals: readonly T[],
): Promise<T[]> {
  if (refusals.length === 0) return [];
  return db.transaction('rw', db.meta, async () => {
    const seen = await db.meta.bulkGet(refusals.map((r) => REFUSED + r.docId));
    const fresh = refusals.filter((r, i) => seen[i]?.value !== r.rev);
    await db.meta.bulkPut(fresh.map((r) => ({ key: REFUSED + r.docId, value: r.rev })));
    return fresh;
  });
}

/** The newest document format the build that last pulled here could read. */
const READS_FORMAT = 'sync:reads-format';

/**
 * Documents to read again, once: every refusal remembered here, when this
 * build reads a newer document format than the build that last pulled. A
 * device refuses a document of a format it does not know yet as damaged, and
 * the changes feed goes past it; after the app is upgraded nothing would
 * read it again. Older builds did not remember why a document was refused,
 * so all of them are read again (refusals are few; one still refused is not
 * reported twice, firstRefusals).
 */
export async function refusalsToReread(db: AplisDatabase, format: number): Promise<string[]> {
  const read = (await db.meta.get(READS_FORMAT))?.value;
  if (typeof read === 'number' && read >= format) return [];
  const keys = await db.meta.where('key').startsWith(REFUSED).primaryKeys();
  return keys.map((key) => String(key).slice(REFUSED.length));
}

/** After a pull that read them again (refusalsToReread). */
export async function rememberReadsFormat(db: AplisDatabase, format: number): Promise<void> {
  const read = (await db.meta.get(READS_FORMAT))?.value;
  if (read !== format) await db.meta.put({ key: READS_FORMAT, value: format });
}

export async function getSince(db: AplisDatabase, table: string): Promise<number> {
  const row = await db.meta.get(SINCE + table);
  return typeof row?.value === 'number' ? row.value : 0;
}

export async function setSince(db: AplisDatabase, table: string, at: number): Promise<void> {
  await db.meta.put({ key: SINCE + table, value: at });
}

export async function getSeq(db: AplisDatabase): Promise<string | number> {
  const row = await db.meta.get(SEQ_KEY);
  return typeof row?.value === 'string' || typeof row?.value === 'number' ? row.value : 0;
}

export async function setSeq(db: AplisDatabase, seq: string | number): Promise<void> {
  await db.meta.put({ key: SEQ_KEY, value: seq });
}

/** Forgets every sync entry (disconnect): the next connection pushes everything again. */
export async function forgetSyncState(db: AplisDatabase): Promise<void> {
  await db.meta.where('key').startsWith('sync:').delete();
}
