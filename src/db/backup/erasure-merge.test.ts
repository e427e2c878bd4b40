import { afterEach, describe, expect, it, vi } from 'vitest';
import { deriveBits } from '../../crypto/kdf';
import {
  makeTestVault,
  setUpOrganisation,
  testKdfPolicy,
  TEST_PASSPHRASE,
  type TestVault,
} from '../../testing/vault-fixture';
import { erasureStore } from '../erasure';
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

describe('an erased participant on merge', () => {
  it('stays erased after merging a file from a device that edited them later, or whose clock is ahead', async () => {
    const { laptop, tablet, staffId } = await twoDevices();
    const anna = aParticipant({ chosenName: 'Anna' });
    at(2_000);
    await laptop.repos.participants.put(anna);
    await tablet.repos.participants.put(anna);

    // The laptop erases Anna at 3,000; the tablet, its clock an hour ahead,
    // edits her and writes a new screening-linked row about her afterwards.
    at(3_000);
    await erasureStore(laptop.db, laptop.repos).erase(anna.id, staffId);
    at(3_000 + 3_600_000);
    await tablet.repos.participants.put({ ...anna, chosenName: 'Anna edited later' });
    const planId = crypto.randomUUID();
    await tablet.db.plans.put({
      id: planId,
      participantId: anna.id,
      sealed: await tablet.vault.seal('plans', planId, { id: planId, hopes: 'x' }),
      updatedAt: Date.now(),
    });

    // The laptop merges the tablet's file: Anna does not come back.
    at(3_000 + 3_700_000);
    await applyMerge(
      laptop.db,
      laptop.vault,
      await openBackup(laptop.db, await backupOf(tablet), PASS, options),
    );
    expect(await laptop.db.participants.get(anna.id)).toBeUndefined();
    expect(await laptop.db.plans.where('participantId').equals(anna.id).count()).toBe(0);

    // And the tablet, merging the laptop's file, loses her too.
    await applyMerge(
      tablet.db,
      tablet.vault,
      await openBackup(tablet.db, await backupOf(laptop), PASS, options),
    );
    expect(await tablet.db.participants.get(anna.id)).toBeUndefined();
    expect(await tablet.db.plans.where('participantId').equals(anna.id).count()).toBe(0);
  });

  it('takes the Participants list’s kept first ids on the device that merges the erasure', async () => {
    const { laptop, tablet, staffId } = await twoDevices();
    const anna = aParticipant({ chosenName: 'Anna' });
    at(2_000);
    await laptop.repos.participants.put(anna);
    await tablet.repos.participants.put(anna);
    // The tablet's list has been opened: its first ids (sealed) name Anna.
    await tablet.repos.participantOrder.save([[anna.id, null]]);

    at(3_000);
    await erasureStore(laptop.db, laptop.repos).erase(anna.id, staffId);
    at(4_000);
    await applyMerge(
      tablet.db,
      tablet.vault,
      await openBackup(tablet.db, await backupOf(laptop), PASS, options),
    );
    expect(await tablet.db.participants.get(anna.id)).toBeUndefined();
    // No trace of her id is left behind, even sealed: the next full read keeps a new order.
    expect(await tablet.repos.participantOrder.read()).toBeUndefined();
  });
});
