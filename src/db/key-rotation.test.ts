// @vitest-environment node
/**
 * Rotating the team key when a facilitator is deactivated (issue 16,
 * docs/key-hierarchy.md "Rotating the team key"): from the point of view of
 * the person leaving, who copied every key their session ever held.
 */
import { describe, expect, it } from 'vitest';
import { isVaultError, NewerKeyError } from '../crypto/errors';
import { openRow, sealedGeneration } from '../crypto/seal';
import { aCohort, aStaffMember } from '../testing/factories';
import { makeTestVault, setUpOrganisation, TEST_PASSPHRASE } from '../testing/vault-fixture';
import { Vault } from '../crypto/vault';
import { deriveBits } from '../crypto/kdf';
import { testKdfPolicy } from '../testing/vault-fixture';
import { openGenerations, refreshGenerations } from './keyring-generations';
import { keyringStore } from './keyring-store';
import { createBackup, openBackup, restoreIntoEmpty } from './backup/backup';
import { applyMerge } from './backup/merge';
import { createRepositories } from './repositories';

const LEAVING = 'the leaving person passphrase';
const STAYING = 'the staying person passphrase';
const FILE_PASS = 'a separate backup passphrase';
const fileOptions = { policy: testKdfPolicy, derive: deriveBits };

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

/** A team of a coordinator and two facilitators, each of whom has unlocked once. */
async function team() {
  const t = makeTestVault();
  const { recoveryCode } = await setUpOrganisation(t);
  const leaving = aStaffMember({ role: 'facilitator', displayName: 'Xenia' });
  const staying = aStaffMember({ role: 'facilitator', displayName: 'Anna' });
  await t.keyring.addStaff(leaving);
  await t.keyring.addStaff(staying);
  await t.keyring.setPassphrase(leaving.id, LEAVING);
  await t.keyring.setPassphrase(staying.id, STAYING);
  const before = aCohort('Written before');
  await t.repos.cohorts.put(before);
  t.vault.lock();
  // Each facilitator unlocks once here (their personal key and inbox are made then).
  await t.keyring.unlock(STAYING, 'passphrase');
  t.vault.lock();
  await t.keyring.unlock(LEAVING, 'passphrase');
  // What the leaving person takes with them: every key their session holds, and the keyring.
  const copied = {
    teamKey: t.vault.dataKey,
    personalKey: t.vault.personalKey!,
    staffId: leaving.id,
  };
  t.vault.lock();
  return { t, recoveryCode: recoveryCode, leaving, staying, before, copied };
}

async function deactivate(t: ReturnType<typeof makeTestVault>, staffId: string) {
  await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
  const person = await t.repos.staff.get(staffId);
  await t.repos.staff.put({ ...person!, active: false });
  await t.keyring.revokeStaff(staffId);
}

