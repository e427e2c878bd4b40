/**
 * Every version of the database, oldest first. Versions are explicit and
 * only ever added: a device may hold data written by any earlier release, and
 * Dexie runs each missing step's upgrade in order when the app opens.
 *
 * Upgrades run before anyone unlocks, so they never decrypt: they move sealed
 * rows as they are. An upgrade must not await anything but Dexie (an await on
 * WebCrypto would end its transaction early).
 */
import type Dexie from 'dexie';
import { crbaRecordCohort, measureRecordParts } from '../crypto/record-ids';
import { packMarks } from './registers';
import { blindPending } from './blind-index';
import { resealPending } from './row-upgrade-marker';
import type {
  AttendanceRow,
  AuditRow,
  MetaRow,
  CrbaRow,
  MeasureRow,
  RegisterRow,
  SealedRow,
  TombstoneRow,
} from './rows';
import { legacyTombstoneId as tombstoneId } from './tombstones';

/**
 * The table a `drafts` row belongs in since v7: finished CRBA and measure
 * records have their own tables; everything else stays a draft.
 */
export function finishedRecordTable(
  draftId: string,
): 'crbaAssessments' | 'measureResponses' | undefined {
  if (crbaRecordCohort(draftId) !== undefined) return 'crbaAssessments';
  if (measureRecordParts(draftId) !== undefined) return 'measureResponses';
  return undefined;
}

/**
 * The finished records among `drafts` rows, as rows of their own tables:
 * same id, same sealed bytes (still sealed as `drafts`, see `sealedAs`), and
 * the plain index their table needs, read from the id. Pure: the v7 upgrade
 * and opening an older backup (upgradeBackupTables) both use it.
 */
export function finishedRecordsIn(drafts: readonly SealedRow[]): {
  crbaAssessments: CrbaRow[];
  measureResponses: MeasureRow[];
} {
  const crbaAssessments: CrbaRow[] = [];
  const measureResponses: MeasureRow[] = [];
  for (const row of drafts) {
    const moved = { ...row, sealedAs: row.sealedAs ?? ('drafts' as const) };
    const cohortId = crbaRecordCohort(row.id);
    const measure = measureRecordParts(row.id);
    if (cohortId !== undefined) crbaAssessments.push({ ...moved, cohortId });
    else if (measure)
      measureResponses.push({
        ...moved,
        cohortId: measure.cohortId,
        participantId: measure.participantId,
      });
  }
  return { crbaAssessments, measureResponses };
}

/** Tombstones of moved drafts, renamed to the records' new table (so a merge still deletes them). */
export function movedTombstones(tombstones: readonly TombstoneRow[]): TombstoneRow[] {
  return tombstones.flatMap((t) => {
    // Only tombstones from before they were keyed name their row (tombstones.ts).
    const rowId = t.rowId;
    const table = t.table === 'drafts' && rowId ? finishedRecordTable(rowId) : undefined;
    return table && rowId ? [{ ...t, id: tombstoneId(table, rowId), table }] : [];
  });
}

type BackupRow = Record<string, unknown> & { id: string };

/**
 * Audit lines from before v9 carry their action and time in the clear as
 * well as sealed: a restore or merge drops the clear copies, as the v9
 * upgrade does on a device.
 */
function withoutClearAuditFields(tables: Record<string, BackupRow[]>): Record<string, BackupRow[]> {
  const audit = tables.audit;
  if (!audit?.some((row) => 'action' in row || 'at' in row)) return tables;
  return {
    ...tables,
    audit: audit.map((row) => {
      const { at: _at, action: _action, ...kept } = row;
      return kept;
    }),
  };
}

/**
 * A backup made before v7 carries finished records in `drafts`: they are
 * filed into their own tables as the v7 upgrade files them on a device, so a
 * restore or merge of an older backup puts them where the reports read them.
 */
export function upgradeBackupTables(
  file: Record<string, BackupRow[]>,
): Record<string, BackupRow[]> {
  const tables = withoutClearAuditFields(file);
  const drafts = (tables.drafts ?? []) as unknown as SealedRow[];
  const moved = finishedRecordsIn(drafts);
  const tombstones = (tables.tombstones ?? []) as unknown as TombstoneRow[];
  const renamed = movedTombstones(tombstones);
  if (moved.crbaAssessments.length + moved.measureResponses.length + renamed.length === 0)
    return tables;
  const stale = new Set(renamed.map((t) => tombstoneId('drafts', t.rowId!)));
  const out = { ...tables };
  if (tables.drafts) out.drafts = tables.drafts.filter((r) => !finishedRecordTable(r.id));
  for (const [name, rows] of Object.entries(moved))
    if (rows.length > 0) out[name] = [...(tables[name] ?? []), ...(rows as unknown as BackupRow[])];
  if (tables.tombstones)
    out.tombstones = [
      ...tables.tombstones.filter((t) => !stale.has(t.id)),
      ...(renamed as unknown as BackupRow[]),
    ];
  return out;
}

