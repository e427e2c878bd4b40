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
 * name `attendance` and its own id, tombstones name `attendance/<markId>` (keyed),
 * and backups carry the marks as the `attendance` table (body format 1), so
 * a merge is still decided mark by mark, never register by register.
 */
import type { Table } from 'dexie';
import type { z } from 'zod/mini';
import type { Vault } from '../crypto/vault';
import type { Attendance } from '../domain/meeting';
import { blindIndexOf, isClearPerson, markId, personKeys } from './blind-index';
import { compareRowOrder } from './row-meta';
import { tombstonesFor } from './tombstones';
import type { AttendanceRow, RegisterRow, TombstoneRow } from './rows';
import { checkRow, resealRows, sealedRows, type SealedRepository } from './sealed-table';

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
 * that includes `registers` (and `tombstones` when `tombstones` are given:
 * computed before the transaction, tombstones.ts).
 */
export async function changeMarks(
  db: RegisterTables,
  puts: readonly AttendanceRow[],
  deletes: readonly MarkRef[],
  options: { tombstones?: readonly TombstoneRow[] } = {},
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
  if (options.tombstones?.length) await db.tombstones.bulkPut(options.tombstones);
}

/**
 * Attendance reads like a sealed table (by meeting or by participant); a mark
 * is deleted with its meeting's id, which names its register.
 */
export interface AttendanceRepository extends Pick<
  SealedRepository<Attendance, AttendanceRow>,
  'list' | 'listWhere' | 'put' | 'bulkPut' | 'toRow' | 'resealLegacy' | 'check' | 'blindLegacy'
> {
  /**
   * Deletes one mark, and leaves a tombstone so a merge deletes it elsewhere
   * too. With the person, the mark under its keyed id goes as well (a
   * screen may still know it by the id it had before it was written).
   */
  deleteMark(mark: MarkRef & { participantId?: string }): Promise<void>;
}

export function attendanceRepository(
  db: RegisterTables,
  vault: Vault,
  schema: () => Promise<z.ZodMiniType<Attendance>>,
): AttendanceRepository {
  const {
    toRow: sealRow,
    sealAt,
    fromRow,
    openAll,
  } = sealedRows<Attendance, AttendanceRow>({
    name: MARKS_TABLE,
    schema,
    vault,
    index: (a) => ({ meetingId: a.meetingId, participantId: a.participantId }),
    currentVersion: async (a) =>
      (await db.registers.get(a.meetingId))?.marks.find((m) => m.id === a.id)?.version,
  });
  const table: Table<RegisterRow, string> = db.registers;
  const write = (
    puts: AttendanceRow[],
    deletes: MarkRef[] = [],
    tombstones: readonly TombstoneRow[] = [],
  ) =>
    table.db.transaction('rw', [table, db.tombstones], () =>
      changeMarks(db, puts, deletes, { tombstones }),
    );

  /** The mark under its keyed id (blind-index.ts), whatever id the caller had for it. */
  const keyed = async (value: Attendance): Promise<Attendance> => ({
    ...value,
    id: await markId(vault, value.meetingId, value.participantId),
  });
  /**
   * Writes marks under their keyed ids; a caller's mark still under its old
   * id (not yet upgraded, after-unlock.ts) is moved, not doubled.
   */
  async function writeKeyed(values: readonly Attendance[]): Promise<Attendance[]> {
    const marks = await Promise.all(values.map(keyed));
    // One read of the registers involved for every mark's current version.
    const registers = await table.bulkGet([...new Set(values.map((v) => v.meetingId))]);
    const stored = new Map(registers.flatMap((r) => r?.marks ?? []).map((m) => [m.id, m]));
    const moved = values.filter((v, i) => v.id !== marks[i]!.id && stored.has(v.id));
    const rows = await Promise.all(marks.map((m) => sealAt(m, stored.get(m.id)?.version)));
    await write(
      rows,
      moved,
      await tombstonesFor(
        vault,
        MARKS_TABLE,
        moved.map((m) => m.id),
      ),
    );
    return marks;
  }

  return {
    toRow: async (value) => sealRow(await keyed(value)),
    async list() {
      return openAll(flattenRegisters(await table.toArray()));
    },
    async listWhere(index, value) {
      if (index === 'meetingId') return openAll((await table.get(value))?.marks ?? []);
      if (index === 'participantId') {
        // The blind value, and the clear id of marks not yet blinded (blind-index.ts).
        const keys = await personKeys(vault, value);
        const registers = await table.where('participantIds').anyOf(keys).toArray();
        return openAll(flattenRegisters(registers).filter((m) => keys.includes(m.participantId)));
      }
      throw new Error(`attendance has no index "${index}"`);
    },
    async put(value) {
      return (await writeKeyed([value]))[0]!;
    },
    async bulkPut(values) {
      await writeKeyed(values);
    },
    async blindLegacy() {
      // Marks with a clear person id also have the readable id `stableUuid`
      // gave them: opened and sealed again under the keyed id, the old one
      // tombstoned. A mark that does not open keeps its id, blinded only.
      const registers = await table
        .filter((r) => r.marks.some((m) => isClearPerson(m.participantId)))
        .toArray();
      const legacy = flattenRegisters(registers).filter((m) => isClearPerson(m.participantId));
      if (legacy.length === 0) return 0;
      const fresh: AttendanceRow[] = [];
      const old: AttendanceRow[] = [];
      for (const mark of legacy) {
        const value = await fromRow(mark).catch(() => undefined);
        const moved = value && (await keyed(value));
        if (moved && moved.id !== mark.id) {
          fresh.push(await sealAt(moved, mark.version));
          old.push(mark);
        } else fresh.push(await blindIndexOf(vault, mark));
      }
      const tombstones = await tombstonesFor(
        vault,
        MARKS_TABLE,
        old.map((m) => m.id),
      );
      await table.db.transaction('rw', [table, db.tombstones], async () => {
        const now = new Map(
          flattenRegisters(
            (await table.bulkGet([...new Set(legacy.map((m) => m.meetingId))])).filter(
              (r) => r !== undefined,
            ),
          ).map((m) => [m.id, m]),
        );
        // Only marks nobody wrote since they were read.
        const unchanged = (m: AttendanceRow) => now.get(m.id)?.updatedAt === m.updatedAt;
        // A keyed mark already there (marked meanwhile, or merged from
        // another device) stays unless the old one is the newer edit.
        const puts = fresh.filter((f, i) => {
          const before = legacy[i]!;
          const there = f.id === before.id ? undefined : now.get(f.id);
          return unchanged(before) && (!there || compareRowOrder(before, there) > 0);
        });
        const deletes = old.filter(unchanged);
        await changeMarks(db, puts, deletes, {
          tombstones: tombstones.filter((_, i) => unchanged(old[i]!)),
        });
      });
      return legacy.length;
    },
    check: (row) => checkRow(fromRow, row),
    async resealLegacy() {
      const legacy = flattenRegisters(
        await table.filter((r) => r.marks.some((m) => m.version === undefined)).toArray(),
      );
      return resealRows(legacy, fromRow, sealRow, (fresh, before) =>
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
      const ids = new Set([mark.id]);
      if (mark.participantId) ids.add(await markId(vault, mark.meetingId, mark.participantId));
      const stored = new Set((await table.get(mark.meetingId))?.marks.map((m) => m.id));
      const gone = [...ids].filter((id) => stored.has(id) || id === mark.id);
      await write(
        [],
        gone.map((id) => ({ id, meetingId: mark.meetingId })),
        await tombstonesFor(vault, MARKS_TABLE, gone),
      );
    },
  };
}
