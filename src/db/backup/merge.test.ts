import { afterEach, describe, expect, it, vi } from 'vitest';
import { deriveBits } from '../../crypto/kdf';
import {
  dumpDatabase,
  makeTestVault,
  setUpOrganisation,
  testKdfPolicy,
  TEST_PASSPHRASE,
  type TestVault,
} from '../../testing/vault-fixture';
import { createBackup, openBackup, restoreIntoEmpty } from './backup';
import { applyMerge, planMerge, previewMerge } from './merge';
import { attendanceId } from '../../domain/attendance-rules';
import type { Attendance } from '../../domain/meeting';
import { aParticipant } from './test-data';
import { tombstoneIdFor } from '../tombstones';

const PASS = 'a separate backup passphrase';
const options = { policy: testKdfPolicy, derive: deriveBits };
/** The test vault's KDF floor, which key wraps in a file must meet. */
const merging = { policy: testKdfPolicy };

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock that stamps `updatedAt` and tombstones. */
function at(ms: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
}

async function backupOf(t: TestVault) {
  const file = await createBackup(t.db, t.vault, PASS, options);
  return file.bytes;
}

/** A laptop with the organisation and a tablet restored from the laptop's backup. */
async function twoDevices() {
  at(1_000);
  const laptop = makeTestVault();
  await setUpOrganisation(laptop);
  const tablet = makeTestVault();
  const bytes = await backupOf(laptop);
  await restoreIntoEmpty(tablet.db, await openBackup(tablet.db, bytes, PASS, options));
  await tablet.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
  return { laptop, tablet };
}

