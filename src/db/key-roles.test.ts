// @vitest-environment node
/**
 * Roles in the keys: coordinators' records (screenings, referrals, concerns,
 * follow-ups, the audit log) are sealed under a second data key that only
 * coordinators' passphrases and the recovery code unwrap.
 */
import { describe, expect, it } from 'vitest';
import { isVaultError } from '../crypto/errors';
import { personalDraftId } from '../crypto/record-ids';
import { deriveBits, kekFromBits } from '../crypto/kdf';
import { unwrapWithKek, type KeyWrap } from '../crypto/keyring';
import { openRow } from '../crypto/seal';
import { aStaffMember } from '../testing/factories';
import { makeTestVault, setUpOrganisation, TEST_PASSPHRASE } from '../testing/vault-fixture';

const FACILITATOR_PASSPHRASE = 'the facilitator passphrase';
const SCREENING = { id: 'screening-1', answer: 'Still in contact with X' };

async function organisationWithFacilitator() {
  const t = makeTestVault();
  const { staffId: coordinatorId, recoveryCode } = await setUpOrganisation(t);
  const facilitator = aStaffMember({ role: 'facilitator', displayName: 'Anna' });
  await t.repos.staff.put(facilitator);
  await t.keyring.setPassphrase(facilitator.id, FACILITATOR_PASSPHRASE);
  const sealedScreening = await t.vault.seal('screenings', SCREENING.id, SCREENING);
  const sealedTeamRow = await t.vault.seal('cohorts', 'c1', { id: 'c1' });
  t.vault.lock();
  return { t, coordinatorId, recoveryCode, facilitator, sealedScreening, sealedTeamRow };
}

const error = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

