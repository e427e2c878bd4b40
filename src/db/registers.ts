/**
 * Attendance is stored as one **register** per meeting: a record keyed by the
 * meeting's id holding that meeting's marks, each mark still its own sealed
 * row (`AttendanceRow`: id, meetingId, participantId, updatedAt, sealed).
 *
 * Why: IndexedDB pays a fixed price per record, not per byte. An organisation
 * of a few years has tens of thousands of marks but only thousands of
 * meetings; twelve marks in one record restore and merge about ten times
 * faster than twelve records (see `npm run bench -- --only=backup`).
 *
 * Everything above this module still sees attendance as rows: the repository
 * has the same reads as every sealed table, a mark is sealed under the table
 * name `attendance` and its own id, tombstones name `attendance/<markId>`,
 * and backups carry the marks as the `attendance` table (body format 1), so
 * a merge is still decided mark by mark, never register by register.
 */
import type { Table } from 'dexie';
import type { z } from 'zod/mini';
import type { Vault } from '../crypto/vault';
import type { Attendance } from '../domain/meeting';
import { tombstonesFor } from './tombstones';
import type { AttendanceRow, RegisterRow, TombstoneRow } from './rows';
import { resealRows, sealedRows, type SealedRepository } from './sealed-table';

/**
 * The tables marks are written to (an AplisDatabase has them). Named here
 * rather than taken from schema.ts, which imports this module's packMarks
 * for its upgrade (migrations.ts).
 */
export interface RegisterTables {
  registers: Table<RegisterRow, string>;
  tombstones: Table<TombstoneRow, string>;
}

/** The logical table the marks belong to: seal context, tombstones and backups use it. */
export const MARKS_TABLE = 'attendance';

/** A table's name as backups, merges and tombstones know it: registers are `attendance`. */
export function logicalName(physical: string): string {
  return physical === 'registers' ? MARKS_TABLE : physical;
}

/** Every mark of every register, as rows. */
export function flattenRegisters(registers: readonly RegisterRow[]): AttendanceRow[] {
  return registers.flatMap((r) => r.marks);
}

function registerOf(meetingId: string, marks: AttendanceRow[]): RegisterRow {
  return {
    id: meetingId,
    participantIds: [...new Set(marks.map((m) => m.participantId))],
    updatedAt: Math.max(...marks.map((m) => m.updatedAt)),
    marks,
  };
}

/** Groups mark rows into one register per meeting. */
export function packMarks(marks: readonly AttendanceRow[]): RegisterRow[] {
  const byMeeting = new Map<string, AttendanceRow[]>();
  for (const mark of marks) {
    const list = byMeeting.get(mark.meetingId);
    if (list) list.push(mark);
    else byMeeting.set(mark.meetingId, [mark]);
  }
  return [...byMeeting].map(([meetingId, list]) => registerOf(meetingId, list));
}

/** A mark to delete: its id, and the meeting whose register holds it. */
export type MarkRef = Pick<AttendanceRow, 'id' | 'meetingId'>;

/**
 * Writes marks into, and deletes marks from, the registers that hold them: a
 * register left empty is deleted. Must run inside a read-write transaction
 * that includes `registers` (and `tombstones` when `tombstone` is set).
 */