export function declareVersions(db: Dexie): void {
  db.version(1).stores({
    meta: '&key',
    keyring: '&id, holder.kind',
    organisation: '&id',
    staff: '&id, updatedAt',
    programmes: '&id, updatedAt',
    cohorts: '&id, status, programmeId, updatedAt',
    participants: '&id, updatedAt',
    meetings: '&id, cohortId, date, updatedAt',
    attendance: '&id, meetingId, participantId, updatedAt',
    notes: '&id, meetingId, updatedAt',
  });
  // v2: the organisation's own closure periods (summer break, staff training).
  db.version(2).stores({
    closures: '&id, updatedAt',
  });
  // v3: referral → screening → enrolment, meeting mode (concerns, follow-ups),
  // healthy-relationship plans, anonymous feedback, the audit log, and form
  // drafts that must survive a lock or reload.
  db.version(3).stores({
    referrals: '&id, participantId, updatedAt',
    screeningTemplates: '&id, updatedAt',
    screenings: '&id, participantId, updatedAt',
    enrolments: '&id, participantId, cohortId, status, updatedAt',
    concerns: '&id, meetingId, participantId, updatedAt',
    followUps: '&id, status, participantId, updatedAt',
    plans: '&id, participantId, updatedAt',
    feedback: '&id, meetingId, updatedAt',
    audit: '&id, at, action, updatedAt',
    drafts: '&id, updatedAt',
    // Deletions, so a merge of backups can carry them (see db/tombstones.ts).
    tombstones: '&id, table, deletedAt',
  });
  // v4: attendance marks move into one register per meeting (registers.ts):
  // IndexedDB's cost is per record, and restoring a backup wrote 60,000.
  db.version(4)
    .stores({ registers: '&id, *participantIds, updatedAt' })
    .upgrade(async (tx) => {
      const marks = await tx.table<AttendanceRow, string>('attendance').toArray();
      await tx.table<RegisterRow, string>('registers').bulkAdd(packMarks(marks));
    });
  // v5: the emptied per-mark table goes (a separate version, so the upgrade
  // above still reads it).
  db.version(5).stores({ attendance: null });
  // v6: individual-support pathways (key worker, agreed support, review date)
  // for young people a screening routed to individual support. A new table:
  // nothing older to move.
  db.version(6).stores({ supportPathways: '&id, participantId, updatedAt' });
  // v7: finished CRBA assessments (team data) and before/after measure answers
  // (coordinators' data) leave `drafts` for tables of their own, found by
  // cohort (and participant). Rows move with their sealed bytes as they are,
  // marked `sealedAs: 'drafts'`; their tombstones are renamed with them.
  db.version(7)
    .stores({
      crbaAssessments: '&id, cohortId, updatedAt',
      measureResponses: '&id, cohortId, participantId, updatedAt',
    })
    .upgrade(async (tx) => {
      const drafts = tx.table<SealedRow, string>('drafts');
      const moved = finishedRecordsIn(await drafts.toArray());
      await tx.table<CrbaRow, string>('crbaAssessments').bulkAdd(moved.crbaAssessments);
      await tx.table<MeasureRow, string>('measureResponses').bulkAdd(moved.measureResponses);
      await drafts.bulkDelete(
        [...moved.crbaAssessments, ...moved.measureResponses].map((r) => r.id),
      );
      const tombstones = tx.table<TombstoneRow, string>('tombstones');
      const renamed = movedTombstones(await tombstones.where('table').equals('drafts').toArray());
      await tombstones.bulkDelete(renamed.map((t) => tombstoneId('drafts', t.rowId!)));
      await tombstones.bulkPut(renamed);
    });
  // v8: every row's version, time and author are sealed with it
  // (row-meta.ts). Sealing needs a key, so this step only notes that the
  // rows already here still have to be re-sealed; the first unlocked session
  // does it (row-upgrade.ts). A database created at v8 has nothing to redo.
  db.version(8)
    .stores({})
    .upgrade(async (tx) => {
      await tx.table<MetaRow, string>('meta').put(resealPending());
    });
  // v9: the audit log's action and time leave the clear columns (they are
  // inside every line's sealed payload already), and lines get their place
  // in a per-device chain (audit-log.ts), found by chain and number. Nothing
  // is decrypted: older lines keep their payload and simply carry no chain.
  db.version(9)
    .stores({ audit: '&id, updatedAt, [chain+seq]' })
    .upgrade(async (tx) => {
      await tx
        .table<AuditRow & { at?: unknown; action?: unknown }, string>('audit')
        .toCollection()
        .modify((row) => {
          delete row.at;
          delete row.action;
        });
    });
  // v10: clear index columns stop holding person ids (blind-index.ts): they
  // hold a keyed hash of the id, and attendance marks get keyed ids. Hashing
  // needs the team key, so this step only leaves the marker; the first
  // unlocked session blinds the rows already here (after-unlock.ts).
  db.version(10)
    .stores({})
    .upgrade(async (tx) => {
      await tx.table<MetaRow, string>('meta').put(blindPending());
    });
}