describe('rotating the team key when a facilitator is deactivated', () => {
  it('seals what is written afterwards under a key the leaving person never had', async () => {
    const { t, leaving, copied } = await team();
    await deactivate(t, leaving.id);
    expect(t.vault.teamGeneration).toBe(2);
    const after = aCohort('Written after');
    await t.repos.cohorts.put(after);

    const row = await t.db.cohorts.get(after.id);
    expect(sealedGeneration(row!.sealed)).toBe(2);
    // The old team key opens nothing written since, as generation 1 or otherwise.
    const withOldKey = await rejection(
      openRow(copied.teamKey, 'cohorts', after.id, row!.sealed, row!.version),
    );
    expect(isVaultError(withOldKey, 'damaged-record')).toBe(true);
    // Nor does anything in the keyring give it the new key: not with the old
    // team key's grants, not with their personal key's inbox.
    const reached = await openGenerations(await t.db.keyring.toArray(), {
      staffId: copied.staffId,
      personalKey: copied.personalKey,
    });
    expect(reached.size).toBe(0);
  });

  it('lets the staying facilitator, the coordinator and the recovery code read old and new rows', async () => {
    const { t, leaving, before, recoveryCode } = await team();
    await deactivate(t, leaving.id);
    const after = aCohort('Written after');
    await t.repos.cohorts.put(after);
    t.vault.lock();

    for (const [secret, via] of [
      [STAYING, 'passphrase'],
      [TEST_PASSPHRASE, 'passphrase'],
      [recoveryCode, 'recovery'],
    ] as const) {
      await t.keyring.unlock(secret, via);
      expect(t.vault.teamGeneration).toBe(2);
      expect((await t.repos.cohorts.get(before.id))?.name).toBe('Written before');
      expect((await t.repos.cohorts.get(after.id))?.name).toBe('Written after');
      t.vault.lock();
    }

    // What the staying facilitator writes is sealed under the new key as well.
    await t.keyring.unlock(STAYING, 'passphrase');
    const theirs = aCohort('Anna’s group');
    await t.repos.cohorts.put(theirs);
    expect(sealedGeneration((await t.db.cohorts.get(theirs.id))!.sealed)).toBe(2);
  });

  it('opens nothing with the leaving person’s passphrase', async () => {
    const { t, leaving } = await team();
    await deactivate(t, leaving.id);
    t.vault.lock();
    const refused = await rejection(t.keyring.unlock(LEAVING, 'passphrase'));
    expect(isVaultError(refused, 'wrong-passphrase')).toBe(true);
    expect(t.vault.isUnlocked).toBe(false);
  });

  it('gives a colleague whose passphrase is set after the rotation every generation', async () => {
    const { t, leaving, before } = await team();
    await deactivate(t, leaving.id);
    const after = aCohort('Written after');
    await t.repos.cohorts.put(after);
    const newcomer = aStaffMember({ role: 'facilitator', displayName: 'Beata' });
    await t.keyring.addStaff(newcomer);
    await t.keyring.setPassphrase(newcomer.id, 'the newcomer passphrase');
    t.vault.lock();

    await t.keyring.unlock('the newcomer passphrase', 'passphrase');
    expect((await t.repos.cohorts.get(before.id))?.name).toBe('Written before');
    expect((await t.repos.cohorts.get(after.id))?.name).toBe('Written after');
  });

  it('rotates again on a second deactivation, and the first leaver still reads nothing new', async () => {
    const { t, leaving, staying, copied } = await team();
    await deactivate(t, leaving.id);
    await t.keyring.revokeStaff(staying.id);
    expect(t.vault.teamGeneration).toBe(3);
    const after = aCohort('After both');
    await t.repos.cohorts.put(after);
    const row = (await t.db.cohorts.get(after.id))!;
    expect(sealedGeneration(row.sealed)).toBe(3);
    expect(
      await openGenerations(await t.db.keyring.toArray(), {
        staffId: copied.staffId,
        personalKey: copied.personalKey,
      }),
    ).toEqual(new Map());
    t.vault.lock();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect((await t.repos.cohorts.get(after.id))?.name).toBe('After both');
  });

  it('lets a session open before the rotation pick the new key up, or says to unlock again', async () => {
    const { t, leaving, before } = await team();
    // Another tab (or a device that just synced): the staying facilitator is signed in there.
    const tab = new Vault();
    await keyringStore(t.db, tab, { policy: testKdfPolicy, derive: deriveBits }).unlock(
      STAYING,
      'passphrase',
    );
    expect(tab.teamGeneration).toBe(1);
    await deactivate(t, leaving.id);
    const after = aCohort('Written after');
    await t.repos.cohorts.put(after);

    const theirRepos = createRepositories(t.db, tab);
    // Until it looks at the keyring, that session cannot open the new row and says so.
    await expect(theirRepos.cohorts.get(after.id)).rejects.toBeInstanceOf(NewerKeyError);
    expect(tab.newerKeySeen).toBe(2);
    // Its inbox's grant opens with the personal key it already holds: no passphrase needed.
    expect(await refreshGenerations(t.db, tab)).toBe(0);
    expect(tab.teamGeneration).toBe(2);
    expect((await theirRepos.cohorts.get(after.id))?.name).toBe('Written after');
    expect((await theirRepos.cohorts.get(before.id))?.name).toBe('Written before');
  });

  it('names a colleague the rotation could not reach, whose session is told to unlock again', async () => {
    const { t, leaving } = await team();
    // Someone whose passphrase was set but who never unlocked: no inbox yet.
    const away = aStaffMember({ role: 'facilitator', displayName: 'Olga' });
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    await t.keyring.addStaff(away);
    await t.keyring.setPassphrase(away.id, 'the away passphrase');
    t.vault.lock();
    await deactivate(t, leaving.id);
    expect(await t.keyring.staffWithoutNewestKey()).toEqual(new Set([away.id]));
    t.vault.lock();

    await t.keyring.unlock('the away passphrase', 'passphrase');
    expect(t.vault.teamGeneration).toBe(1);
    expect(await refreshGenerations(t.db, t.vault)).toBe(2);
    t.vault.lock();
    // A coordinator setting their passphrase again gives them every generation.
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    await t.keyring.setPassphrase(away.id, 'the away passphrase, again');
    expect(await t.keyring.staffWithoutNewestKey()).toEqual(new Set());
    t.vault.lock();
    await t.keyring.unlock('the away passphrase, again', 'passphrase');
    expect(t.vault.teamGeneration).toBe(2);
  });

  it('carries every generation through a backup: restored, and merged into a device on the old key', async () => {
    const { t: laptop, leaving, before } = await team();
    // A tablet restored from the laptop before the rotation.
    await laptop.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const tablet = makeTestVault();
    const early = await createBackup(laptop.db, laptop.vault, FILE_PASS, fileOptions);
    await restoreIntoEmpty(
      tablet.db,
      await openBackup(tablet.db, early.bytes, FILE_PASS, fileOptions),
    );
    laptop.vault.lock();
    await deactivate(laptop, leaving.id);
    const after = aCohort('Written after');
    await laptop.repos.cohorts.put(after);
    const file = await createBackup(laptop.db, laptop.vault, FILE_PASS, fileOptions);

    // Restored into an empty device: the staying facilitator reads both.
    const fresh = makeTestVault();
    await restoreIntoEmpty(
      fresh.db,
      await openBackup(fresh.db, file.bytes, FILE_PASS, fileOptions),
    );
    await fresh.keyring.unlock(STAYING, 'passphrase');
    expect((await fresh.repos.cohorts.get(before.id))?.name).toBe('Written before');
    expect((await fresh.repos.cohorts.get(after.id))?.name).toBe('Written after');

    // Merged into the tablet, whose coordinator session holds only the old key.
    await tablet.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(tablet.vault.teamGeneration).toBe(1);
    const opened = await openBackup(tablet.db, file.bytes, FILE_PASS, fileOptions);
    await applyMerge(tablet.db, tablet.vault, opened, undefined, { policy: testKdfPolicy });
    expect(await tablet.db.cohorts.get(after.id)).toBeDefined();
    expect(await refreshGenerations(tablet.db, tablet.vault)).toBe(0);
    expect((await tablet.repos.cohorts.get(after.id))?.name).toBe('Written after');
    tablet.vault.lock();
    await tablet.keyring.unlock(STAYING, 'passphrase');
    expect((await tablet.repos.cohorts.get(after.id))?.name).toBe('Written after');
  });
});

