/**
 * Merging a backup from another device of the same organisation into this
 * one, without any server: rows are matched by id and the newer edit wins
 * (a higher version, then a later `updatedAt`: row-meta.ts compareRowOrder),
 * so a device never takes an older version of a row than it holds;
 * deletions travel as tombstones (tombstones.ts).
 *
 * Sealed rows are compared by their plain `updatedAt` and copied as they are:
 * nothing is decrypted, so a facilitator's device carries coordinators' rows
 * it cannot read. Key wraps never change once written, so they are only
 * added (or deleted by a tombstone when a passphrase was changed or a staff
 * member removed) and never overwritten. `meta` is device state: not merged.
 *
 * The plan is computed twice from the same pure function: once for the
 * preview (read-only), and again inside the one read-write transaction that
 * applies it, so nothing written between preview and apply is overwritten
 * blindly.
 */
import { keyFingerprint } from '../../crypto/backup-cipher';
import type { Vault } from '../../crypto/vault';
import { changeMarks, flattenRegisters, logicalName, MARKS_TABLE } from '../registers';
import type { AplisDatabase, AttendanceRow, RegisterRow, TombstoneRow } from '../schema';
import type { OpenedBackup } from './backup';
import { compareRowOrder } from '../row-meta';
import { BackupError } from './errors';
import { tombstoneId } from '../tombstones';

type Row = Record<string, unknown> & { id: string };

export interface TableChanges {
  added: number;
  updated: number;
  deleted: number;
}

export interface MergeSummary {
  added: number;
  updated: number;
  deleted: number;
  /** Rows the same on both, or newer on this device. */
  unchanged: number;
  byTable: Record<string, TableChanges>;
}

export interface MergePlan {
  summary: MergeSummary;
  puts: Map<string, Row[]>;
  /** This device's rows to delete (whole rows: a mark's meeting names its register). */
  deletes: Map<string, Row[]>;
  tombstones: TombstoneRow[];
}

/** When a row was last written: `updatedAt`, or for key wraps their creation time. */
function stamp(row: Row): number {
  if (typeof row.updatedAt === 'number') return row.updatedAt;
  if (typeof row.createdAt === 'string') return Date.parse(row.createdAt) || 0;
  return 0;
}

/** Pure: what merging `incoming` into `local` does. Both are table name → rows. */
export function planMerge(
  local: Record<string, Row[]>,
  incoming: Record<string, Row[]>,
): MergePlan {
  const localTombs = new Map(
    (local.tombstones ?? []).map((t) => [t.id, t as unknown as TombstoneRow]),
  );
  const incomingTombs = (incoming.tombstones ?? []) as unknown as TombstoneRow[];
  const newestDeletion = new Map<string, number>();
  for (const t of localTombs.values()) newestDeletion.set(t.id, t.deletedAt);
  const tombstones: TombstoneRow[] = [];
  for (const t of incomingTombs) {
    const known = newestDeletion.get(t.id);
    if (known === undefined || t.deletedAt > known) {
      newestDeletion.set(t.id, t.deletedAt);
      tombstones.push(t);
    }
  }

  const summary: MergeSummary = { added: 0, updated: 0, deleted: 0, unchanged: 0, byTable: {} };
  const puts = new Map<string, Row[]>();
  const deletes = new Map<string, Row[]>();
  const names = new Set([...Object.keys(incoming), ...incomingTombs.map((t) => t.table)]);
  names.delete('tombstones');

  for (const name of names) {
    const changes: TableChanges = { added: 0, updated: 0, deleted: 0 };
    const localRows = new Map((local[name] ?? []).map((r) => [r.id, r]));
    const toPut: Row[] = [];
    const incomingRows = incoming[name] ?? [];
    const incomingIds = new Set<string>();
    for (const row of incomingRows) {
      incomingIds.add(row.id);
      const mine = localRows.get(row.id);
      const deletedAt = newestDeletion.get(tombstoneId(name, row.id));
      if (!mine) {
        // Deleted on either device after this edit: it stays deleted.
        if (deletedAt !== undefined && deletedAt >= stamp(row)) summary.unchanged++;
        else {
          toPut.push(row);
          changes.added++;
        }
      } else if (name !== 'keyring' && compareRowOrder(row, mine) > 0) {
        toPut.push(row);
        changes.updated++;
      } else summary.unchanged++;
    }
    // Rows deleted on the other device, unless edited here after that.
    const toDelete: Row[] = [];
    for (const t of incomingTombs) {
      if (t.table !== name || incomingIds.has(t.rowId)) continue;
      const mine = localRows.get(t.rowId);
      if (mine && stamp(mine) <= t.deletedAt) {
        toDelete.push(mine);
        changes.deleted++;
      }
    }
    if (toPut.length) puts.set(name, toPut);
    if (toDelete.length) deletes.set(name, toDelete);
    if (changes.added || changes.updated || changes.deleted) summary.byTable[name] = changes;
    summary.added += changes.added;
    summary.updated += changes.updated;
    summary.deleted += changes.deleted;
  }
  return { summary, puts, deletes, tombstones };
}

