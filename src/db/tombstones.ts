/**
 * Tombstones: a deleted row leaves a keyed token of `<table>/<rowId>`, its
 * table and the time of the deletion behind, so that merging a backup from
 * another device deletes the row there too instead of bringing it back.
 *
 * The id is an HMAC under the team's `opaqueId` subkey (crypto/subkeys.ts),
 * never the row id itself: row ids such as a participant's, or ids derived
 * from one, would otherwise say from the database alone who was deleted.
 * Nobody needs the row id in the clear: a merge matches a row to a tombstone
 * by computing the token of the row's own id (backup/merge.ts). The table
 * stays in the clear so a merge only computes tokens for tables that have
 * tombstones to apply.
 *
 * Every delete path computes its tombstones before its Dexie transaction
 * (HMAC is WebCrypto: never awaited inside one) and writes them in the same
 * transaction as the delete itself, so a crash cannot leave one without the
 * other.
 */
import type { Table } from 'dexie';
import { opaqueToken } from '../crypto/subkeys';
import type { Vault } from '../crypto/vault';
import type { TombstoneRow } from './rows';

/** The id tombstones had before they were keyed; old ones are re-keyed after unlock (after-unlock.ts). */
export function legacyTombstoneId(table: string, rowId: string): string {
  return `${table}/${rowId}`;
}

/** The keyed id of the tombstone of `table`/`rowId`. */
export async function tombstoneToken(
  key: CryptoKey,
  table: string,
  rowId: string,
): Promise<string> {
  return opaqueToken(key, `tombstone:${legacyTombstoneId(table, rowId)}`);
}

/** When a row was deleted: a fixed time, or one chosen per tombstone. */
export type DeletedAt = number | (() => number);

export async function tombstonesFor(
  vault: Vault,
  table: string,
  rowIds: readonly string[],
  deletedAt: DeletedAt = Date.now(),
): Promise<TombstoneRow[]> {
  if (rowIds.length === 0) return [];
  const key = await vault.teamSubkey('opaqueId');
  const at = typeof deletedAt === 'function' ? deletedAt : () => deletedAt;
  return Promise.all(
    rowIds.map(async (rowId) => ({
      id: await tombstoneToken(key, table, rowId),
      table,
      deletedAt: at(),
    })),
  );
}

/** The same, by row id: for callers that learn inside their transaction which rows go. */
export async function tombstonesById(
  vault: Vault,
  table: string,
  rowIds: readonly string[],
  deletedAt?: DeletedAt,
): Promise<Map<string, TombstoneRow>> {
  const rows = await tombstonesFor(vault, table, rowIds, deletedAt);
  return new Map(rows.map((row, i) => [rowIds[i]!, row]));
}

/**
 * Deletion times for the tombstones of one erasure: each a little after now,
 * by a random amount up to a minute, so the many tombstones one erasure
 * leaves do not share one exact time that ties them together. Forward only,
 * so no edit made before the erasure can outlive it; the erasure marker
 * (erasure.ts) beats later ones.
 */
export function jitteredNow(now: number = Date.now(), spreadMs = 60_000): () => number {
  return () => now + 1 + Math.floor(Math.random() * spreadMs);
}

/** The tombstones table of the database a table belongs to (for repositories that hold one table). */
export function tombstoneTableOf(table: Pick<Table, 'db'>): Table<TombstoneRow, string> {
  return table.db.table<TombstoneRow, string>('tombstones');
}

/** The keyed id of the tombstone `table`/`rowId` would leave (tests, and checks that look one up). */
export async function tombstoneIdFor(vault: Vault, table: string, rowId: string): Promise<string> {
  return tombstoneToken(await vault.teamSubkey('opaqueId'), table, rowId);
}
