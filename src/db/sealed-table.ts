/**
 * A repository over one sealed table: validate → seal → one Dexie
 * transaction on the way in; read → open → validate on the way out.
 *
 * Never await WebCrypto inside a Dexie transaction: IndexedDB commits a
 * transaction as soon as it has no pending request, so an `await` on
 * anything else inside it ends the transaction early. We seal every row
 * first and open every row after the read.
 */
import type { Table } from 'dexie';
import type { z } from 'zod/mini';
import { DamagedRecordError } from '../crypto/errors';
import type { Vault } from '../crypto/vault';
import type { SealedRow, SealedTableName } from './schema';
import { tombstonesFor, tombstoneTableOf } from './tombstones';

export interface ListResult<T> {
  items: T[];
  /** Ids of rows that failed to authenticate or validate. */
  damaged: string[];
}

/** `R` is the table's row type (schema.ts), so a row sealed for a batch needs no cast. */
export interface SealedRepository<T extends { id: string }, R extends SealedRow = SealedRow> {
  get(id: string): Promise<T | undefined>;
  list(): Promise<ListResult<T>>;
  listWhere(index: string, value: string): Promise<ListResult<T>>;
  /** Rows whose plain `index` lies between `lower` and `upper`, both included. */
  listBetween(index: string, lower: string, upper: string): Promise<ListResult<T>>;
  put(value: T): Promise<T>;
  bulkPut(values: readonly T[]): Promise<void>;
  delete(id: string): Promise<void>;
  /** Seals a row without writing it, for callers that batch several tables in one transaction. */
  toRow(value: T): Promise<R>;
}

/** What a sealed row is made from and opened into: its table's name, schema and plain index. */
export interface SealedRowOptions<T extends { id: string }, R extends SealedRow> {
  name: SealedTableName;
  /**
   * The row's schema, or a loader for it: tables that only some screens use
   * load their domain module with those screens, not with the app shell.
   */
  schema: z.ZodMiniType<T> | (() => Promise<z.ZodMiniType<T>>);
  vault: Vault;
  /** Plain fields stored beside the payload for indexing: ids, dates, statuses only. */
  index?: (value: T) => Omit<R, keyof SealedRow>;
  /**
   * Turns a payload an upgrade moved here unchanged (`row.sealedAs`,
   * migrations.ts) from the shape it had in its old table into this one's.
   */
  moved?: (plain: unknown) => unknown;
}

/**
 * Sealing and opening rows, without storing them: validate → seal on the
 * way in, open → validate on the way out. Shared by every repository,
 * including attendance, whose rows live inside registers (registers.ts).
 */
export function sealedRows<T extends { id: string }, R extends SealedRow = SealedRow>(
  options: SealedRowOptions<T, R>,
) {
  const { name, vault } = options;
  const source = options.schema;
  let loaded: Promise<z.ZodMiniType<T>> | undefined;
  const schemaOf = (): z.ZodMiniType<T> | Promise<z.ZodMiniType<T>> =>
    typeof source === 'function' ? (loaded ??= source()) : source;

  async function toRow(value: T): Promise<R> {
    const valid = (await schemaOf()).parse(value);
    const sealed = await vault.seal(name, valid.id, valid);
    return { ...(options.index?.(valid) ?? {}), id: valid.id, sealed, updatedAt: Date.now() } as R;
  }

  async function fromRow(row: R): Promise<T> {
    // A moved row opens under the table it was sealed in; its next write re-seals it here.
    const plain = await vault.unseal(row.sealedAs ?? name, row.id, row.sealed);
    const parsed = (await schemaOf()).safeParse(
      row.sealedAs && options.moved ? options.moved(plain) : plain,
    );
    if (!parsed.success || parsed.data.id !== row.id) throw new DamagedRecordError(name, row.id);
    return parsed.data;
  }

  /** Opens every row; one that fails to authenticate or validate is listed, not thrown. */
  async function openAll(rows: readonly R[]): Promise<ListResult<T>> {
    const results = await Promise.allSettled(rows.map(fromRow));
    const items: T[] = [];
    const damaged: string[] = [];
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') items.push(result.value);
      else if (result.reason instanceof DamagedRecordError) damaged.push(rows[i]!.id);
      else throw result.reason;
    });
    return { items, damaged };
  }

  return { toRow, fromRow, openAll };
}

export function sealedRepository<T extends { id: string }, R extends SealedRow = SealedRow>(
  options: SealedRowOptions<T, R> & { table: Table<R, string> },
): SealedRepository<T, R> {
  const { table, name } = options;
  const { toRow, fromRow, openAll } = sealedRows(options);

  return {
    toRow,
    async get(id) {
      const row = await table.get(id);
      return row ? fromRow(row) : undefined;
    },
    async list() {
      return openAll(await table.toArray());
    },
    async listWhere(index, value) {
      return openAll(await table.where(index).equals(value).toArray());
    },
    async listBetween(index, lower, upper) {
      return openAll(await table.where(index).between(lower, upper, true, true).toArray());
    },
    async put(value) {
      const row = await toRow(value);
      await table.put(row);
      return value;
    },
    async bulkPut(values) {
      const rows = await Promise.all(values.map(toRow));
      await table.bulkPut(rows);
    },
    async delete(id) {
      // The tombstone goes in the same transaction, so a merge of backups
      // deletes the row on the other device too (see tombstones.ts).
      const tombstones = tombstoneTableOf(table);
      const rows = await tombstonesFor(options.vault, name, [id]);
      await table.db.transaction('rw', [table, tombstones], async () => {
        await table.delete(id);
        await tombstones.bulkPut(rows);
      });
    },
  };
}
