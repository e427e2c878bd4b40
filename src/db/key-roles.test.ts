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
import type { Staff } from '../domain/staff';
import { aStaffMember } from '../testing/factories';
import {
  makeTestVault,
  setUpOrganisation,
  TEST_PASSPHRASE,
  type TestVault,
} from '../testing/vault-fixture';
import { RosterError, rosterRole, signRoster } from './keyring-roster';
import type { RosterRow } from './rows';

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
      (w): w is KeyWrap => w.holder.kind === 'staff' || w.holder.kind === 'recovery',
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
      (w): w is KeyWrap => w.holder.kind === 'staff' || w.holder.kind === 'recovery',
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
    await t.keyring.addStaff(colleague);
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
    // Turn the device back into an older one: team wraps only, no box, no roster.
    const old = (await t.db.keyring.toArray()).filter(
      (w) =>
        w.holder.kind === 'box' ||
        w.holder.kind === 'roster' ||
        (w as KeyWrap).key === 'coordinator',
    );
    await t.db.keyring.bulkDelete(old.map((w) => w.id));
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(t.vault.hasCoordinatorKey).toBe(true);
    expect(await t.vault.unseal('cohorts', 'c1', sealedTeamRow)).toEqual({ id: 'c1' });
    const sealed = await t.vault.seal('screenings', 's2', { id: 's2' });
    t.vault.lock();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(await t.vault.unseal('screenings', 's2', sealed)).toEqual({ id: 's2' });
    // …and starts the roster with that coordinator as its only coordinator.
    const roster = await t.keyring.roster();
    expect(roster.entries.filter((e) => e.role === 'coordinator')).toHaveLength(1);
  });

  it('makes no keys of its own while a join’s keyring is still arriving, and the next unlock after it does', async () => {
    const { t } = await organisationWithFacilitator();
    // A joined device whose box, roster and coordinator wraps (rewritten after the
    // first push, so late in the server's feed) have not arrived yet.
    const late = (await t.db.keyring.toArray()).filter(
      (w) =>
        w.holder.kind === 'box' ||
        w.holder.kind === 'roster' ||
        (w as KeyWrap).key === 'coordinator',
    );
    await t.db.keyring.bulkDelete(late.map((w) => w.id));
    const before = (await t.db.keyring.toArray()).map((w) => w.id).sort();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase', { keyringComplete: false });
    // The team's records open; no coordinator key, box or roster made up on this device,
    // which would fork from the organisation's once theirs arrive.
    expect(t.vault.isUnlocked).toBe(true);
    expect(t.vault.hasCoordinatorKey).toBe(false);
    expect((await t.db.keyring.toArray()).map((w) => w.id).sort()).toEqual(before);
    // They arrive; the next unlock opens the organisation's coordinator key from them
    // (its box and roster as they came), and makes what was left: this person's inbox.
    await t.db.keyring.bulkPut(late);
    t.vault.lock();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(t.vault.hasCoordinatorKey).toBe(true);
    for (const row of late) expect(await t.db.keyring.get(row.id)).toEqual(row);
    const made = (await t.db.keyring.toArray()).filter(
      (w) => !before.includes(w.id) && !late.some((l) => l.id === w.id),
    );
    expect(made.map((w) => w.id)).toEqual([expect.stringMatching(/^inbox:/)]);
  });
});

/**
 * The staff rows are team data: a facilitator's session can rewrite their own
 * `role`. Who is given the coordinator key is decided by the roster instead,
 * MAC'd under a subkey of the coordinator key (db/keyring-roster.ts).
 */
