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
import { isSealedBox } from '../crypto/sealed-box';
import type { Vault } from '../crypto/vault';
import type { BoxLedger } from './box-ledger';
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
  /**
   * For the tables that may hold sealed boxes (crypto/box-policy.ts): a box
   * is accepted only under an id never sealed under the coordinator key on
   * this device, and re-sealed under it the first time a coordinator opens
   * it (box-ledger.ts). Without a ledger every box is refused as damaged.
   */
  ledger?: BoxLedger;
}

/**
 * Sealing and opening rows, without storing them: validate → seal on the
 * way in, open → validate on the way out. Shared by every repository,
 * including attendance, whose rows live inside registers (registers.ts).
 */
export function sealedRows<T extends { id: string }, R extends SealedRow = SealedRow>(
  options: SealedRowOptions<T, R>,
  /** The table the rows live in, where a box can be re-sealed in place; none for registers. */
  table?: Table<R, string>,
) {
  const { name, vault, ledger } = options;
  const source = options.schema;
  let loaded: Promise<z.ZodMiniType<T>> | undefined;
  const schemaOf = (): z.ZodMiniType<T> | Promise<z.ZodMiniType<T>> =>
    typeof source === 'function' ? (loaded ??= source()) : source;

  function rowOf(valid: T, sealed: R['sealed'], updatedAt: number): R {
    return { ...(options.index?.(valid) ?? {}), id: valid.id, sealed, updatedAt } as R;
  }

  async function toRow(value: T): Promise<R> {
    const valid = (await schemaOf()).parse(value);
    const sealed = await vault.seal(name, valid.id, valid);
    // Written under the coordinator key: from now on no box may stand in for
    // it. Remembered before the write (it may still fail): an id remembered
    // for a row never written costs nothing, a new row's id is never reused.
    if (ledger && !isSealedBox(sealed)) await ledger.remember(name, [valid.id]);
    return rowOf(valid, sealed, Date.now());
  }

  /** A box a coordinator opened: refused where a coordinator-sealed row was, else re-sealed. */
  async function acceptBox(row: R, value: T): Promise<void> {
    if (!ledger || !table || !(await ledger.mayHoldBox(name, row.id)))
      throw new DamagedRecordError(name, row.id);
    try {
      const resealed = rowOf(value, await vault.seal(name, row.id, value), row.updatedAt);
      await ledger.replaceBox(table, row, resealed);
    } catch {
      // Best effort (a full disk, another tab first): the next read tries again.
    }
  }

  async function open(row: R): Promise<{ value: T; box: boolean }> {
    // A moved row opens under the table it was sealed in; its next write re-seals it here.
    const opened = await vault.unsealRow(row.sealedAs ?? name, row.id, row.sealed);
    const plain = opened.value;
    const parsed = (await schemaOf()).safeParse(
      row.sealedAs && options.moved ? options.moved(plain) : plain,
    );
    if (!parsed.success || parsed.data.id !== row.id) throw new DamagedRecordError(name, row.id);
    if (opened.box) await acceptBox(row, parsed.data);
    return { value: parsed.data, box: opened.box !== undefined };
  }

  async function fromRow(row: R): Promise<T> {
    const { value, box } = await open(row);
    if (ledger && !box) await ledger.remember(name, [row.id]);
    return value;
  }

  /** Opens every row; one that fails to authenticate or validate is listed, not thrown. */
  async function openAll(rows: readonly R[]): Promise<ListResult<T>> {
    const results = await Promise.allSettled(rows.map(open));
    const items: T[] = [];
    const damaged: string[] = [];
    const coordinatorSealed: string[] = [];
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') {
        items.push(result.value.value);
        if (!result.value.box) coordinatorSealed.push(rows[i]!.id);
      } else if (result.reason instanceof DamagedRecordError) damaged.push(rows[i]!.id);
      else throw result.reason;
    });
    if (ledger) await ledger.remember(name, coordinatorSealed);
    return { items, damaged };
  }

  return { toRow, fromRow, openAll };
}

export function sealedRepository<T extends { id: string }, R extends SealedRow = SealedRow>(
  options: SealedRowOptions<T, R> & { table: Table<R, string> },
): SealedRepository<T, R> {
  const { table, name } = options;
  const { toRow, fromRow, openAll } = sealedRows(options, table);

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
      await table.db.transaction('rw', [table, tombstones], async () => {
        await table.delete(id);
        await tombstones.bulkPut(tombstonesFor(name, [id]));
      });
    },
  };
}
