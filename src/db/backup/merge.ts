/**
 * Merging a backup from another device of the same organisation into this
 * one, without any server: rows are matched by id and the newer edit wins
 * (a higher version, then a later `updatedAt`: row-meta.ts compareRowOrder),
 * so a device never takes an older version of a row than it holds;
 * deletions travel as tombstones (tombstones.ts).
 *
 * Sealed rows are compared by their metadata and copied as they are:
 * nothing is decrypted, so the preview names kinds of record and days, never
 * contents. Key wraps never change once written, so they are only added,
 * never overwritten. `meta` is device state: not merged.
 *
 * What the file says is believed only as far as it can be checked: the body
 * must verify under the team key (integrity.ts) or, made before backups were
 * signed, be confirmed by the coordinator; only a coordinator's session
 * merges; and stamps from the future, deletions of audit entries and key
 * wraps, and unsafe key wraps are skipped and reported (trust.ts).
 *
 * The plan is computed twice from the same pure function: once for the
 * preview (read-only), and again inside the one read-write transaction that
 * applies it, so nothing written between preview and apply is overwritten
 * blindly.
 */
import { keyFingerprint } from '../../crypto/backup-cipher';
import { productionKdfPolicy, type KdfPolicy } from '../../crypto/kdf';
import type { Vault } from '../../crypto/vault';
import { todayInRiga, type IsoDate } from '../../domain/calendar-date';
import { changeMarks, flattenRegisters, logicalName, MARKS_TABLE } from '../registers';
import type { AplisDatabase, AttendanceRow, RegisterRow, TombstoneRow } from '../schema';
import type { OpenedBackup } from './backup';
import { compareRowOrder } from '../row-meta';
import { BackupError } from './errors';
import { verifyBody } from './integrity';
import { isFuture, keyringRowProblem, UNDELETABLE_TABLES, type SkipReason } from './trust';
import { tombstoneId } from '../tombstones';

type Row = Record<string, unknown> & { id: string };

export type Change = 'added' | 'updated' | 'deleted';

export interface TableChanges {
  added: number;
  updated: number;
  deleted: number;
}

/** Rows of one kind of record with one outcome on one day (Riga), for the preview. */
export interface ChangeGroup<Outcome extends string = Change> {
  /** Logical table name (`attendance` for marks). */
  table: string;
  outcome: Outcome;
  /** The day of the row's stamp: its edit, deletion or creation. */
  day: IsoDate;
  count: number;
}

export interface MergeSummary {
  added: number;
  updated: number;
  deleted: number;
  /** Rows the same on both, or newer on this device. */
  unchanged: number;
  byTable: Record<string, TableChanges>;
  /**
   * What would change, by kind of record and day, newest day first. Only
   * table names and stamps: nothing is opened, so coordinators' rows read
   * the same as any other ("Screenings · 12.11.2026 · newer edit").
   */
  changes: ChangeGroup[];
  /** What the file asked for and this device did not believe (trust.ts), by kind and day. */
  skipped: ChangeGroup<SkipReason>[];
  /**
   * False for a file made before backups were signed (no MAC): its rows and
   * stamps could have been edited by anyone with its passphrase, so merging
   * it needs a coordinator's explicit confirmation.
   */
  authenticated: boolean;
}

export interface MergePlan {
  summary: MergeSummary;
  puts: Map<string, Row[]>;
  /** This device's rows to delete (whole rows: a mark's meeting names its register). */
  deletes: Map<string, Row[]>;
  tombstones: TombstoneRow[];
}

export interface PlanOptions {
  /** This device's clock (ms): stamps more than a day ahead of it are refused. */
  now?: number;
  /** The KDF floor key wraps in the file must meet. */
  policy?: KdfPolicy;
  /** Whether the file's MAC verified (see MergeSummary.authenticated). */
  authenticated?: boolean;
}

/** When a row was last written: `updatedAt`, or for key wraps their creation time. */
function stamp(row: Row): number {
  if (typeof row.updatedAt === 'number') return row.updatedAt;
  if (typeof row.createdAt === 'string') return Date.parse(row.createdAt) || 0;
  return 0;
}

/**
 * Whether the file's copy of a row replaces this device's: a higher version,
 * then a later write (row-meta.ts). The one place rows are compared.
 */