describe('merging a backup from another device', () => {
  it('adds new rows, takes the newer edit of each, and carries deletions', async () => {
    const { laptop, tablet } = await twoDevices();
    const [p1, p2, p3, p4] = [1, 2, 3, 4].map((n) => aParticipant({ chosenName: `Person ${n}` }));
    at(2_000);
    await laptop.repos.participants.bulkPut([p1!, p2!, p3!, p4!]);
    await tablet.repos.participants.bulkPut([p1!, p2!, p3!, p4!]);

    // p1: edited on the tablet at 3,000, on the laptop later at 4,000 → the laptop's wins.
    at(3_000);
    await tablet.repos.participants.put({ ...p1!, chosenName: 'P1 tablet' });
    at(4_000);
    await laptop.repos.participants.put({ ...p1!, chosenName: 'P1 laptop' });
    // p2: edited on the laptop at 3,500, on the tablet later at 5,000 → the tablet keeps its own.
    at(3_500);
    await laptop.repos.participants.put({ ...p2!, chosenName: 'P2 laptop' });
    at(5_000);
    await tablet.repos.participants.put({ ...p2!, chosenName: 'P2 tablet' });
    // p3: deleted on the laptop → deleted on the tablet too.
    at(4_500);
    await laptop.repos.participants.delete(p3!.id);
    // p4: deleted on the laptop at 4,500 but edited on the tablet after that → kept.
    await laptop.repos.participants.delete(p4!.id);
    at(6_000);
    await tablet.repos.participants.put({ ...p4!, chosenName: 'P4 edited later' });
    // p5: new on the laptop.
    const p5 = aParticipant({ chosenName: 'Person 5' });
    await laptop.repos.participants.put(p5);
    at(7_000);

    const backup = await openBackup(tablet.db, await backupOf(laptop), PASS, options);
    const before = await dumpDatabase(tablet.db);
    const { summary: preview } = await previewMerge(tablet.db, tablet.vault, backup, merging);
    expect(preview.byTable.participants).toEqual({ added: 1, updated: 1, deleted: 1 });
    expect(preview).toMatchObject({ added: 1, updated: 1, deleted: 1 });
    // The preview wrote nothing.
    expect(await dumpDatabase(tablet.db)).toEqual(before);

    const applied = await applyMerge(tablet.db, tablet.vault, backup, undefined, merging);
    expect(applied).toEqual(preview);
    const names = (await tablet.repos.participants.list()).items.map((p) => p.chosenName).sort();
    expect(names).toEqual(['P1 laptop', 'P2 tablet', 'P4 edited later', 'Person 5']);
    // The deletion travels on: the tablet now holds p3's tombstone for its own next merge.
    expect(
      await tablet.db.tombstones.get(await tombstoneIdFor(tablet.vault, 'participants', p3!.id)),
    ).toMatchObject({
      deletedAt: 4_500,
    });

    // Merging the same file again changes nothing.
    const again = await previewMerge(tablet.db, tablet.vault, backup, merging);
    expect(again.summary).toMatchObject({ added: 0, updated: 0, deleted: 0 });
  });

  it('merges attendance mark by mark, though both devices keep a meeting in one register', async () => {
    const { laptop, tablet } = await twoDevices();
    const meetingId = crypto.randomUUID();
    const mark = (participantId: string, status: Attendance['status']): Attendance => ({
      id: attendanceId(meetingId, participantId),
      meetingId,
      participantId,
      status,
    });
    const [anna, beate, cilda] = [1, 2, 3].map(() => crypto.randomUUID());
    const who = { [anna!]: 'anna', [beate!]: 'beate', [cilda!]: 'cilda' };
    at(2_000);
    for (const device of [laptop, tablet])
      await device.repos.attendance.bulkPut([mark(anna!, 'present'), mark(beate!, 'present')]);
    // The tablet changes Anna's mark and adds Cilda; the laptop, later, changes
    // Beāte's and undoes Anna's mark altogether (a tombstone).
    at(3_000);
    await tablet.repos.attendance.put(mark(anna!, 'late'));
    await tablet.repos.attendance.put(mark(cilda!, 'excused'));
    at(4_000);
    await laptop.repos.attendance.put(mark(beate!, 'absent'));
    await laptop.repos.attendance.deleteMark(mark(anna!, 'present'));
    at(5_000);

    const backup = await openBackup(tablet.db, await backupOf(laptop), PASS, options);
    const applied = await applyMerge(tablet.db, tablet.vault, backup, undefined, merging);
    expect(applied.byTable.attendance).toEqual({ added: 0, updated: 1, deleted: 1 });
    const marks = (await tablet.repos.attendance.listWhere('meetingId', meetingId)).items;
    expect(Object.fromEntries(marks.map((m) => [who[m.participantId], m.status]))).toEqual({
      beate: 'absent',
      cilda: 'excused',
    });
    // And back the other way: the laptop gets Cilda, and keeps Anna deleted.
    const back = await openBackup(laptop.db, await backupOf(tablet), PASS, options);
    await applyMerge(laptop.db, laptop.vault, back, undefined, merging);
    const onLaptop = (await laptop.repos.attendance.listWhere('meetingId', meetingId)).items;
    expect(onLaptop.map((m) => `${who[m.participantId]} ${m.status}`).sort()).toEqual([
      'beate absent',
      'cilda excused',
    ]);
  });

  it('does not bring back on one device a row deleted there after the other device last edited it', async () => {
    const { laptop, tablet } = await twoDevices();
    const p = aParticipant();
    at(2_000);
    await laptop.repos.participants.put(p);
    await tablet.repos.participants.put(p);
    at(3_000);
    await tablet.repos.participants.delete(p.id);
    at(4_000);
    const backup = await openBackup(tablet.db, await backupOf(laptop), PASS, options);
    expect(await applyMerge(tablet.db, tablet.vault, backup, undefined, merging)).toMatchObject({
      added: 0,
      updated: 0,
      deleted: 0,
    });
    expect(await tablet.repos.participants.get(p.id)).toBeUndefined();
  });

  it("carries a staff member's new passphrase, and keeps the replaced key wrap (a file never deletes one)", async () => {
    const { laptop, tablet } = await twoDevices();
    const { staffId } = (laptop.vault.session ?? { staffId: '' }) as { staffId: string };
    at(5_000);
    await laptop.keyring.setPassphrase(staffId, 'a brand new passphrase');
    const backup = await openBackup(tablet.db, await backupOf(laptop), PASS, options);
    await applyMerge(tablet.db, tablet.vault, backup, undefined, merging);
    tablet.vault.lock();
    await tablet.keyring.unlock('a brand new passphrase', 'passphrase');
    expect(tablet.vault.isUnlocked).toBe(true);
    // The old wrap stays until the passphrase is changed on this device too:
    // a file deleting wraps could lock anyone out (trust.ts).
    tablet.vault.lock();
    await tablet.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(tablet.vault.isUnlocked).toBe(true);
  });

  it('works the plan out again when the device changed after the preview', async () => {
    const { laptop, tablet } = await twoDevices();
    const p = aParticipant({ chosenName: 'Before' });
    at(2_000);
    await laptop.repos.participants.put(p);
    await tablet.repos.participants.put(p);
    at(3_000);
    await laptop.repos.participants.put({ ...p, chosenName: 'Laptop edit' });
    const backup = await openBackup(tablet.db, await backupOf(laptop), PASS, options);
    const preview = await previewMerge(tablet.db, tablet.vault, backup, merging);
    expect(preview.summary.updated).toBe(1);
    // Someone edits the same record on the tablet while the preview is on screen.
    at(4_000);
    await tablet.repos.participants.put({ ...p, chosenName: 'Tablet edit, newer' });
    const applied = await applyMerge(tablet.db, tablet.vault, backup, preview, merging);
    expect(applied.updated).toBe(0);
    expect((await tablet.repos.participants.get(p.id))?.chosenName).toBe('Tablet edit, newer');
  });

  it('uses the preview as it was when nothing changed in between', async () => {
    const { laptop, tablet } = await twoDevices();
    at(2_000);
    await laptop.repos.participants.put(aParticipant());
    const backup = await openBackup(tablet.db, await backupOf(laptop), PASS, options);
    const preview = await previewMerge(tablet.db, tablet.vault, backup, merging);
    expect(await applyMerge(tablet.db, tablet.vault, backup, preview, merging)).toBe(
      preview.summary,
    );
  });
});

