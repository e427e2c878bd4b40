/**
 * Tombstones: a deleted row leaves `<table>/<rowId>` and the time of the
 * deletion behind, so that merging a backup from another device deletes the
 * row there too instead of bringing it back. They hold ids and a date only.
 *
 * Every delete path writes its tombstones in the same Dexie transaction as
 * the delete itself (sealedRepository.delete, the cohort store's replaced
 * meetings, the keyring's removed wraps), so a crash cannot leave one without
 * the other.
 */
import type { Table } from 'dexie';
import type { TombstoneRow } from './rows';

export function tombstoneId(table: string, rowId: string): string {
  return `${table}/${rowId}`;
}

export function tombstonesFor(
  table: string,
  rowIds: readonly string[],
  deletedAt: number = Date.now(),
): TombstoneRow[] {
  return rowIds.map((rowId) => ({ id: tombstoneId(table, rowId), table, rowId, deletedAt }));
}

/** The tombstones table of the database a table belongs to (for repositories that hold one table). */
export function tombstoneTableOf(table: Pick<Table, 'db'>): Table<TombstoneRow, string> {
  return table.db.table<TombstoneRow, string>('tombstones');
}
