/**
 * Which rows a sealed box may no longer stand in for.
 *
 * Anyone with the coordinators' public key can make a box, so a box is
 * accepted only as a *new* row (crypto/box-policy.ts says which tables and
 * payloads). This device remembers the id of every row of those tables it
 * has seen sealed under the coordinator key — written by a coordinator here,
 * opened by a coordinator here, a box re-sealed the first time a coordinator
 * opened it, or already there when this ledger came (`sweep`). A box under a
 * remembered id is refused as damaged: an existing concern, follow-up or
 * audit line is never replaced by a box.
 *
 * Kept as one plain `meta` row per id (`box-ledger:<table>/<id>`): ids only,
 * which are already in the clear as the rows' own keys, and never part of a
 * backup (backup.ts leaves `meta` behind). The check reads the row itself,
 * so another tab's re-seal counts at once; the in-memory set only saves
 * writing an id twice.
 *
 * When rows carry an authenticated version (the per-row version ledger),
 * `mayHoldBox` becomes "the box is version 1 and this device has applied no
 * version of the row", and `remember` is what applying a row does anyway.
 */
import type { Table } from 'dexie';
import { BOX_TABLES } from '../crypto/box-policy';
import { isSealedBox } from '../crypto/sealed-box';
import type { AplisDatabase, SealedRow } from './schema';

const PREFIX = 'box-ledger:';
/** Meta key set once every row already in the box tables has been remembered. */
export const BOX_LEDGER_SWEPT = 'boxLedgerSwept';

const entryKey = (table: string, id: string) => `${PREFIX}${table}/${id}`;

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

export interface BoxLedger {
  /** False when a row under this id has been sealed under the coordinator key on this device. */
  mayHoldBox(table: string, id: string): Promise<boolean>;
  /** Remembers rows seen (or written) sealed under the coordinator key. */
  remember(table: string, ids: readonly string[]): Promise<void>;
  /**
   * Puts a box's re-sealed row in its place, unless the row changed since it
   * was read, and remembers its id: from now on a box under it is refused.
   */
  replaceBox<R extends SealedRow>(table: Table<R, string>, box: R, resealed: R): Promise<void>;
  /** Once per device: remembers every row already in the box tables that is not a box. */
  sweep(): Promise<void>;
}

const ledgers = new WeakMap<AplisDatabase, BoxLedger>();

/** One ledger per database, shared by the repositories of the box tables. */
export function boxLedger(db: AplisDatabase): BoxLedger {
  let ledger = ledgers.get(db);
  if (!ledger) {
    ledger = makeLedger(db);
    ledgers.set(db, ledger);
  }
  return ledger;
}

function makeLedger(db: AplisDatabase): BoxLedger {
  const written = new Set<string>();

  async function remember(table: string, ids: readonly string[], always = false): Promise<void> {
    const fresh = [...new Set(ids.map((id) => entryKey(table, id)))].filter(
      (key) => always || !written.has(key),
    );
    if (fresh.length === 0) return;
    await db.meta.bulkPut(fresh.map((key) => ({ key, value: 1 })));
    for (const key of fresh) written.add(key);
  }

  return {
    async mayHoldBox(table, id) {
      return (await db.meta.get(entryKey(table, id))) === undefined;
    },

    remember: (table, ids) => remember(table, ids),

    async replaceBox(table, box, resealed) {
      const key = entryKey(table.name, box.id);
      await db.transaction('rw', [table, db.meta], async () => {
        const current = await table.get(box.id);
        if (current && sameBytes(current.sealed, box.sealed)) await table.put(resealed);
        await db.meta.put({ key, value: 1 });
      });
      written.add(key);
    },

    async sweep() {
      if ((await db.meta.get(BOX_LEDGER_SWEPT)) !== undefined) return;
      for (const name of BOX_TABLES) {
        const ids: string[] = [];
        await db.table<SealedRow, string>(name).each((row) => {
          if (!isSealedBox(row.sealed)) ids.push(row.id);
        });
        await remember(name, ids, true);
      }
      await db.meta.put({ key: BOX_LEDGER_SWEPT, value: Date.now() });
    },
  };
}