describe('rotating the team key when a coordinator is deactivated', () => {
  const LEAVING_COORDINATOR = 'the leaving coordinator passphrase';
  const OTHER_COORDINATOR = 'the other coordinator passphrase';

  /** The team above with two more coordinators, one of whom leaves with every key she held. */
  async function withCoordinators() {
    const base = await team();
    const { t } = base;
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const leavingCoordinator = aStaffMember({ role: 'coordinator', displayName: 'Maija' });
    const otherCoordinator = aStaffMember({ role: 'coordinator', displayName: 'Olga' });
    for (const [person, secret] of [
      [leavingCoordinator, LEAVING_COORDINATOR],
      [otherCoordinator, OTHER_COORDINATOR],
    ] as const) {
      await t.keyring.addStaff(person);
      await t.keyring.setPassphrase(person.id, secret);
    }
    t.vault.lock();
    await t.keyring.unlock(OTHER_COORDINATOR, 'passphrase');
    t.vault.lock();
    await t.keyring.unlock(LEAVING_COORDINATOR, 'passphrase');
    expect(t.vault.hasCoordinatorKey).toBe(true);
    const copied = {
      teamKey: t.vault.dataKey,
      coordinatorKey: t.vault.coordinatorKey,
      personalKey: t.vault.personalKey!,
      staffId: leavingCoordinator.id,
      // Coordinators are shown the recovery code; she may know it.
      recoveryCode: base.recoveryCode,
    };
    t.vault.lock();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const person = await t.repos.staff.get(leavingCoordinator.id);
    await t.repos.staff.put({ ...person!, active: false });
    const result = await t.keyring.deactivateStaff(leavingCoordinator.id);
    const after = aCohort('Written after');
    await t.repos.cohorts.put(after);
    t.vault.lock();
    return { ...base, copied, result, after };
  }

  it('rotates: nothing written afterwards opens with any key she held, nor does her passphrase or the old recovery code', async () => {
    const { t, copied, result, after } = await withCoordinators();
    expect(result.removed).toBeGreaterThan(0);
    const row = (await t.db.cohorts.get(after.id))!;
    expect(sealedGeneration(row.sealed)).toBe(2);
    const withOldKey = await rejection(
      openRow(copied.teamKey, 'cohorts', after.id, row.sealed, row.version),
    );
    expect(isVaultError(withOldKey, 'damaged-record')).toBe(true);
    // No grant in the keyring opens with her coordinator key, personal key or inbox.
    const reached = await openGenerations(await t.db.keyring.toArray(), {
      staffId: copied.staffId,
      personalKey: copied.personalKey,
      coordinatorKey: copied.coordinatorKey,
    });
    expect([...reached.keys()]).not.toContain(2);
    // Her passphrase and the recovery code she may know open nothing here.
    for (const [secret, via] of [
      [LEAVING_COORDINATOR, 'passphrase'],
      [copied.recoveryCode, 'recovery'],
    ] as const) {
      const refused = await rejection(t.keyring.unlock(secret, via));
      expect(isVaultError(refused, 'wrong-passphrase')).toBe(true);
      expect(t.vault.isUnlocked).toBe(false);
    }
  });

  it('gives a new recovery code, and everyone staying reads old and new rows', async () => {
    const { t, result, before, after, recoveryCode } = await withCoordinators();
    expect(result.recoveryCode).toMatch(/^[0-9A-Z-]+$/);
    expect(result.recoveryCode).not.toBe(recoveryCode);
    for (const [secret, via] of [
      [STAYING, 'passphrase'],
      [TEST_PASSPHRASE, 'passphrase'],
      [OTHER_COORDINATOR, 'passphrase'],
      [result.recoveryCode!, 'recovery'],
    ] as const) {
      await t.keyring.unlock(secret, via);
      expect(t.vault.teamGeneration, via).toBe(2);
      expect((await t.repos.cohorts.get(before.id))?.name).toBe('Written before');
      expect((await t.repos.cohorts.get(after.id))?.name).toBe('Written after');
      t.vault.lock();
    }
  });

  it('after a coordinator left, a later rotation seals no grant under the coordinator key either', async () => {
    const { t, copied, leaving, result } = await withCoordinators();
    await deactivate(t, leaving.id);
    expect(t.vault.teamGeneration).toBe(3);
    const reached = await openGenerations(await t.db.keyring.toArray(), {
      coordinatorKey: copied.coordinatorKey,
    });
    expect([...reached.keys()]).not.toContain(3);
    t.vault.lock();
    // The recovery code given at the first rotation was replaced again: the facilitator's
    // deactivation is a plain revokeStaff, so the newest code is not known to this test.
    const refused = await rejection(t.keyring.unlock(result.recoveryCode!, 'recovery'));
    expect(isVaultError(refused, 'wrong-passphrase')).toBe(true);
  });
});