describe('planMerge', () => {
  const row = (id: string, updatedAt: number) => ({ id, updatedAt, sealed: new Uint8Array([1]) });

  it('counts nothing when both sides are the same', () => {
    const rows = { notes: [row('a', 1), row('b', 2)] };
    expect(planMerge(rows, rows).summary).toMatchObject({
      added: 0,
      updated: 0,
      deleted: 0,
      unchanged: 2,
    });
  });

  it('keeps the higher version of a row even when the other copy was written later', () => {
    const mine = { ...row('a', 100), version: 4 };
    const olderVersionLaterClock = { ...row('a', 900), version: 3 };
    const plan = planMerge({ notes: [mine] }, { notes: [olderVersionLaterClock] });
    expect(plan.puts.size).toBe(0);
    expect(plan.summary.unchanged).toBe(1);
    // The higher version wins however its clock stood; equal versions go to the later write.
    const higher = { ...row('a', 50), version: 5 };
    expect(planMerge({ notes: [mine] }, { notes: [higher] }).puts.get('notes')).toEqual([higher]);
    const sameVersionLater = { ...row('a', 200), version: 4 };
    expect(planMerge({ notes: [mine] }, { notes: [sameVersionLater] }).summary.updated).toBe(1);
  });

  it('never overwrites a key wrap with the same id', () => {
    const mine = { id: 'w', createdAt: '2026-01-01T00:00:00.000Z', wrapped: new Uint8Array([1]) };
    const theirs = { ...mine, createdAt: '2026-02-01T00:00:00.000Z' };
    const plan = planMerge({ keyring: [mine] }, { keyring: [theirs] });
    expect(plan.summary.updated).toBe(0);
    expect(plan.puts.size).toBe(0);
  });

  it('replaces the roster only with a higher version, and never a key wrap posing as one', () => {
    const roster = (version: number, extra: object = {}) => ({
      id: 'coordinator-roster',
      holder: { kind: 'roster' },
      version,
      entries: [{ staffId: 's1', role: 'coordinator', active: true }],
      mac: new Uint8Array(32),
      createdAt: '2026-01-01T00:00:00.000Z',
      ...extra,
    });
    const mine = roster(3);
    expect(planMerge({ keyring: [mine] }, { keyring: [roster(4)] }).puts.get('keyring')).toEqual([
      roster(4),
    ]);
    for (const theirs of [
      roster(3, { createdAt: '2026-02-01T00:00:00.000Z' }),
      roster(2),
      // Past the ceiling no coordinator could sign above it: refused as a bad key.
      roster(2 ** 31 + 1),
      { ...roster(9), holder: { kind: 'staff', staffId: 's1' } },
    ])
      expect(planMerge({ keyring: [mine] }, { keyring: [theirs] }).puts.size).toBe(0);
  });

  it('deletes a row whose tombstone is newer, keeps one edited after the deletion', () => {
    const tomb = (rowId: string, deletedAt: number) => ({
      id: `notes/${rowId}`,
      table: 'notes',
      rowId,
      deletedAt,
    });
    const plan = planMerge(
      { notes: [row('old', 1), row('edited-later', 9)] },
      { notes: [], tombstones: [tomb('old', 5), tomb('edited-later', 5)] },
    );
    expect(plan.deletes.get('notes')?.map((r) => r.id)).toEqual(['old']);
    expect(plan.tombstones).toHaveLength(2);
  });
});
