import { afterEach, describe, expect, it, vi } from 'vitest';
import { deriveBits } from '../../crypto/kdf';
import { attendanceId } from '../../domain/attendance-rules';
import { emptyPlan } from '../../domain/plan';
import {
  makeTestVault,
  setUpOrganisation,
  testKdfPolicy,
  TEST_PASSPHRASE,
  type TestVault,
} from '../../testing/vault-fixture';
import { blindLegacyIndexes } from '../after-unlock';
import { BLIND_KEY, blindOf, isBlind } from '../blind-index';
import { erasureStore } from '../erasure';
import { nextRowMeta, sealEnvelope } from '../row-meta';
import { createBackup, openBackup, restoreIntoEmpty } from './backup';
import { applyMerge } from './merge';
import { aParticipant } from './test-data';

const PASS = 'a separate backup passphrase';
const options = { policy: testKdfPolicy, derive: deriveBits };

afterEach(() => {
  vi.useRealTimers();
});

function at(ms: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
}

async function backupOf(t: TestVault) {
  return (await createBackup(t.db, t.vault, PASS, options)).bytes;
}

async function merge(into: TestVault, from: TestVault) {
  return applyMerge(
    into.db,
    into.vault,
    await openBackup(into.db, await backupOf(from), PASS, options),
  );
}

async function twoDevices() {
  at(1_000);
  const laptop = makeTestVault();
  const { staffId } = await setUpOrganisation(laptop);
  const tablet = makeTestVault();
  await restoreIntoEmpty(
    tablet.db,
    await openBackup(tablet.db, await backupOf(laptop), PASS, options),
  );
  await tablet.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
  return { laptop, tablet, staffId };
}

/** Turns a device's rows about `personId` back into what a v9 device wrote: clear ids, readable mark ids. */
async function asV9(t: TestVault, personId: string, meetingId: string) {
  await t.db.plans.toCollection().modify((r) => {
    r.participantId = personId;
  });
  const id = attendanceId(meetingId, personId);
  const mark = { id, meetingId, participantId: personId, status: 'present' as const };
  const meta = nextRowMeta(undefined, t.vault);
  await t.db.registers.put({
    id: meetingId,
    participantIds: [personId],
    updatedAt: meta.updatedAt,
    marks: [
      {
        id,
        meetingId,
        participantId: personId,
        updatedAt: meta.updatedAt,
        version: meta.version,
        sealed: await sealEnvelope(t.vault, 'attendance', id, mark, meta),
      },
    ],
  });
}

async function byPerson(t: TestVault, personId: string) {
  const [plans, marks] = await Promise.all([
    t.repos.plans.listWhere('participantId', personId),
    t.repos.attendance.listWhere('participantId', personId),
  ]);
  return {
    plans: plans.items.map((p) => p.id),
    marks: marks.items.map((m) => m.status),
    damaged: [...plans.damaged, ...marks.damaged],
  };
}

describe('merging files across the blind-index upgrade', () => {
  it('finds every row of an old-format file by person on a blinded device, and blinds them after the next unlock', async () => {
    const { laptop, tablet } = await twoDevices();
    const anna = aParticipant();
    const meetingId = crypto.randomUUID();
    at(2_000);
    const plan = emptyPlan(anna.id, 'lv');
    await tablet.repos.plans.put(plan);
    await asV9(tablet, anna.id, meetingId);

    at(3_000);
    await merge(laptop, tablet);
    expect(await byPerson(laptop, anna.id)).toEqual({
      plans: [plan.id],
      marks: ['present'],
      damaged: [],
    });
    expect(await laptop.db.meta.get(BLIND_KEY)).toBeDefined();

    await blindLegacyIndexes(laptop.db, laptop.vault);
    expect((await laptop.db.plans.get(plan.id))!.participantId).toBe(
      await blindOf(laptop.vault, anna.id),
    );
    const register = (await laptop.db.registers.get(meetingId))!;
    expect(register.participantIds.every(isBlind)).toBe(true);
    expect(await byPerson(laptop, anna.id)).toEqual({
      plans: [plan.id],
      marks: ['present'],
      damaged: [],
    });
  });

  it('finds every row of a blinded file on a device whose own rows are not blinded yet', async () => {
    const { laptop, tablet } = await twoDevices();
    const anna = aParticipant();
    const meetingId = crypto.randomUUID();
    at(2_000);
    await laptop.repos.plans.put(emptyPlan(anna.id, 'lv'));
    await asV9(laptop, anna.id, meetingId);
    const tabletPlan = emptyPlan(anna.id, 'en');
    await tablet.repos.plans.put(tabletPlan);
    await tablet.repos.attendance.put({
      id: crypto.randomUUID(),
      meetingId: crypto.randomUUID(),
      participantId: anna.id,
      status: 'late',
      time: '16:10',
    });

    at(3_000);
    await merge(laptop, tablet);
    const found = await byPerson(laptop, anna.id);
    expect(found.plans).toHaveLength(2);
    expect(found.plans).toContain(tabletPlan.id);
    expect(found.marks.sort()).toEqual(['late', 'present']);
    expect(found.damaged).toEqual([]);
  });

  it('keeps an erased person erased when the other device edited rows about them later, under blind values', async () => {
    const { laptop, tablet, staffId } = await twoDevices();
    const anna = aParticipant();
    at(2_000);
    await laptop.repos.participants.put(anna);
    await tablet.repos.participants.put(anna);
    const plan = emptyPlan(anna.id, 'lv');
    await laptop.repos.plans.put(plan);
    await tablet.repos.plans.put(plan);

    at(3_000);
    await erasureStore(laptop.db, laptop.repos).erase(anna.id, staffId);
    // An hour later: well past the erasure's tombstones, only its marker beats it.
    at(3_000 + 3_600_000);
    await tablet.repos.plans.put({ ...plan, hopes: 'Edited after the erasure' });
    const blind = await blindOf(tablet.vault, anna.id);
    expect((await tablet.db.plans.get(plan.id))!.participantId).toBe(blind);

    at(3_000 + 3_700_000);
    await merge(laptop, tablet);
    expect(await laptop.db.plans.count()).toBe(0);
    expect(await laptop.db.participants.get(anna.id)).toBeUndefined();

    await merge(tablet, laptop);
    expect(await tablet.db.plans.count()).toBe(0);
    expect(await tablet.db.participants.get(anna.id)).toBeUndefined();
  });

  it('restoring a file from a device not yet upgraded leaves the marker, so the next unlock blinds it', async () => {
    const { laptop } = await twoDevices();
    const anna = aParticipant();
    await laptop.repos.plans.put(emptyPlan(anna.id, 'lv'));
    await asV9(laptop, anna.id, crypto.randomUUID());
    const fresh = makeTestVault();
    await restoreIntoEmpty(
      fresh.db,
      await openBackup(fresh.db, await backupOf(laptop), PASS, options),
    );
    expect(await fresh.db.meta.get(BLIND_KEY)).toBeDefined();
    await fresh.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    await blindLegacyIndexes(fresh.db, fresh.vault);
    expect(await byPerson(fresh, anna.id)).toMatchObject({ marks: ['present'], damaged: [] });
    expect(JSON.stringify(await fresh.db.plans.toArray())).not.toContain(anna.id);
  });
});