function replaces(theirs: Row, mine: Row): boolean {
  return compareRowOrder(theirs, mine) > 0;
}

/** Counts by table, outcome and Riga day. */
class Tally<Outcome extends string> {
  readonly #groups = new Map<string, ChangeGroup<Outcome>>();
  /** Riga day by UTC hour: Riga's offset is whole hours, and Intl is slow per row. */
  readonly #days = new Map<number, IsoDate>();

  add(table: string, outcome: Outcome, at: number): void {
    const hour = Math.floor(at / 3_600_000);
    let day = this.#days.get(hour);
    if (day === undefined) {
      day = Number.isFinite(at) ? todayInRiga(new Date(hour * 3_600_000)) : '';
      this.#days.set(hour, day);
    }
    const key = `${table}|${outcome}|${day}`;
    const group = this.#groups.get(key);
    if (group) group.count++;
    else this.#groups.set(key, { table, outcome, day, count: 1 });
  }

  /** Newest day first, then by table and outcome. */
  list(): ChangeGroup<Outcome>[] {
    return [...this.#groups.values()].sort(
      (a, b) =>
        (a.day < b.day ? 1 : a.day > b.day ? -1 : 0) ||
        a.table.localeCompare(b.table) ||
        a.outcome.localeCompare(b.outcome),
    );
  }
}

/**
 * Pure: what merging `incoming` (a file) into `local` does. Both are table
 * name → rows. What the file says and this device does not believe
 * (trust.ts) is left out and listed in `summary.skipped`.
 */
export function planMerge(
  local: Record<string, Row[]>,
  incoming: Record<string, Row[]>,
  options: PlanOptions = {},
): MergePlan {
  const now = options.now ?? Date.now();
  const policy = options.policy ?? productionKdfPolicy;
  const changed = new Tally<Change>();
  const skipped = new Tally<SkipReason>();
  const localTombs = new Map(
    (local.tombstones ?? []).map((t) => [t.id, t as unknown as TombstoneRow]),
  );
  const newestDeletion = new Map<string, number>();
  for (const t of localTombs.values()) newestDeletion.set(t.id, t.deletedAt);
  const tombstones: TombstoneRow[] = [];
  /** The file's deletions this device believes. */
  const incomingTombs: TombstoneRow[] = [];
  /** Deletions of audit entries and key wraps: never applied, reported if they would delete. */
  const undeletable: TombstoneRow[] = [];
  for (const t of (incoming.tombstones ?? []) as unknown as TombstoneRow[]) {
    if (UNDELETABLE_TABLES.has(t.table)) {
      undeletable.push(t);
      continue;
    }
    const known = newestDeletion.get(t.id);
    if (known !== undefined && t.deletedAt <= known) continue;
    if (isFuture(t.deletedAt, now)) {
      skipped.add(t.table, 'future', t.deletedAt);
      continue;
    }
    incomingTombs.push(t);
    newestDeletion.set(t.id, t.deletedAt);
    tombstones.push(t);
  }

  const summary: MergeSummary = {
    added: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    byTable: {},
    changes: [],
    skipped: [],
    authenticated: options.authenticated ?? true,
  };
  const puts = new Map<string, Row[]>();
  const deletes = new Map<string, Row[]>();
  const names = new Set([
    ...Object.keys(incoming),
    ...incomingTombs.map((t) => t.table),
    ...undeletable.map((t) => t.table),
  ]);
  names.delete('tombstones');

  for (const name of names) {
    const changes: TableChanges = { added: 0, updated: 0, deleted: 0 };
    const localRows = new Map((local[name] ?? []).map((r) => [r.id, r]));
    const toPut: Row[] = [];
    const incomingRows = incoming[name] ?? [];
    const incomingIds = new Set<string>();
    for (const row of incomingRows) {
      const mine = localRows.get(row.id);
      const deletedAt = newestDeletion.get(tombstoneId(name, row.id));
      // Deleted on either device after this edit: it stays deleted. Key
      // wraps never change once written: only added, never overwritten.
      const outcome: Change | undefined = !mine
        ? deletedAt !== undefined && deletedAt >= stamp(row)
          ? undefined
          : 'added'
        : name !== 'keyring' && replaces(row, mine)
          ? 'updated'
          : undefined;
      if (!outcome) {
        incomingIds.add(row.id);
        summary.unchanged++;
        continue;
      }
      const refusal: SkipReason | undefined = isFuture(stamp(row), now)
        ? 'future'
        : name === 'keyring'
          ? keyringRowProblem(row, policy)
          : undefined;
      if (refusal) {
        skipped.add(name, refusal, stamp(row));
        continue;
      }
      incomingIds.add(row.id);
      toPut.push(row);
      changes[outcome]++;
      changed.add(name, outcome, stamp(row));
    }
    // Rows deleted on the other device, unless edited here after that.
    const toDelete: Row[] = [];
    for (const t of incomingTombs) {
      if (t.table !== name || incomingIds.has(t.rowId)) continue;
      const mine = localRows.get(t.rowId);
      if (mine && stamp(mine) <= t.deletedAt) {
        toDelete.push(mine);
        changes.deleted++;
        changed.add(name, 'deleted', t.deletedAt);
      }
    }
    for (const t of undeletable) {
      const mine = t.table === name ? localRows.get(t.rowId) : undefined;
      if (mine && stamp(mine) <= t.deletedAt) skipped.add(name, 'undeletable', t.deletedAt);
    }
    if (toPut.length) puts.set(name, toPut);
    if (toDelete.length) deletes.set(name, toDelete);
    if (changes.added || changes.updated || changes.deleted) summary.byTable[name] = changes;
    summary.added += changes.added;
    summary.updated += changes.updated;
    summary.deleted += changes.deleted;
  }
  summary.changes = changed.list();
  summary.skipped = skipped.list();
  return { summary, puts, deletes, tombstones };
}