async function assertSameOrganisation(vault: Vault, backup: OpenedBackup): Promise<void> {
  if ((await keyFingerprint(vault.dataKey)) !== backup.keyId) throw new BackupError('foreign');
}

/** This device's tables a merge reads and writes. Tombstones may delete marks with no row in the file. */
function mergeTables(db: AplisDatabase, backup: OpenedBackup) {
  const names = new Set([...Object.keys(backup.tables), 'tombstones', MARKS_TABLE]);
  return db.tables.filter((t) => names.has(logicalName(t.name)));
}

/** This device's rows by logical table: attendance as mark rows (registers.ts). */
async function readLocal(db: AplisDatabase, backup: OpenedBackup) {
  const local: Record<string, Row[]> = {};
  for (const table of mergeTables(db, backup)) {
    const rows = await table.toArray();
    local[logicalName(table.name)] = (
      table.name === 'registers' ? flattenRegisters(rows as RegisterRow[]) : rows
    ) as Row[];
  }
  return local;
}

/**
 * A cheap sign of whether the device changed since the preview: per table the
 * row count and the newest `updatedAt` (every write stamps Date.now(), every
 * delete lowers a count and adds a tombstone). Small tables without that
 * index (the organisation, the keyring) are listed whole.
 */
async function stateOf(db: AplisDatabase, backup: OpenedBackup): Promise<string> {
  const parts: unknown[] = [];
  for (const table of mergeTables(db, backup)) {
    const indexes = table.schema.indexes.map((i) => i.name);
    const stampIndex = indexes.includes('updatedAt')
      ? 'updatedAt'
      : indexes.includes('deletedAt')
        ? 'deletedAt'
        : undefined;
    if (stampIndex) {
      const newest = (await table.orderBy(stampIndex).last()) as Row | undefined;
      parts.push(table.name, await table.count(), newest?.id, newest?.[stampIndex]);
    } else {
      parts.push(
        table.name,
        ((await table.toArray()) as Row[]).map((r) => [r.id, stamp(r)]),
      );
    }
  }
  return JSON.stringify(parts);
}

/** A preview, and what it was computed against, so the merge can reuse it. */
export interface MergePreview {
  summary: MergeSummary;
  readonly plan: MergePlan;
  readonly state: string;
}

/** What a merge would add, update and delete. Writes nothing. */
export async function previewMerge(
  db: AplisDatabase,
  vault: Vault,
  backup: OpenedBackup,
): Promise<MergePreview> {
  await assertSameOrganisation(vault, backup);
  return db.transaction('r', mergeTables(db, backup), async () => {
    const plan = planMerge(await readLocal(db, backup), backup.tables as Record<string, Row[]>);
    return { summary: plan.summary, plan, state: await stateOf(db, backup) };
  });
}

/**
 * Applies the merge in one transaction: all of it, or (full disk, closed
 * tab) none of it. The preview's plan is used when nothing changed since;
 * otherwise the plan is worked out again inside the transaction.
 */
export async function applyMerge(
  db: AplisDatabase,
  vault: Vault,
  backup: OpenedBackup,
  preview?: MergePreview,
): Promise<MergeSummary> {
  await assertSameOrganisation(vault, backup);
  return db.transaction('rw', mergeTables(db, backup), async () => {
    const plan =
      preview && preview.state === (await stateOf(db, backup))
        ? preview.plan
        : planMerge(await readLocal(db, backup), backup.tables as Record<string, Row[]>);
    for (const [name, rows] of plan.deletes)
      if (name !== MARKS_TABLE) await db.table(name).bulkDelete(rows.map((r) => r.id));
    for (const [name, rows] of plan.puts)
      if (name !== MARKS_TABLE) await db.table(name).bulkPut(rows);
    await changeMarks(
      db,
      (plan.puts.get(MARKS_TABLE) ?? []) as unknown as AttendanceRow[],
      (plan.deletes.get(MARKS_TABLE) ?? []) as unknown as AttendanceRow[],
    );
    if (plan.tombstones.length) await db.tombstones.bulkPut(plan.tombstones);
    return plan.summary;
  });
}