export async function changeMarks(
  db: RegisterTables,
  puts: readonly AttendanceRow[],
  deletes: readonly MarkRef[],
  options: { tombstone?: boolean } = {},
): Promise<void> {
  if (puts.length === 0 && deletes.length === 0) return;
  const meetingIds = [...new Set([...puts, ...deletes].map((m) => m.meetingId))];
  const current = await db.registers.bulkGet(meetingIds);
  const registers = new Map<string, Map<string, AttendanceRow>>();
  meetingIds.forEach((id, i) =>
    registers.set(id, new Map((current[i]?.marks ?? []).map((m) => [m.id, m]))),
  );
  for (const mark of puts) registers.get(mark.meetingId)!.set(mark.id, mark);
  for (const mark of deletes) registers.get(mark.meetingId)!.delete(mark.id);
  const keep: RegisterRow[] = [];
  const drop: string[] = [];
  for (const [meetingId, marks] of registers) {
    if (marks.size > 0) keep.push(registerOf(meetingId, [...marks.values()]));
    else if (current[meetingIds.indexOf(meetingId)]) drop.push(meetingId);
  }
  if (keep.length) await db.registers.bulkPut(keep);
  if (drop.length) await db.registers.bulkDelete(drop);
  if (options.tombstone && deletes.length)
    await db.tombstones.bulkPut(
      tombstonesFor(
        MARKS_TABLE,
        deletes.map((m) => m.id),
      ),
    );
}

/**
 * Attendance reads like a sealed table (by meeting or by participant); a mark
 * is deleted with its meeting's id, which names its register.
 */
export interface AttendanceRepository extends Pick<
  SealedRepository<Attendance>,
  'list' | 'listWhere' | 'put' | 'bulkPut' | 'toRow' | 'resealLegacy'
> {
  /** Deletes one mark, and leaves a tombstone so a merge deletes it elsewhere too. */
  deleteMark(mark: MarkRef): Promise<void>;
}

export function attendanceRepository(
  db: RegisterTables,
  vault: Vault,
  schema: () => Promise<z.ZodMiniType<Attendance>>,
): AttendanceRepository {
  const { toRow, sealAt, fromRow, openAll } = sealedRows<Attendance, AttendanceRow>({
    name: MARKS_TABLE,
    schema,
    vault,
    index: (a) => ({ meetingId: a.meetingId, participantId: a.participantId }),
    currentVersion: async (a) =>
      (await db.registers.get(a.meetingId))?.marks.find((m) => m.id === a.id)?.version,
  });
  const table: Table<RegisterRow, string> = db.registers;
  const write = (puts: AttendanceRow[], deletes: MarkRef[] = [], tombstone = false) =>
    table.db.transaction('rw', [table, db.tombstones], () =>
      changeMarks(db, puts, deletes, { tombstone }),
    );

  return {
    toRow,
    async list() {
      return openAll(flattenRegisters(await table.toArray()));
    },
    async listWhere(index, value) {
      if (index === 'meetingId') return openAll((await table.get(value))?.marks ?? []);
      if (index === 'participantId') {
        const registers = await table.where('participantIds').equals(value).toArray();
        return openAll(flattenRegisters(registers).filter((m) => m.participantId === value));
      }
      throw new Error(`attendance has no index "${index}"`);
    },
    async put(value) {
      await write([await toRow(value)]);
      return value;
    },
    async bulkPut(values) {
      // One read of the registers involved for every mark's current version.
      const registers = await table.bulkGet([...new Set(values.map((v) => v.meetingId))]);
      const versions = new Map(
        registers.flatMap((r) => r?.marks ?? []).map((m) => [m.id, m.version]),
      );
      await write(await Promise.all(values.map((v) => sealAt(v, versions.get(v.id)))));
    },
    async resealLegacy() {
      const legacy = flattenRegisters(
        await table.filter((r) => r.marks.some((m) => m.version === undefined)).toArray(),
      );
      return resealRows(legacy, fromRow, toRow, (fresh, before) =>
        table.db.transaction('rw', [table, db.tombstones], async () => {
          const registers = await table.bulkGet([...new Set(before.map((m) => m.meetingId))]);
          const stored = new Map(registers.flatMap((r) => r?.marks ?? []).map((m) => [m.id, m]));
          const unchanged = fresh.filter(
            (_, i) => stored.get(before[i]!.id)?.updatedAt === before[i]!.updatedAt,
          );
          await changeMarks(db, unchanged, []);
        }),
      );
    },
    async deleteMark(mark) {
      await write([], [mark], true);
    },
  };
}