export interface MergeOptions {
  /** The KDF floor key wraps in a file must meet (the keyring's policy). */
  policy?: KdfPolicy;
  now?: () => number;
}

/**
 * Everything a merge checks before it reads a row: the session is a
 * coordinator's (a merge can replace any record, coordinators' included);
 * the file is this organisation's; and a signed file's MAC verifies under
 * the team key. Returns whether the file was signed at all.
 */
async function checkFile(vault: Vault, backup: OpenedBackup): Promise<boolean> {
  if (!vault.hasCoordinatorKey) throw new BackupError('coordinators-only');
  if ((await keyFingerprint(vault.dataKey)) !== backup.keyId) throw new BackupError('foreign');
  if (!backup.integrity) return false;
  // Made or edited by someone with the file's passphrase but not the team key.
  if (!(await verifyBody(vault, backup.integrity))) throw new BackupError('tampered');
  return true;
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
  options: MergeOptions = {},
): Promise<MergePreview> {
  const authenticated = await checkFile(vault, backup);
  return db.transaction('r', mergeTables(db, backup), async () => {
    const plan = await planAgainst(db, backup, options, authenticated);
    return { summary: plan.summary, plan, state: await stateOf(db, backup) };
  });
}

async function planAgainst(
  db: AplisDatabase,
  backup: OpenedBackup,
  options: MergeOptions,
  authenticated: boolean,
): Promise<MergePlan> {
  return planMerge(await readLocal(db, backup), backup.tables as Record<string, Row[]>, {
    now: (options.now ?? Date.now)(),
    policy: options.policy ?? productionKdfPolicy,
    authenticated,
  });
}

/**
 * Applies the merge in one transaction: all of it, or (full disk, closed
 * tab) none of it. The preview's plan is used when nothing changed since;
 * otherwise the plan is worked out again inside the transaction. A file
 * made before backups were signed is merged only with `confirmUnsigned`:
 * the coordinator has read that its contents cannot be checked.
 */
export async function applyMerge(
  db: AplisDatabase,
  vault: Vault,
  backup: OpenedBackup,
  preview?: MergePreview,
  options: MergeOptions & { confirmUnsigned?: boolean } = {},
): Promise<MergeSummary> {
  const authenticated = await checkFile(vault, backup);
  if (!authenticated && options.confirmUnsigned !== true) throw new BackupError('unconfirmed');
  return db.transaction('rw', mergeTables(db, backup), async () => {
    const plan =
      preview && preview.state === (await stateOf(db, backup))
        ? preview.plan
        : await planAgainst(db, backup, options, authenticated);
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
