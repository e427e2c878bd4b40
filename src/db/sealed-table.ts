/**
 * A repository over one sealed table: validate → seal → one Dexie
 * transaction on the way in; read → open → validate on the way out.
 *
 * Every row's metadata is authenticated (row-meta.ts): its version, when it
 * was written and by whom are sealed inside the payload, and the version is
 * in the additional data too. A row whose clear copy of any of these — or of
 * its plain index fields — disagrees with the sealed one is damaged: someone
 * changed the clear columns, or replayed an older ciphertext under them.
 *
 * Never await WebCrypto inside a Dexie transaction: IndexedDB commits a
 * transaction as soon as it has no pending request, so an `await` on
 * anything else inside it ends the transaction early. We seal every row
 * first and open every row after the read.
 */
import type { Table } from 'dexie';
import type { z } from 'zod/mini';
import { DamagedRecordError, NewerKeyError, VaultError } from '../crypto/errors';
import { isSealedBox } from '../crypto/sealed-box';
import type { Vault } from '../crypto/vault';
import type { BoxLedger } from './box-ledger';
import {
  blindIndexOf,
  isClearPerson,
  matchesIndex,
  PERSON_COLUMN,
  personKeys,
} from './blind-index';
import { nextRowMeta, openRowWithMeta, sealEnvelope } from './row-meta';
import type { SealedRow, SealedTableName } from './schema';
import { tombstonesFor, tombstoneTableOf } from './tombstones';

export interface LegacyReseal {
  resealed: number;
  /** Rows sealed under a key this session does not hold (coordinators' rows, others' drafts). */
  skipped: number;
}

/**
 * Opens each legacy row (no `version`) and seals it again as version 1,
 * outside any transaction; `write` stores those still unchanged since.
 * Rows this session cannot open are counted, not touched.
 */
export async function resealRows<T extends { id: string }, R extends SealedRow>(
  rows: readonly R[],
  fromRow: (row: R) => Promise<T>,
  toRow: (value: T) => Promise<R>,
  write: (fresh: R[], before: readonly R[]) => Promise<void>,
): Promise<LegacyReseal> {
  let skipped = 0;
  const fresh: R[] = [];
  const before: R[] = [];
  for (const row of rows) {
    if (row.version !== undefined) continue;
    try {
      fresh.push(await toRow(await fromRow(row)));
      before.push(row);
    } catch (error) {
      // Another key's row, or a damaged one: left as it is, still listed as damaged on read.
      if (error instanceof Error) skipped++;
    }
  }
  if (fresh.length) await write(fresh, before);
  return { resealed: fresh.length, skipped };
}

export type RowCheck = 'genuine' | 'damaged' | 'unknown';

/** Checks a row by opening it; a vault error (no key for it) means it cannot be told. */
export async function checkRow<R>(
  fromRow: (row: R) => Promise<unknown>,
  row: R,
): Promise<RowCheck> {
  try {
    await fromRow(row);
    return 'genuine';
  } catch (error) {
    // No key for it here (a coordinators' row, another person's draft, a newer team key): it cannot be told.
    if (error instanceof NewerKeyError) return 'unknown';
    if (error instanceof VaultError && !(error instanceof DamagedRecordError)) return 'unknown';
    return 'damaged';
  }
}

export interface ListResult<T> {
  items: T[];
  /** Ids of rows that failed to authenticate or validate. */
  damaged: string[];
}

/** `R` is the table's row type (schema.ts), so a row sealed for a batch needs no cast. */
export interface SealedRepository<T extends { id: string }, R extends SealedRow = SealedRow> {
  get(id: string): Promise<T | undefined>;
  /** The rows with these ids that exist, opened, in no set order; ids with no row are left out. */
  getMany(ids: readonly string[]): Promise<ListResult<T>>;
  list(): Promise<ListResult<T>>;
  listWhere(index: string, value: string): Promise<ListResult<T>>;
  /** Rows whose plain `index` lies between `lower` and `upper`, both included. */
  listBetween(index: string, lower: string, upper: string): Promise<ListResult<T>>;
  put(value: T): Promise<T>;
  bulkPut(values: readonly T[]): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * Re-seals every row written before v8 that this session can open, with its
   * version and author (row-upgrade.ts). Returns how many were re-sealed and
   * how many were left for a session holding another key.
   */
  resealLegacy(): Promise<LegacyReseal>;
  /**
   * Rewrites clear person ids in the index column to their blind values
   * (blind-index.ts). Needs only the team key: nothing is opened, and a
   * column someone had changed reads as damaged afterwards, as before.
   */
  blindLegacy(): Promise<number>;
  /**
   * Whether a row from elsewhere (a backup file, later the sync server) is
   * genuine: it opens, its sealed metadata and index fields match its clear
   * ones, and it validates. 'unknown' when this session holds no key for it.
   */
  check(row: R): Promise<RowCheck>;
  /**
   * Seals a row without writing it, for callers that batch several tables in
   * one transaction. Its version is one more than the stored row's.
   */
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
  /** The stored row's version, so the next write's is one more (0 or undefined: a new row). */
  currentVersion?: (value: T) => Promise<number | undefined>;
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

