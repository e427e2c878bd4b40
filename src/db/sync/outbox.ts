/**
 * The outbox: which of this device's rows may not be in the sync replica
 * yet. Per table, the rows stamped since that table's checkpoint (by its
 * `updatedAt` index, or `deletedAt` for tombstones), read again a minute
 * back so a write stamped just before the last read but committed after it
 * is not missed; tables without such an index (the organisation, the
 * keyring) are small and read whole. The checkpoint moves on to when the
 * pass began (or the newest stamp, if later): a write not yet committed then
 * was stamped at most a margin before, so nothing is missed, and a big batch
 * of rows written at once (a seeding, a first pull) is not read again on
 * every pass for as long as no newer write comes. The caller drops rows whose stamp it
 * already pushed or applied (state.ts), so reading a little too much costs
 * a comparison, never a duplicate document.
 *
 * A table re-sealed under a newer team key (row-upgrade.ts) keeps its rows'
 * stamps, so its checkpoint would pass them by: the re-seal asks for the
 * table to be read whole once (`rereadTable`), and the changed stamps
 * (state.ts rowStamp names the generation) pick out what goes.
 */
import { logicalName, MARKS_TABLE } from '../registers';
import type { AplisDatabase, RegisterRow } from '../schema';
import { getSince, setSince } from './state';

/** `meta` key: this table's rows changed without a new stamp; read it whole once. */
const REREAD = 'sync:reread:';

/**
 * Asks the next outbox pass to read a table whole (its logical name). Call
 * inside a transaction that includes `meta`, or on its own. Each request is
 * a new value, so a pass that read the table before it leaves it standing.
 */
export async function rereadTable(db: AplisDatabase, table: string): Promise<void> {
  await db.meta.put({ key: REREAD + table, value: `${Date.now()}:${Math.random()}` });
}

type Row = Record<string, unknown> & { id: string };

export interface OutRow {
  /** Logical table (`attendance` for marks). */
  table: string;
  record: Row;
}

/** Read again this far back (ms): a write's stamp is taken before its transaction commits. */
export const OUTBOX_MARGIN_MS = 60_000;

/** Tables that sync: every table but device state. */
export function syncedTables(db: AplisDatabase) {
  return db.tables.filter((t) => t.name !== 'meta');
}

export interface Outbox {
  rows: OutRow[];
  /** Call once the rows are in the replica: moves each table's checkpoint on. */
  commit(): Promise<void>;
}

export async function readOutbox(db: AplisDatabase): Promise<Outbox> {
  const startedAt = Date.now();
  const rows: OutRow[] = [];
  const checkpoints = new Map<string, number>();
  const rereads = await db.meta.where('key').startsWith(REREAD).toArray();
  const whole = new Map(rereads.map((r) => [r.key.slice(REREAD.length), r.value]));
  for (const table of syncedTables(db)) {
    const name = logicalName(table.name);
    const since = await getSince(db, name);
    const from = whole.has(name) ? 0 : Math.max(0, since - OUTBOX_MARGIN_MS);
    const indexes = new Set(table.schema.indexes.map((i) => i.name));
    const field = table.name === 'tombstones' ? 'deletedAt' : 'updatedAt';
    const found = (
      indexes.has(field)
        ? await table.where(field).aboveOrEqual(from).toArray()
        : await table.toArray()
    ) as Row[];
    const records: Row[] =
      table.name === 'registers'
        ? ((found as unknown as RegisterRow[])
            .flatMap((r) => r.marks)
            .filter((m) => m.updatedAt >= from) as unknown as Row[])
        : found;
    let newest = Math.max(since, startedAt);
    for (const record of records) {
      const stamp = record[field];
      if (typeof stamp === 'number' && stamp > newest) newest = stamp;
      rows.push({ table: name, record: record });
    }
    checkpoints.set(name, newest);
  }
  return {
    rows,
    async commit() {
      for (const [name, at] of checkpoints) await setSince(db, name, at);
      // A table read whole is done, unless it was asked for again since.
      await db.transaction('rw', db.meta, async () => {
        const now = await db.meta.bulkGet(rereads.map((r) => r.key));
        await db.meta.bulkDelete(
          rereads.filter((r, i) => now[i]?.value === r.value).map((r) => r.key),
        );
      });
    },
  };
}

/**
 * This device's copies now of rows named by an earlier read (marks are
 * found in their meeting's register); rows deleted since are left out.
 */
export async function currentCopies(db: AplisDatabase, rows: readonly OutRow[]): Promise<OutRow[]> {
  const out: OutRow[] = [];
  for (const { table, record } of rows) {
    if (table === MARKS_TABLE) {
      const register = await db.registers.get(String(record.meetingId));
      const mark = register?.marks.find((m) => m.id === record.id);
      if (mark) out.push({ table, record: mark as unknown as Row });
      continue;
    }
    if (!db.tables.some((t) => t.name === table)) continue;
    const now = (await db.table(table).get(record.id)) as Row | undefined;
    if (now) out.push({ table, record: now });
  }
  return out;
}
