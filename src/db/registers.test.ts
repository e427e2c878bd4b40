import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { attendanceId } from '../domain/attendance-rules';
import type { Attendance } from '../domain/meeting';
import { makeTestVault, setUpOrganisation } from '../testing/vault-fixture';
import { flattenRegisters, packMarks } from './registers';
import { AplisDatabase, type AttendanceRow } from './schema';
import { tombstoneIdFor } from './tombstones';

const mark = (meetingId: string, participantId: string, status: Attendance['status']) => ({
  id: attendanceId(meetingId, participantId),
  meetingId,
  participantId,
  status,
});

describe('attendance registers', () => {
  it('keeps one register per meeting, read by meeting or by person', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const [m1, m2, anna, beate] = [1, 2, 3, 4].map(() => crypto.randomUUID()) as [
      string,
      string,
      string,
      string,
    ];
    await t.repos.attendance.bulkPut([
      mark(m1, anna, 'present'),
      mark(m1, beate, 'late'),
      mark(m2, anna, 'absent'),
    ]);
    await t.repos.attendance.put(mark(m1, beate, 'excused'));

    expect(await t.db.registers.count()).toBe(2);
    const first = (await t.repos.attendance.listWhere('meetingId', m1)).items;
    expect(first.map((a) => a.status).sort()).toEqual(['excused', 'present']);
    const annas = (await t.repos.attendance.listWhere('participantId', anna)).items;
    expect(annas.map((a) => a.meetingId).sort()).toEqual([m1, m2].sort());
    // Stored sealed: the status is nowhere in the clear.
    expect(JSON.stringify(await t.db.registers.toArray())).not.toContain('excused');
  });

  it('deletes a mark with a tombstone, and the register once it is empty', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const [meetingId, anna] = [crypto.randomUUID(), crypto.randomUUID()];
    const only = mark(meetingId, anna, 'present');
    await t.repos.attendance.put(only);
    await t.repos.attendance.deleteMark(only);
    expect(await t.db.registers.count()).toBe(0);
    expect(
      await t.db.tombstones.get(await tombstoneIdFor(t.vault, 'attendance', only.id)),
    ).toBeDefined();
  });

  it('packs and flattens marks without losing or changing one', () => {
    const rows: AttendanceRow[] = Array.from({ length: 30 }, (_, i) => ({
      id: `mark-${i}`,
      meetingId: `meeting-${i % 4}`,
      participantId: `person-${i % 7}`,
      updatedAt: 1_000 + i,
      sealed: new Uint8Array([i]),
    }));
    const registers = packMarks(rows);
    expect(registers).toHaveLength(4);
    expect(registers.find((r) => r.id === 'meeting-1')).toMatchObject({ updatedAt: 1_029 });
    const back = flattenRegisters(registers).sort((a, b) => a.updatedAt - b.updatedAt);
    expect(back).toEqual(rows);
  });

  it('moves the marks of a device still on schema 3 into registers when it upgrades', async () => {
    const name = `aplis-test-upgrade-${crypto.randomUUID()}`;
    // Schema 3 as it shipped: only the tables this upgrade touches need to hold rows.
    const old = new Dexie(name);
    old.version(3).stores({
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
      closures: '&id, updatedAt',
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
      tombstones: '&id, table, deletedAt',
    });
    const rows: AttendanceRow[] = ['a', 'b', 'c'].map((p, i) => ({
      id: `mark-${p}`,
      meetingId: i < 2 ? 'meeting-1' : 'meeting-2',
      participantId: `person-${p}`,
      updatedAt: 10 + i,
      sealed: new Uint8Array([i, 1, 2]),
    }));
    await old.table('attendance').bulkAdd(rows);
    old.close();

    const db = new AplisDatabase(name);
    await db.open();
    expect(db.tables.map((t) => t.name)).not.toContain('attendance');
    const registers = await db.registers.orderBy('id').toArray();
    expect(registers.map((r) => [r.id, r.participantIds])).toEqual([
      ['meeting-1', ['person-a', 'person-b']],
      ['meeting-2', ['person-c']],
    ]);
    expect(flattenRegisters(registers)).toEqual(rows);
    db.close();
    await Dexie.delete(name);
  });
});