describe('roles in the keys', () => {
  it('lets a coordinator open coordinators’ records and team records', async () => {
    const { t, sealedScreening, sealedTeamRow } = await organisationWithFacilitator();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(t.vault.hasCoordinatorKey).toBe(true);
    expect(await t.vault.unseal('screenings', SCREENING.id, sealedScreening)).toEqual(SCREENING);
    expect(await t.vault.unseal('cohorts', 'c1', sealedTeamRow)).toEqual({ id: 'c1' });
  });

  it('refuses a facilitator the coordinators’ records but opens the team’s', async () => {
    const { t, sealedScreening, sealedTeamRow } = await organisationWithFacilitator();
    await t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    expect(t.vault.hasCoordinatorKey).toBe(false);
    expect(await t.vault.unseal('cohorts', 'c1', sealedTeamRow)).toEqual({ id: 'c1' });
    const refused = await error(t.vault.unseal('screenings', SCREENING.id, sealedScreening));
    expect(isVaultError(refused, 'coordinators-only')).toBe(true);
  });

  it('gives a facilitator’s passphrase nothing that opens coordinators’ rows, even with the database in hand', async () => {
    const { t, facilitator, sealedScreening } = await organisationWithFacilitator();
    const wraps = (await t.db.keyring.toArray()).filter(
      (w): w is KeyWrap => w.holder.kind !== 'box',
    );
    const coordinatorWraps = wraps.filter((w) => w.key === 'coordinator');
    // The coordinator and the recovery code hold one each; the facilitator none.
    expect(coordinatorWraps.map((w) => w.holder.kind).sort()).toEqual(['recovery', 'staff']);
    expect(
      coordinatorWraps.some(
        (w) => w.holder.kind === 'staff' && w.holder.staffId === facilitator.id,
      ),
    ).toBe(false);
    // Try the facilitator's key-encryption key on every wrap there is: it opens
    // the team key only, and the team key does not open the screening.
    const own = wraps.find(
      (w) => w.holder.kind === 'staff' && w.holder.staffId === facilitator.id,
    )!;
    const kek = await kekFromBits(await deriveBits(FACILITATOR_PASSPHRASE, own.kdf));
    const opened: CryptoKey[] = [];
    for (const wrap of wraps) {
      const key = await unwrapWithKek(wrap, kek).catch(() => null);
      if (key) opened.push(key);
    }
    expect(opened).toHaveLength(1);
    await expect(
      openRow(opened[0]!, 'screenings', SCREENING.id, sealedScreening),
    ).rejects.toThrow();
  });

  it('keeps a half-typed draft to the person who typed it, across a lock, and from everyone else', async () => {
    const { t, facilitator } = await organisationWithFacilitator();
    await t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    const id = personalDraftId(facilitator.id, 'concern:m1');
    const draft = { id, value: { seenOrSaid: 'She said an older man waits outside' } };
    await t.repos.drafts.put({ ...draft, savedAt: new Date().toISOString() });
    t.vault.lock();

    // The coordinator, holding every other key, cannot open it.
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const byCoordinator = await error(t.repos.drafts.get(id));
    expect(byCoordinator).not.toBeNull();
    t.vault.lock();

    // The facilitator can, after the lock, and after changing their own passphrase.
    await t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    expect((await t.repos.drafts.get(id))?.value).toEqual(draft.value);
    await t.keyring.setPassphrase(facilitator.id, 'a newer facilitator passphrase');
    t.vault.lock();
    await t.keyring.unlock('a newer facilitator passphrase', 'passphrase');
    expect((await t.repos.drafts.get(id))?.value).toEqual(draft.value);

    // Their key-encryption key opens the team key and their own personal key, nothing else.
    const wraps = (await t.db.keyring.toArray()).filter(
      (w): w is KeyWrap => w.holder.kind !== 'box',
    );
    const own = wraps.find(
      (w) => w.holder.kind === 'staff' && w.holder.staffId === facilitator.id && !w.key,
    )!;
    const kek = await kekFromBits(await deriveBits('a newer facilitator passphrase', own.kdf));
    const opened: (string | undefined)[] = [];
    for (const wrap of wraps)
      if (await unwrapWithKek(wrap, kek).catch(() => null)) opened.push(wrap.key ?? 'team');
    expect(opened.sort()).toEqual(['personal', 'team']);
  });

  it('has a personal key from the first moment: straight after set-up, and after a recovery unlock', async () => {
    const t = makeTestVault();
    const { staffId, recoveryCode } = await setUpOrganisation(t);
    const id = personalDraftId(staffId, 'concern:m1');
    const value = { seenOrSaid: 'typed before any unlock' };
    await t.repos.drafts.put({ id, value, savedAt: new Date().toISOString() });
    t.vault.lock();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect((await t.repos.drafts.get(id))?.value).toEqual(value);
    t.vault.lock();

    // The recovery code opens no personal key; a new passphrase brings a new one at once.
    await t.keyring.unlock(recoveryCode, 'recovery');
    expect(await error(t.repos.drafts.get(id))).not.toBeNull();
    await t.keyring.setPassphrase(staffId, 'a passphrase after recovery');
    const fresh = personalDraftId(staffId, 'concern:m2');
    await t.repos.drafts.put({ id: fresh, value, savedAt: new Date().toISOString() });
    t.vault.lock();
    await t.keyring.unlock('a passphrase after recovery', 'passphrase');
    expect((await t.repos.drafts.get(fresh))?.value).toEqual(value);
  });

  it('lets a facilitator raise a concern that only coordinators can read back', async () => {
    const { t } = await organisationWithFacilitator();
    await t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    const concern = { id: 'concern-1', text: 'Said an older friend asks her to bring others' };
    const sealed = await t.vault.seal('concerns', concern.id, concern);
    expect(
      isVaultError(
        await error(t.vault.unseal('concerns', concern.id, sealed)),
        'coordinators-only',
      ),
    ).toBe(true);
    t.vault.lock();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(await t.vault.unseal('concerns', concern.id, sealed)).toEqual(concern);
    // Moved onto another row, the box does not open.
    await expect(t.vault.unseal('concerns', 'concern-2', sealed)).rejects.toThrow();
  });

  it('opens coordinators’ records with the recovery code, and with the new code after a reset', async () => {
    const { t, coordinatorId, recoveryCode, sealedScreening } = await organisationWithFacilitator();
    await t.keyring.unlock(recoveryCode, 'recovery');
    expect(await t.vault.unseal('screenings', SCREENING.id, sealedScreening)).toEqual(SCREENING);
    const { recoveryCode: next } = await t.keyring.setPassphrase(
      coordinatorId,
      'a brand new passphrase',
    );
    t.vault.lock();
    await t.keyring.unlock(next!, 'recovery');
    expect(t.vault.hasCoordinatorKey).toBe(true);
    t.vault.lock();
    await t.keyring.unlock('a brand new passphrase', 'passphrase');
    expect(await t.vault.unseal('screenings', SCREENING.id, sealedScreening)).toEqual(SCREENING);
  });

  it('gives a coordinator added later the coordinator key, and removes both wraps when they leave', async () => {
    const { t, sealedScreening } = await organisationWithFacilitator();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const colleague = aStaffMember({ role: 'coordinator', displayName: 'Māra' });
    await t.repos.staff.put(colleague);
    await t.keyring.setPassphrase(colleague.id, 'the colleague passphrase');
    t.vault.lock();
    await t.keyring.unlock('the colleague passphrase', 'passphrase');
    expect(await t.vault.unseal('screenings', SCREENING.id, sealedScreening)).toEqual(SCREENING);
    t.vault.lock();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    await t.keyring.revokeStaff(colleague.id);
    const left = (await t.db.keyring.toArray()).filter(
      (w) => w.holder.kind === 'staff' && w.holder.staffId === colleague.id,
    );
    expect(left).toEqual([]);
  });

  it('makes a coordinator key on the first coordinator unlock of a device set up before roles were in the keys', async () => {
    const { t, sealedTeamRow } = await organisationWithFacilitator();
    // Turn the device back into an older one: team wraps only, no box.
    const old = (await t.db.keyring.toArray()).filter(
      (w) => w.holder.kind === 'box' || (w as KeyWrap).key === 'coordinator',
    );
    await t.db.keyring.bulkDelete(old.map((w) => w.id));
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(t.vault.hasCoordinatorKey).toBe(true);
    expect(await t.vault.unseal('cohorts', 'c1', sealedTeamRow)).toEqual({ id: 'c1' });
    const sealed = await t.vault.seal('screenings', 's2', { id: 's2' });
    t.vault.lock();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(await t.vault.unseal('screenings', 's2', sealed)).toEqual({ id: 's2' });
  });
});
