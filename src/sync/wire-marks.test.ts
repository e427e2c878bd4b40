// @vitest-environment node
/**
 * A mark as a format-4 register carries it (wire-marks.ts): smaller than at
 * rest, the same mark when it arrives, and bound to its meeting, id, person
 * value and stamps — changed, it does not open.
 */
import { describe, expect, it } from 'vitest';
import { aParticipant } from '../db/backup/test-data';
import { openRowWithMeta } from '../db/row-meta';
import type { AttendanceRow } from '../db/rows';
import { makeTestVault, setUpOrganisation, type TestVault } from '../testing/vault-fixture';
import { isSlimMark, type SlimMark, type SyncRecord } from './codec';
import { fullMark, slimMark } from './wire-marks';

async function aMark(t: TestVault, reason?: string) {
  const person = aParticipant();
  await t.repos.participants.put(person);
  const meetingId = crypto.randomUUID();
  const mark = await t.repos.attendance.put({
    id: crypto.randomUUID(),
    meetingId,
    participantId: person.id,
    status: reason ? 'excused' : 'present',
    ...(reason ? { reason } : {}),
  });
  const row = (await t.db.registers.get(meetingId))!.marks[0]!;
  return { mark, row, meetingId };
}

const asRecord = (row: AttendanceRow) => row as unknown as SyncRecord;

describe('a mark in a register of format 4', () => {
  it('travels without the ids it repeats, and arrives as the same mark, sealed at rest as before', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const { mark, row, meetingId } = await aMark(t, 'Was ill; her aunt called.');
    const slim = await slimMark(t.vault, meetingId, asRecord(row));
    expect(isSlimMark(slim)).toBe(true);
    const w = (slim as unknown as SlimMark).w;
    // ~115 B of ids fewer than the at-rest payload, and its own id, person value, stamps in the clear.
    expect(row.sealed.length - w.length).toBeGreaterThan(100);
    expect(slim).toMatchObject({
      id: row.id,
      participantId: row.participantId,
      updatedAt: row.updatedAt,
      version: row.version,
    });

    // Another device of the team (the same vault here) seals it at rest again: it opens as the mark.
    const back = await fullMark(t.vault, slim as unknown as SlimMark);
    expect(back.sealed).not.toEqual(row.sealed); // its own IV
    const opened = await openRowWithMeta(t.vault, 'attendance', back as never);
    expect(opened.meta).toEqual({
      version: row.version,
      updatedAt: row.updatedAt,
      author: staffId,
    });
    expect(await t.repos.attendance.check(back as never)).toBe('genuine');
    const { items } = await t.repos.attendance.listWhere('meetingId', meetingId);
    expect(opened.value).toEqual(items[0]);
    expect(items[0]).toEqual(mark);
  });

  it('does not open with another meeting, id, person value, time or version', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const { row, meetingId } = await aMark(t);
    const other = await aMark(t);
    const slim = (await slimMark(t.vault, meetingId, asRecord(row))) as unknown as SlimMark;
    const moved: SlimMark[] = [
      { ...slim, meetingId: other.meetingId },
      { ...slim, id: other.row.id },
      { ...slim, participantId: other.row.participantId },
      { ...slim, updatedAt: slim.updatedAt + 1 },
      { ...slim, version: slim.version + 1 },
    ];
    for (const changed of moved) {
      const back = await fullMark(t.vault, changed);
      expect((back.sealed as Uint8Array).length).toBe(0);
      expect(await t.repos.attendance.check(back as never)).toBe('damaged');
    }
    // As it was, it opens.
    expect(await t.repos.attendance.check((await fullMark(t.vault, slim)) as never)).toBe(
      'genuine',
    );
  });

  it('travels as it is at rest when this device cannot open it or it is of another meeting', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const { row, meetingId } = await aMark(t);
    const broken = new Uint8Array(row.sealed);
    broken[broken.length - 1]! ^= 1;
    const damaged = asRecord({ ...row, sealed: broken });
    expect(await slimMark(t.vault, meetingId, damaged)).toBe(damaged);
    const legacy = asRecord({ ...row, version: undefined });
    expect(await slimMark(t.vault, meetingId, legacy)).toBe(legacy);
    expect(await slimMark(t.vault, crypto.randomUUID(), asRecord(row))).toBe(asRecord(row));
    // Another organisation's vault cannot open it either.
    const elsewhere = makeTestVault();
    await setUpOrganisation(elsewhere);
    expect(await slimMark(elsewhere.vault, meetingId, asRecord(row))).toBe(asRecord(row));
  });
});