describe('the coordinators’ roster', () => {
  const coordinatorWrapsOf = async (t: TestVault, staffId: string) =>
    (await t.db.keyring.toArray()).filter(
      (w) =>
        w.holder.kind === 'staff' &&
        w.holder.staffId === staffId &&
        'key' in w &&
        w.key === 'coordinator',
    );

  /** What a facilitator can do with the team key: rewrite their own staff row. */
  async function facilitatorPromotesThemselves(t: TestVault, facilitator: Staff) {
    await t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    await t.repos.staff.put({ ...facilitator, role: 'coordinator' });
    expect((await t.repos.staff.get(facilitator.id))?.role).toBe('coordinator');
  }

  it('does not give the coordinator key to a facilitator who rewrote their own staff row, at the next passphrase reset', async () => {
    const { t, facilitator, sealedScreening } = await organisationWithFacilitator();
    await facilitatorPromotesThemselves(t, facilitator);
    t.vault.lock();
    // A coordinator resets the facilitator's passphrase, as they would any colleague's.
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    await t.keyring.setPassphrase(facilitator.id, 'the reset facilitator passphrase');
    t.vault.lock();

    expect(await coordinatorWrapsOf(t, facilitator.id)).toEqual([]);
    await t.keyring.unlock('the reset facilitator passphrase', 'passphrase');
    expect(t.vault.hasCoordinatorKey).toBe(false);
    const refused = await error(t.vault.unseal('screenings', SCREENING.id, sealedScreening));
    expect(isVaultError(refused, 'coordinators-only')).toBe(true);
  });

  it('does not make a facilitator "first coordinator" at unlock when they delete the box row and rewrite their role', async () => {
    const { t, facilitator, coordinatorId } = await organisationWithFacilitator();
    await facilitatorPromotesThemselves(t, facilitator);
    // Without the box row, an old device would make a fresh coordinator key at unlock.
    await t.db.keyring.delete('coordinator-box');
    t.vault.lock();
    await t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    expect(t.vault.hasCoordinatorKey).toBe(false);
    expect(await coordinatorWrapsOf(t, facilitator.id)).toEqual([]);
    // No second coordinator key was made; the real coordinator's wrap is untouched.
    expect(await coordinatorWrapsOf(t, coordinatorId)).toHaveLength(1);
    expect(await t.db.keyring.get('coordinator-box')).toBeUndefined();
  });

  it('refuses a roster edited without the coordinator key, and grants nobody from it', async () => {
    const { t, facilitator } = await organisationWithFacilitator();
    await t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    // The facilitator rewrites the roster row: themselves as coordinator, one
    // version on, MAC'd with the best key they have (a subkey of the team key).
    const row = (await t.db.keyring.get('coordinator-roster')) as RosterRow;
    const forged = {
      version: row.version + 1,
      entries: [
        ...row.entries.filter((e) => e.staffId !== facilitator.id),
        { staffId: facilitator.id, role: 'coordinator' as const, active: true },
      ],
    };
    await t.db.keyring.put(await signRoster(await t.vault.teamSubkey('rosterMac'), forged));
    t.vault.lock();

    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const read = await error(t.keyring.roster());
    expect(read).toBeInstanceOf(RosterError);
    expect((read as RosterError).code).toBe('roster-damaged');
    const reset = await error(t.keyring.setPassphrase(facilitator.id, 'the reset passphrase'));
    expect((reset as RosterError).code).toBe('roster-damaged');
    expect(await coordinatorWrapsOf(t, facilitator.id)).toEqual([]);
    // The facilitator's old passphrase still works: nothing was half-done.
    t.vault.lock();
    await t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    expect(t.vault.hasCoordinatorKey).toBe(false);
  });

  it('gives the coordinator key to someone a coordinator makes a coordinator, and takes it back when made a facilitator again', async () => {
    const { t, facilitator, sealedScreening } = await organisationWithFacilitator();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    await t.keyring.setRole(facilitator.id, 'coordinator');
    expect(rosterRole(await t.keyring.roster(), facilitator.id)).toBe('coordinator');
    expect((await t.repos.staff.get(facilitator.id))?.role).toBe('coordinator');
    // They type their passphrase on this device: now the wrap is made.
    await t.keyring.setPassphrase(facilitator.id, 'the promoted passphrase');
    t.vault.lock();
    await t.keyring.unlock('the promoted passphrase', 'passphrase');
    expect(await t.vault.unseal('screenings', SCREENING.id, sealedScreening)).toEqual(SCREENING);
    t.vault.lock();

    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    await t.keyring.setRole(facilitator.id, 'facilitator');
    expect(await coordinatorWrapsOf(t, facilitator.id)).toEqual([]);
    t.vault.lock();
    await t.keyring.unlock('the promoted passphrase', 'passphrase');
    expect(t.vault.hasCoordinatorKey).toBe(false);
  });

  it('lets only a coordinator’s session add a coordinator or change a role', async () => {
    const { t } = await organisationWithFacilitator();
    await t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    const added = await error(t.keyring.addStaff(aStaffMember({ role: 'coordinator' })));
    expect((added as RosterError).code).toBe('coordinators-only');
    const changed = await error(t.keyring.setRole(crypto.randomUUID(), 'coordinator'));
    expect((changed as RosterError).code).toBe('coordinators-only');
  });

  it('builds the roster from who holds a coordinator wrap, not from the staff rows, on a device that has none', async () => {
    const { t, facilitator, coordinatorId } = await organisationWithFacilitator();
    await facilitatorPromotesThemselves(t, facilitator);
    // A device whose roles came before the roster: wraps and box, no roster row.
    await t.db.keyring.delete('coordinator-roster');
    t.vault.lock();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(await t.db.keyring.get('coordinator-roster')).toBeDefined();
    const roster = await t.keyring.roster();
    expect(rosterRole(roster, coordinatorId)).toBe('coordinator');
    expect(rosterRole(roster, facilitator.id)).toBe('facilitator');
    await t.keyring.setPassphrase(facilitator.id, 'the reset facilitator passphrase');
    expect(await coordinatorWrapsOf(t, facilitator.id)).toEqual([]);
  });

  it('marks a deactivated colleague inactive in the roster, so no later reset makes them a coordinator', async () => {
    const { t } = await organisationWithFacilitator();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const colleague = aStaffMember({ role: 'coordinator', displayName: 'Māra' });
    await t.keyring.addStaff(colleague);
    await t.keyring.setPassphrase(colleague.id, 'the colleague passphrase');
    await t.keyring.revokeStaff(colleague.id);
    expect(rosterRole(await t.keyring.roster(), colleague.id)).toBe('facilitator');
    await t.keyring.setPassphrase(colleague.id, 'a passphrase again');
    expect(await coordinatorWrapsOf(t, colleague.id)).toEqual([]);
  });

  it('rebuilds a damaged roster from the wraps after a recovery-code unlock, so a new passphrase can still be set', async () => {
    const { t, coordinatorId, recoveryCode } = await organisationWithFacilitator();
    const row = (await t.db.keyring.get('coordinator-roster')) as RosterRow;
    await t.db.keyring.put({ ...row, version: row.version + 1 });
    await t.keyring.unlock(recoveryCode, 'recovery');
    await t.keyring.setPassphrase(coordinatorId, 'a passphrase after recovery');
    t.vault.lock();
    await t.keyring.unlock('a passphrase after recovery', 'passphrase');
    expect(t.vault.hasCoordinatorKey).toBe(true);
    expect(rosterRole(await t.keyring.roster(), coordinatorId)).toBe('coordinator');
  });
});
