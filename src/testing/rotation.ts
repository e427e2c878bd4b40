/**
 * A team whose key was rotated (docs/key-hierarchy.md, "Rotating the team
 * key"), for tests of what comes after: a coordinator, a facilitator who
 * stays and one who leaves, rows written before the rotation, and the keys
 * the leaving person copied on their way out.
 */
import { aParticipant } from '../db/backup/test-data';
import { aCohort, aStaffMember } from './factories';
import { makeTestVault, setUpOrganisation, TEST_PASSPHRASE, type TestVault } from './vault-fixture';

export const LEAVING = 'the leaving person passphrase';
export const STAYING = 'the staying person passphrase';

/** A coordinator (`TEST_PASSPHRASE`) and two facilitators, each of whom has unlocked once. */
export async function teamOnOneDevice(t: TestVault = makeTestVault()) {
  await setUpOrganisation(t);
  const leaving = aStaffMember({ role: 'facilitator', displayName: 'Xenia' });
  const staying = aStaffMember({ role: 'facilitator', displayName: 'Anna' });
  await t.keyring.addStaff(leaving);
  await t.keyring.addStaff(staying);
  await t.keyring.setPassphrase(leaving.id, LEAVING);
  await t.keyring.setPassphrase(staying.id, STAYING);
  t.vault.lock();
  // Each facilitator unlocks once here (their personal key and inbox are made then).
  await t.keyring.unlock(STAYING, 'passphrase');
  t.vault.lock();
  await t.keyring.unlock(LEAVING, 'passphrase');
  // What the leaving person takes with them: every key their session holds.
  const copied = { teamKey: t.vault.dataKey, staffId: leaving.id };
  t.vault.lock();
  return { t, leaving, staying, copied };
}

/** Rows of several kinds, written in the session that is open. */
export async function someRows(t: TestVault, name = 'Rudens') {
  const cohort = aCohort(name);
  await t.repos.cohorts.put(cohort);
  const person = aParticipant({ chosenName: `${name} person` });
  await t.repos.participants.put(person);
  const mark = await t.repos.attendance.put({
    id: crypto.randomUUID(),
    meetingId: crypto.randomUUID(),
    participantId: person.id,
    status: 'present' as const,
  });
  return { cohort, person, mark };
}

/** Deactivates `staffId` in a coordinator's session (left open): the team key rotates. */
export async function deactivate(t: TestVault, staffId: string) {
  if (!t.vault.isUnlocked) await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
  const person = await t.repos.staff.get(staffId);
  await t.repos.staff.put({ ...person!, active: false });
  await t.keyring.revokeStaff(staffId);
}