  /** Seals `value` as the write after version `current` (undefined: a new row). */
  async function sealAt(value: T, current: number | undefined): Promise<R> {
    const valid = (await schemaOf()).parse(value);
    const meta = nextRowMeta(current, vault);
    const sealed = await sealEnvelope(vault, name, valid.id, valid, meta);
    // Written under the coordinator key: from now on no box may stand in for
    // it. Remembered before the write (it may still fail): an id remembered
    // for a row never written costs nothing, a new row's id is never reused.
    if (ledger && !isSealedBox(sealed)) await ledger.remember(name, [valid.id]);
    // The person column holds the id's blind value, never the id (blind-index.ts).
    return {
      ...(options.index ? await blindIndexOf(vault, options.index(valid)) : {}),
      id: valid.id,
      sealed,
      updatedAt: meta.updatedAt,
      version: meta.version,
    } as R;
  }

  async function toRow(value: T): Promise<R> {
    return sealAt(value, await options.currentVersion?.(value));
  }

  /** A box a coordinator opened: refused where a coordinator-sealed row was, else re-sealed. */
  async function acceptBox(row: R, value: T): Promise<void> {
    if (!ledger || !table || !(await ledger.mayHoldBox(name, row.id)))
      throw new DamagedRecordError(name, row.id);
    try {
      await ledger.replaceBox(table, row, await sealAt(value, row.version));
    } catch {
      // Best effort (a full disk, another tab first): the next read tries again.
    }
  }

  async function open(row: R): Promise<{ value: T; box: boolean }> {
    // A moved row opens under the table it was sealed in; its next write re-seals it here.
    const opened = await openRowWithMeta(vault, row.sealedAs ?? name, row, name);
    const plain = opened.value;
    const parsed = (await schemaOf()).safeParse(
      row.sealedAs && options.moved ? options.moved(plain) : plain,
    );
    if (!parsed.success || parsed.data.id !== row.id) throw new DamagedRecordError(name, row.id);
    if (options.index && !(await matchesIndex(vault, row, options.index(parsed.data))))
      throw new DamagedRecordError(name, row.id);
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

  return { toRow, sealAt, fromRow, openAll };
}

function personOf(row: object): unknown {
  return (row as Record<string, unknown>)[PERSON_COLUMN];
}

export function sealedRepository<T extends { id: string }, R extends SealedRow = SealedRow>(
  options: SealedRowOptions<T, R> & { table: Table<R, string> },
): SealedRepository<T, R> {
  const { table, name } = options;
  const { toRow, sealAt, fromRow, openAll } = sealedRows(
    {
      currentVersion: async (value) => (await table.get(value.id))?.version,
      ...options,
    },
    table,
  );

  return {
    toRow,
    async get(id) {
      const row = await table.get(id);
      return row ? fromRow(row) : undefined;
    },
    async getMany(ids) {
      const wanted = new Set(ids);
      // One get request per id costs more than a row of one getAll (Today's
      // ≈ 400 groups by id were slower than all of them read whole, at 4x CPU):
      // past an eighth of the table, the whole table is read and filtered.
      const rows =
        wanted.size * 8 >= (await table.count())
          ? (await table.toArray()).filter((row) => wanted.has(row.id))
          : (await table.bulkGet([...wanted])).filter((row) => row !== undefined);
      return openAll(rows);
    },
    async list() {
      return openAll(await table.toArray());
    },
    async listWhere(index, value) {
      // By person: the blind value, and the clear id of rows not yet blinded.
      const rows =
        index === PERSON_COLUMN
          ? await table
              .where(index)
              .anyOf(await personKeys(options.vault, value))
              .toArray()
          : await table.where(index).equals(value).toArray();
      return openAll(rows);
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
      // One read for every row's current version: a single key-range cursor
      // over the ids that exist, not one get request per id.
      const stored = await table
        .where(':id')
        .anyOf(values.map((v) => v.id))
        .toArray();
      const versions = new Map(stored.map((row) => [row.id, row.version]));
      const rows = await Promise.all(values.map((v) => sealAt(v, versions.get(v.id))));
      await table.bulkPut(rows);
    },
    check: (row) => checkRow(fromRow, row),
    async resealLegacy() {
      const legacy = await table.filter((row) => row.version === undefined).toArray();
      return resealRows(legacy, fromRow, toRow, (fresh, before) =>
        table.db.transaction('rw', table, async () => {
          // Only rows nobody wrote since they were read: a newer write already has a version.
          const now = await table.bulkGet(before.map((r) => r.id));
          await table.bulkPut(fresh.filter((_, i) => now[i]?.updatedAt === before[i]!.updatedAt));
        }),
      );
    },
    async blindLegacy() {
      if (!options.index) return 0;
      const legacy = await table.filter((row) => isClearPerson(personOf(row))).toArray();
      if (legacy.length === 0) return 0;
      const blinded = await Promise.all(legacy.map((row) => blindIndexOf(options.vault, row)));
      await table.db.transaction('rw', table, async () => {
        // Only rows nobody wrote since they were read: a newer write is blind already.
        const now = await table.bulkGet(legacy.map((r) => r.id));
        await table.bulkPut(blinded.filter((_, i) => now[i]?.updatedAt === legacy[i]!.updatedAt));
      });
      return legacy.length;
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
