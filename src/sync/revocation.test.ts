// @vitest-environment node
/**
 * Deactivating a colleague reaches every device (issue #16,
 * docs/key-hierarchy.md "Revocation travels"): the roster that marks them
 * inactive replaces the older one through sync, and every device then drops
 * their key wraps — so their passphrase opens nothing anywhere, while
 * everyone else's still does.
 */
import { describe, expect, it } from 'vitest';
import { isVaultError } from '../crypto/errors';
import { aCohort, aStaffMember } from '../testing/factories';
import { allDocs, deviceOn, twoDevices, type Device } from '../testing/sync-devices';
import { makeTestVault, TEST_PASSPHRASE } from '../testing/vault-fixture';
import { decodeDoc } from './codec';
import { secretSyncKeys } from '../crypto/sync-cipher';

const LEAVING = 'the leaving person passphrase';
const STAYING = 'the staying person passphrase';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

/** Sync both ways until both devices have seen each other's last writes. */
async function settle(a: Device, b: Device) {
  await a.engine.syncNow();
  await b.engine.syncNow();
  await a.engine.syncNow();
}

/**
 * Two devices of a team of a coordinator and two facilitators, each of whom
 * has unlocked once on the laptop (personal keys and inboxes made there), all
 * of it synced to the tablet.
 */
async function team() {
  const devices = await twoDevices();
  const { laptop, tablet } = devices;
  const leaving = aStaffMember({ role: 'facilitator', displayName: 'Xenia' });
  const staying = aStaffMember({ role: 'facilitator', displayName: 'Anna' });
  await laptop.t.keyring.addStaff(leaving);
  await laptop.t.keyring.addStaff(staying);
  await laptop.t.keyring.setPassphrase(leaving.id, LEAVING);
  await laptop.t.keyring.setPassphrase(staying.id, STAYING);
  const before = aCohort('Written before');
  await laptop.t.repos.cohorts.put(before);
  for (const secret of [STAYING, LEAVING]) {
    laptop.t.vault.lock();
    await laptop.t.keyring.unlock(secret, 'passphrase');
  }
  laptop.t.vault.lock();
  await laptop.t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
  await settle(laptop, tablet);
  return { ...devices, leaving, staying, before };
}

async function deactivate(device: Device, staffId: string) {
  const person = await device.t.repos.staff.get(staffId);
  await device.t.repos.staff.put({ ...person!, active: false });
  await device.t.keyring.revokeStaff(staffId);
}

/** Locks the device and tries a secret: true when it unlocked (then locked again). */
async function opens(device: Device, secret: string, via: 'passphrase' | 'recovery' = 'passphrase') {
  device.t.vault.lock();
  const error = await rejection(device.t.keyring.unlock(secret, via));
  if (error === null) {
    device.t.vault.lock();
    return true;
  }
  expect(isVaultError(error, 'wrong-passphrase')).toBe(true);
  return false;
}

/** The staff ids whose key wraps a device holds. */
async function holders(device: Device): Promise<Set<string>> {
  const rows = await device.t.db.keyring.toArray();
  return new Set(rows.flatMap((r) => (r.holder.kind === 'staff' ? [r.holder.staffId] : [])));
}

describe('deactivating a colleague reaches the other devices', () => {
  it.each([
    ['a coordinator is signed in on the tablet', TEST_PASSPHRASE],
    ['the staying facilitator is signed in on the tablet', STAYING],
    ['the tablet is locked', undefined],
  ])('their passphrase no longer unlocks the tablet when %s', async (_, signedIn) => {
    const { laptop, tablet, leaving, before, recoveryCode } = await team();
    expect(await holders(tablet)).toContain(leaving.id);
    tablet.t.vault.lock();
    if (signedIn) await tablet.t.keyring.unlock(signedIn, 'passphrase');

    await deactivate(laptop, leaving.id);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();

    expect(await holders(tablet)).not.toContain(leaving.id);
    expect(await opens(tablet, LEAVING)).toBe(false);
    expect(await opens(tablet, STAYING)).toBe(true);
    expect(await opens(tablet, TEST_PASSPHRASE)).toBe(true);
    expect(await opens(tablet, recoveryCode, 'recovery')).toBe(true);
    // The staying facilitator reads what was written before and after.
    await tablet.t.keyring.unlock(STAYING, 'passphrase');
    expect((await tablet.t.repos.cohorts.get(before.id))?.name).toBe('Written before');
  });
});

void makeTestVault;
void deviceOn;
void allDocs;
void decodeDoc;
void secretSyncKeys;
