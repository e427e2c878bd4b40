/**
 * Sync's device-only bookkeeping, in the plain `meta` table under `sync:`
 * keys: what each sync document last held here (its row's version and
 * times, by the document's opaque id), how far the outbox has read each
 * table, and how far the replica's changes feed has been applied. Nothing
 * here is about a person: document ids are HMACs, stamps are numbers.
 * `meta` is never synced nor carried by backups.
 */
import type { AplisDatabase } from '../schema';

const DOC = 'sync:doc:';
const SINCE = 'sync:since:';
export const SEQ_KEY = 'sync:seq';

type Row = Record<string, unknown>;

/** What identifies one write of a row: equal stamps, same content (row-meta.ts). */
export function rowStamp(row: Row): string {
  const n = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '');
  return [
    n(row.version),
    n(row.updatedAt),
    n(row.deletedAt),
    row.erased === true ? 'e' : '',
    n(row.createdAt),
  ].join(':');
}

export async function knownStamps(
  db: AplisDatabase,
  docIds: readonly string[],
): Promise<(string | undefined)[]> {
  const rows = await db.meta.bulkGet(docIds.map((id) => DOC + id));
  return rows.map((r) => (typeof r?.value === 'string' ? r.value : undefined));
}

/** Call inside a transaction that includes `meta`, or on its own. */
export async function rememberStamps(
  db: AplisDatabase,
  entries: readonly { docId: string; stamp: string }[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.meta.bulkPut(entries.map((e) => ({ key: DOC + e.docId, value: e.stamp })));
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
