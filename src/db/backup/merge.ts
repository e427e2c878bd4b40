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
 * never overwritten; the roster is replaced by a higher version, and the
 * wraps of people it marks inactive are then dropped (keyring-revocation.ts).
 * `meta` is device state: not merged.
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
import { legacyTombstoneId } from '../tombstones';
import { ROSTER_ID } from '../keyring-roster';
import { checkIncomingRosters, dropRevokedWraps } from '../keyring-revocation';
import { createRepositories } from '../repositories';
import { resealPending } from '../row-upgrade-marker';
import { blindPending, hasClearPeople } from '../blind-index';
import { genuineRows, type RefusedRow } from './genuine';
import { keyedMergeInput, type KeyedMergeInput } from './tombstone-ids';
import { PARTICIPANT_ORDER_KEY } from '../participant-order';

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
  /**
   * The file's rows left out because a deletion or an erasure beats them,
   * by table: the sync engine removes their documents from the server.
   */
  buried: Map<string, string[]>;
}

export interface PlanOptions {
  /** This device's clock (ms): stamps more than a day ahead of it are refused. */
  now?: number;
  /** The KDF floor key wraps in the file must meet. */
  policy?: KdfPolicy;
  /** Whether the file's MAC verified (see MergeSummary.authenticated). */
  authenticated?: boolean;
  /** The file's rows that failed their check (genuine.ts): already left out, listed as skipped. */
  refused?: readonly RefusedRow[];
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

/**
 * Whether the file's copy of a row replaces this device's: a higher version,
 * then a later write (row-meta.ts). The one place rows are compared.
 */
function replaces(theirs: Row, mine: Row): boolean {
  return compareRowOrder(theirs, mine) > 0;
}

/** Both are the roster row, and `theirs` has the higher version. */
function isNewerRoster(theirs: Row, mine: Row): boolean {
  const version = (r: Row) => (typeof r.version === 'number' ? r.version : 0);
  return (
    theirs.id === ROSTER_ID &&
    mine.id === ROSTER_ID &&
    (theirs.holder as { kind?: unknown } | undefined)?.kind === 'roster' &&
    version(theirs) > version(mine)
  );
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
  tombstoneIdOf: TombstoneIdOf = legacyTombstoneId,
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
  /** Deletions of audit entries and key wraps: never applied, reported. */
  const undeletable: TombstoneRow[] = [];
  const fileTombs = (incoming.tombstones ?? []) as unknown as TombstoneRow[];
  // Erasure markers (erasure.ts): a person erased on either device stays
  // erased, whatever the stamps of edits of them or of rows about them.
  const erased = new Set(
    [...localTombs.values(), ...fileTombs.filter((t) => !isFuture(t.deletedAt, now))]
      .filter((t) => t.erased)
      .map((t) => t.id),
  );
  const aboutErased = (name: string, row: Row): boolean => {
    if (erased.size === 0) return false;
    const person = name === 'participants' ? row.id : row.participantId;
    if (typeof person !== 'string' || person === '') return false;
    const marker = tombstoneIdOf('participants', person);
    return marker !== undefined && erased.has(marker);
  };
  for (const t of fileTombs) {
    if (UNDELETABLE_TABLES.has(t.table)) {
      undeletable.push(t);
      continue;
    }
    const known = newestDeletion.get(t.id);
    // A marker is never replaced by a plain tombstone of the same row.
    if (known !== undefined && (t.deletedAt <= known || localTombs.get(t.id)?.erased)) continue;
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
  const buried = new Map<string, string[]>();
  const bury = (name: string, id: string) => {
    const list = buried.get(name);
    if (list) list.push(id);
    else buried.set(name, [id]);
  };
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
      if (aboutErased(name, row)) {
        incomingIds.add(row.id);
        summary.unchanged++;
        bury(name, row.id);
        continue;
      }
      const tombId = mine ? undefined : tombstoneIdOf(name, row.id);
      const deletedAt = tombId === undefined ? undefined : newestDeletion.get(tombId);
      // Deleted on either device after this edit: it stays deleted. Key
      // wraps never change once written: only added, never overwritten. The
      // one keyring row that changes is the roster: a higher version replaces
      // it (its MAC was checked before, where a session can: keyring-revocation.ts).
      const outcome: Change | undefined = !mine
        ? deletedAt !== undefined && deletedAt >= stamp(row)
          ? undefined
          : 'added'
        : (name !== 'keyring' || isNewerRoster(row, mine)) && replaces(row, mine)
          ? 'updated'
          : undefined;
      if (!outcome) {
        incomingIds.add(row.id);
        summary.unchanged++;
        if (!mine) bury(name, row.id);
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
        changed.add(name, 'deleted', t.deletedAt);
      }
    }
    const undeletableHere = undeletable.filter((t) => t.table === name);
    if (undeletableHere.length) {
      const ids = new Set(undeletableHere.map((t) => t.id));
      for (const mine of localRows.values()) {
        const tombId = tombstoneIdOf(name, mine.id);
        const t = tombId === undefined || !ids.has(tombId) ? undefined : tombId;
        const deletion = t ? undeletableHere.find((u) => u.id === t) : undefined;
        if (deletion && stamp(mine) <= deletion.deletedAt)
          skipped.add(name, 'undeletable', deletion.deletedAt);
      }
    }
    // Rows here about a person the other device erased, however late their edit.
    for (const mine of localRows.values())
      if (!toDelete.includes(mine) && aboutErased(name, mine)) {
        toDelete.push(mine);
        changes.deleted++;
        changed.add(name, 'deleted', stamp(mine));
      }
    if (toPut.length) puts.set(name, toPut);
    if (toDelete.length) deletes.set(name, toDelete);
    if (changes.added || changes.updated || changes.deleted) summary.byTable[name] = changes;
    summary.added += changes.added;
    summary.updated += changes.updated;
    summary.deleted += changes.deleted;
  }
  for (const row of options.refused ?? []) skipped.add(row.table, 'damaged', row.updatedAt ?? NaN);
  summary.changes = changed.list();
  summary.skipped = skipped.list();
  return { summary, puts, deletes, tombstones, buried };
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
  const names = new Set([...Object.keys(backup.tables), 'tombstones', 'meta', MARKS_TABLE]);
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
  /**
   * The file's tables with keyed tombstones and without the rows that failed
   * their check, and the rows' keyed tombstone ids (tombstone-ids.ts).
   */
  readonly keyed: KeyedMergeInput;
  readonly refused: readonly RefusedRow[];
}

