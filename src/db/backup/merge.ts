/**
 * Merging a backup from another device of the same organisation into this
 * one, without any server: rows are matched by id and the newer edit wins
 * (`updatedAt`); deletions travel as tombstones (tombstones.ts).
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
import { BackupError } from './errors';
import { legacyTombstoneId } from '../tombstones';
import { keyedMergeInput, type KeyedMergeInput } from './tombstone-ids';

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

/**
 * The keyed tombstone id of a row (tombstones.ts), or undefined when it was
 * not worked out beforehand (then no tombstone applies to the row).
 */
export type TombstoneIdOf = (table: string, rowId: string) => string | undefined;

/** Pure: what merging `incoming` into `local` does. Both are table name → rows. */
export function planMerge(
  local: Record<string, Row[]>,
  incoming: Record<string, Row[]>,
  tombstoneIdOf: TombstoneIdOf = legacyTombstoneId,
): MergePlan {
  const localTombs = new Map(
    (local.tombstones ?? []).map((t) => [t.id, t as unknown as TombstoneRow]),
  );
  const incomingTombs = (incoming.tombstones ?? []) as unknown as TombstoneRow[];
  const newestDeletion = new Map<string, number>();
  for (const t of localTombs.values()) newestDeletion.set(t.id, t.deletedAt);
  const tombstones: TombstoneRow[] = [];
  // Erasure markers (erasure.ts): a person erased on either device stays
  // erased, whatever the stamps of edits of them or of rows about them.
  const erased = new Set(
    [...localTombs.values(), ...incomingTombs].filter((t) => t.erased).map((t) => t.id),
  );
  const aboutErased = (name: string, row: Row): boolean => {
    if (erased.size === 0) return false;
    const person = name === 'participants' ? row.id : row.participantId;
    if (typeof person !== 'string' || person === '') return false;
    const marker = tombstoneIdOf('participants', person);
    return marker !== undefined && erased.has(marker);
  };
  for (const t of incomingTombs) {
    const known = newestDeletion.get(t.id);
    // A marker is never replaced by a plain tombstone of the same row.
    if (known === undefined || (t.deletedAt > known && !localTombs.get(t.id)?.erased)) {
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
      if (aboutErased(name, row)) {
        summary.unchanged++;
        continue;
      }
      const tombId = mine ? undefined : tombstoneIdOf(name, row.id);
      const deletedAt = tombId === undefined ? undefined : newestDeletion.get(tombId);
      if (!mine) {
        // Deleted on either device after this edit: it stays deleted.
        if (deletedAt !== undefined && deletedAt >= stamp(row)) summary.unchanged++;
        else {
          toPut.push(row);
          changes.added++;
        }
      } else if (name !== 'keyring' && stamp(row) > stamp(mine)) {
        toPut.push(row);
        changes.updated++;
      } else summary.unchanged++;
    }
    // Rows deleted on the other device, unless edited here after that (or
    // still in the file: written again there). A tombstone names no row: the
    // local row is found by its own keyed id.
    const toDelete: Row[] = [];
    const byTombstoneId = new Map<string, Row>();
    if (incomingTombs.some((t) => t.table === name))
      for (const mine of localRows.values()) {
        const tombId = incomingIds.has(mine.id) ? undefined : tombstoneIdOf(name, mine.id);
        if (tombId !== undefined) byTombstoneId.set(tombId, mine);
      }
    for (const t of incomingTombs) {
      if (t.table !== name) continue;
      const mine = byTombstoneId.get(t.id);
      if (mine && (t.erased || stamp(mine) <= t.deletedAt)) {
        toDelete.push(mine);
        changes.deleted++;
      }
    }
    // Rows here about a person the other device erased, however late their edit.
    for (const mine of localRows.values())
      if (!toDelete.includes(mine) && aboutErased(name, mine)) {
        toDelete.push(mine);
        changes.deleted++;
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
  /** The file's tables with keyed tombstones, and the rows' keyed tombstone ids (tombstone-ids.ts). */
  readonly keyed: KeyedMergeInput;
}

/** What a merge would add, update and delete. Writes nothing. */
export async function previewMerge(
  db: AplisDatabase,
  vault: Vault,
  backup: OpenedBackup,
): Promise<MergePreview> {
  await assertSameOrganisation(vault, backup);
  const { local, state } = await db.transaction('r', mergeTables(db, backup), async () => ({
    local: await readLocal(db, backup),
    state: await stateOf(db, backup),
  }));
  // Keyed tombstone ids are HMACs: worked out between the read and the plan, outside any transaction.
  const keyed = await keyedMergeInput(vault, local, backup.tables as Record<string, Row[]>);
  const plan = planMerge(keyed.local, keyed.incoming, keyed.tombstoneIdOf);
  return { summary: plan.summary, plan, state, keyed };
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
  const prepared = preview ?? (await previewMerge(db, vault, backup));
  await assertSameOrganisation(vault, backup);
  return db.transaction('rw', mergeTables(db, backup), async () => {
    // Worked out again if the device changed since: a row written since has no
    // keyed id worked out, so no tombstone of the file deletes it this time.
    const plan =
      prepared.state === (await stateOf(db, backup))
        ? prepared.plan
        : planMerge(
            await readLocal(db, backup),
            prepared.keyed.incoming,
            prepared.keyed.tombstoneIdOf,
          );
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