/** What a merge would add, update and delete. Writes nothing. */
export async function previewMerge(
  db: AplisDatabase,
  vault: Vault,
  backup: OpenedBackup,
  options: MergeOptions = {},
): Promise<MergePreview> {
  const authenticated = await checkFile(vault, backup);
  const { local, state } = await db.transaction('r', mergeTables(db, backup), async () => ({
    local: await readLocal(db, backup),
    state: await stateOf(db, backup),
  }));
  // Keyed tombstone ids are HMACs, and checking rows opens them: both are
  // worked out between the read and the plan, outside any transaction.
  const keyed = await keyedMergeInput(vault, local, backup.tables as Record<string, Row[]>);
  const genuine = await genuineRows(keyed.incoming, keyed.local, createRepositories(db, vault));
  // A roster in the file that fails its MAC is refused: this device keeps its own.
  const rosters = await checkIncomingRosters(vault, genuine.tables);
  const refused = [...genuine.refused, ...rosters.refused];
  const checked: KeyedMergeInput = { ...keyed, incoming: rosters.tables };
  const plan = planMerge(
    keyed.local,
    checked.incoming,
    planOptions(options, authenticated, refused),
    keyed.tombstoneIdOf,
  );
  return { summary: plan.summary, plan, state, keyed: checked, refused };
}

function planOptions(
  options: MergeOptions,
  authenticated: boolean,
  refused: readonly RefusedRow[],
): PlanOptions {
  return {
    now: (options.now ?? Date.now)(),
    policy: options.policy ?? productionKdfPolicy,
    authenticated,
    refused,
  };
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
  const prepared = preview ?? (await previewMerge(db, vault, backup, options));
  const authenticated = await checkFile(vault, backup);
  if (!authenticated && options.confirmUnsigned !== true) throw new BackupError('unconfirmed');
  const { summary, puts } = await db.transaction('rw', mergeTables(db, backup), async () => {
    // Worked out again if the device changed since: a row written since has no
    // keyed id worked out, so no tombstone of the file deletes it this time.
    const plan =
      prepared.state === (await stateOf(db, backup))
        ? prepared.plan
        : planMerge(
            await readLocal(db, backup),
            prepared.keyed.incoming,
            planOptions(options, authenticated, prepared.refused),
            prepared.keyed.tombstoneIdOf,
          );
    await writePlan(db, plan);
    return { summary: plan.summary, puts: plan.puts };
  });
  // A newer roster from the file may mark someone inactive: their wraps go here too.
  if (prepared.keyed.incoming.keyring?.length)
    await dropRevokedWraps(db, vault, options.now ?? Date.now);
  // Rows sealed under an older team key generation (a file from before a rotation): the
  // background re-seal starts again now (Staff shows its progress), not at the next unlock.
  if (vault.teamGeneration >= 2) {
    const { noteOlderGenerations, startGenerationReseal } = await import('../row-upgrade');
    const rows = [...puts].flatMap(([name, list]) =>
      list.map((record) => ({ table: logicalName(name), record })),
    );
    if (await noteOlderGenerations(db, rows, vault.teamGeneration))
      void startGenerationReseal(db, vault).catch(() => undefined);
  }
  return summary;
}

/**
 * Writes a plan inside the caller's read-write transaction: deletions, rows,
 * attendance marks into their registers, tombstones, and the markers that
 * make the next unlock upgrade what came from an older device. Shared by a
 * file merge and a sync batch (db/sync/apply.ts), so both write alike.
 */
export async function writePlan(db: AplisDatabase, plan: MergePlan): Promise<void> {
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
  // Someone erased or deleted elsewhere: the Participants list's kept first ids may name
  // them (participant-order.ts), so they go too, as a local erasure takes them.
  if (plan.tombstones.some((t) => t.erased) || plan.deletes.get('participants')?.length)
    await db.meta.delete(PARTICIPANT_ORDER_KEY);
  // Rows sealed before versions (an older device): the next unlock re-seals them (row-upgrade.ts).
  if ([...plan.puts.values()].some((rows) => rows.some((r) => r.version === undefined)))
    await db.meta.put(resealPending());
  // Person ids in the clear (a device not yet upgraded): blinded after the next unlock.
  if (hasClearPeople(plan.puts.values())) await db.meta.put(blindPending());
}
