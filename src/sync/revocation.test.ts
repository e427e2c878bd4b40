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
import { secretSyncKeys } from '../crypto/sync-cipher';
import { deriveBits } from '../crypto/kdf';
import { createBackup, openBackup } from '../db/backup/backup';
import { applyMerge, previewMerge } from '../db/backup/merge';
import { ROSTER_ID, verifyRosterRow } from '../db/keyring-roster';
import type { RosterRow } from '../db/schema';
import { tombstonesFor } from '../db/tombstones';
import { aCohort, aStaffMember } from '../testing/factories';
import { allDocs, deviceOn, twoDevices, type Device } from '../testing/sync-devices';
import {
  dumpDatabase,
  makeTestVault,
  testKdfPolicy,
  TEST_PASSPHRASE,
} from '../testing/vault-fixture';
import { decodeDoc } from './codec';
import type { Replica } from './replica';

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
async function opens(
  device: Device,
  secret: string,
  via: 'passphrase' | 'recovery' = 'passphrase',
) {
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

/** The keyring rows a replica's live documents hold. */
async function keyringOn(replica: Replica, secret: Uint8Array<ArrayBuffer>) {
  const keys = await secretSyncKeys(secret);
  const rows: Record<string, unknown>[] = [];
  for (const doc of await allDocs(replica)) {
    const decoded = await decodeDoc([keys], doc);
    if (decoded.ok && decoded.row.table === 'keyring') rows.push(decoded.row.record);
  }
  return rows;
}

/** Key wraps of one person's passphrase among keyring rows. */
const heldBy = (rows: Record<string, unknown>[], staffId: string) =>
  rows.filter((r) => {
    const holder = r.holder as { kind?: string; staffId?: string };
    return holder.kind === 'staff' && holder.staffId === staffId;
  });

async function rosterOf(device: Device): Promise<RosterRow> {
  return (await device.t.db.keyring.get(ROSTER_ID)) as RosterRow;
}

describe('a device that was offline during the deactivation', () => {
  it('drops the person’s wraps when it comes back, keeps what it wrote offline, and a new device never gets them', async () => {
    const { server, secret, laptop, tablet, leaving, recoveryCode } = await team();
    // Offline: the tablet writes, the laptop deactivates; neither hears of the other.
    const offline = aCohort('Written offline');
    await tablet.t.repos.cohorts.put(offline);
    await deactivate(laptop, leaving.id);
    await laptop.engine.syncNow();
    // The server keeps no body of the person's wraps.
    expect(heldBy(await keyringOn(server, secret), leaving.id)).toEqual([]);

    await settle(tablet, laptop);
    expect(await opens(tablet, LEAVING)).toBe(false);
    expect(await opens(tablet, STAYING)).toBe(true);
    expect(await opens(tablet, TEST_PASSPHRASE)).toBe(true);
    expect(await opens(tablet, recoveryCode, 'recovery')).toBe(true);
    await tablet.t.keyring.unlock(STAYING, 'passphrase');
    expect((await tablet.t.repos.cohorts.get(offline.id))?.name).toBe('Written offline');
    await laptop.engine.syncNow();
    expect((await laptop.t.repos.cohorts.get(offline.id))?.name).toBe('Written offline');
    // Coming back did not put the wraps back on the server, nor on the laptop.
    expect(heldBy(await keyringOn(server, secret), leaving.id)).toEqual([]);
    expect(await holders(laptop)).not.toContain(leaving.id);

    // A device joining now: the person's passphrase opens nothing there either.
    const fresh = deviceOn(server, makeTestVault(), secret);
    await fresh.engine.pullFromServer();
    expect(await holders(fresh)).not.toContain(leaving.id);
    expect(await opens(fresh, LEAVING)).toBe(false);
    expect(await opens(fresh, STAYING)).toBe(true);
  });

  it('refuses the person’s passphrase on a device that holds the newer roster but not yet dropped the wraps, and changes nothing', async () => {
    const { laptop, tablet, leaving } = await team();
    await deactivate(laptop, leaving.id);
    // The newer roster reached the tablet some way that did not drop anything
    // (storage edited, an interrupted write): the wraps are still there.
    tablet.t.vault.lock();
    await tablet.t.db.keyring.put(await rosterOf(laptop));
    expect(await holders(tablet)).toContain(leaving.id);
    const before = await dumpDatabase(tablet.t.db);

    expect(await opens(tablet, LEAVING)).toBe(false);
    const after = await dumpDatabase(tablet.t.db);
    // Only the throttle counted the try, as for any wrong passphrase.
    const withoutThrottle = (dump: Record<string, unknown[]>) => ({
      ...dump,
      meta: dump.meta!.filter((m) => !String(m).includes('unlock-throttle')),
    });
    expect(withoutThrottle(after)).toEqual(withoutThrottle(before));

    // The next coordinator unlock drops them.
    await tablet.t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(await holders(tablet)).not.toContain(leaving.id);
  });
});

describe('a forged roster or a forged deletion', () => {
  /** A facilitator's session on the tablet writes a roster it cannot sign. */
  async function forgeRoster(tablet: Device, change: (r: RosterRow) => RosterRow['entries']) {
    const real = await rosterOf(tablet);
    const forged: RosterRow = {
      ...real,
      version: real.version + 5,
      entries: change(real),
      mac: new Uint8Array(32),
      createdAt: new Date().toISOString(),
    };
    await tablet.t.db.keyring.put(forged);
    return forged;
  }

  it('is refused by a coordinator’s device, reported once, and the true roster wins back everywhere', async () => {
    const { laptop, tablet, staying, staffId, recoveryCode } = await team();
    tablet.t.vault.lock();
    await tablet.t.keyring.unlock(STAYING, 'passphrase');
    const real = await rosterOf(laptop);
    // The facilitator makes themselves a coordinator and the coordinator inactive.
    const forged = await forgeRoster(tablet, (r) => [
      ...r.entries.filter((e) => e.staffId !== staying.id && e.staffId !== staffId),
      { staffId: staying.id, role: 'coordinator', active: true },
      { staffId, role: 'coordinator', active: false },
    ]);
    await tablet.engine.syncNow();
    const keyringBefore = await laptop.t.db.keyring.toArray();

    const report = await laptop.engine.syncNow();
    expect(report.refused.damaged).toBe(1);
    expect((await laptop.engine.syncNow()).refused).toEqual({});
    // The laptop kept its roster's entries and every wrap, and signed them above the forgery.
    const kept = await rosterOf(laptop);
    expect(kept.entries).toEqual(real.entries);
    expect(kept.version).toBeGreaterThan(forged.version);
    const wrapIds = (rows: { id: string }[]) =>
      rows.map((r) => r.id).filter((id) => id !== ROSTER_ID);
    expect(wrapIds(await laptop.t.db.keyring.toArray()).sort()).toEqual(
      wrapIds(keyringBefore).sort(),
    );

    // The tablet takes the true roster back, and nobody was given the coordinator key.
    await tablet.engine.syncNow();
    const back = await rosterOf(tablet);
    expect(back.version).toBe(kept.version);
    expect(await verifyRosterRow(await laptop.t.vault.coordinatorSubkey('rosterMac'), back)).toBe(
      true,
    );
    for (const device of [laptop, tablet]) {
      device.t.vault.lock();
      await device.t.keyring.unlock(STAYING, 'passphrase');
      expect(device.t.vault.hasCoordinatorKey).toBe(false);
      device.t.vault.lock();
      await device.t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
      expect(device.t.vault.hasCoordinatorKey).toBe(true);
      // Setting the facilitator's passphrase again does not make them a coordinator.
      await device.t.keyring.setPassphrase(staying.id, STAYING);
      device.t.vault.lock();
      await device.t.keyring.unlock(STAYING, 'passphrase');
      expect(device.t.vault.hasCoordinatorKey).toBe(false);
      expect(await opens(device, recoveryCode, 'recovery')).toBe(true);
    }
  });

  it('taken by a device that cannot check it, never drops a coordinator’s, the recovery code’s or the box’s keys', async () => {
    const { server, secret, laptop, tablet, leaving, staying, staffId, recoveryCode } =
      await team();
    tablet.t.vault.lock();
    await tablet.t.keyring.unlock(STAYING, 'passphrase');
    // A third device, locked: it cannot check a roster's MAC.
    const third = deviceOn(server, makeTestVault(), secret);
    await third.engine.pullFromServer();
    const keysBefore = (await third.t.db.keyring.toArray()).filter(
      (r) => r.holder.kind !== 'staff' || r.holder.staffId === staffId,
    );
    await forgeRoster(tablet, (r) =>
      r.entries.map((e) => (e.staffId === staying.id ? e : { ...e, active: false })),
    );
    await tablet.engine.syncNow();
    await third.engine.syncNow();

    // The coordinator's wraps, the recovery wrap and the box are all still there.
    const keysAfter = (await third.t.db.keyring.toArray()).filter(
      (r) => r.holder.kind !== 'staff' || r.holder.staffId === staffId,
    );
    expect(
      keysAfter
        .map((r) => r.id)
        .filter((id) => id !== ROSTER_ID)
        .sort(),
    ).toEqual(
      keysBefore
        .map((r) => r.id)
        .filter((id) => id !== ROSTER_ID)
        .sort(),
    );
    expect(await opens(third, TEST_PASSPHRASE)).toBe(true);
    expect(await opens(third, recoveryCode, 'recovery')).toBe(true);
    // At worst a facilitator is locked out there until a coordinator sets their passphrase.
    expect(await opens(third, LEAVING)).toBe(false);
    // Nothing the forgery dropped was emptied on the server.
    expect(heldBy(await keyringOn(server, secret), leaving.id)).not.toEqual([]);
    // The coordinator's device answers with the true roster; the third device takes it
    // and a coordinator there can give the colleague their passphrase again.
    await laptop.engine.syncNow();
    await third.engine.pullFromServer();
    await third.t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    await third.t.keyring.setPassphrase(leaving.id, 'a new passphrase for Xenia');
    expect(await opens(third, 'a new passphrase for Xenia')).toBe(true);
  });

  it('never deletes a coordinator’s or the recovery code’s wraps through tombstones', async () => {
    const { server, secret, laptop, tablet, staffId, recoveryCode } = await team();
    // A facilitator signed in on the laptop, which made and pushed those wraps (it knows
    // their documents), deletes them in its storage with tombstones, and syncs.
    laptop.t.vault.lock();
    await laptop.t.keyring.unlock(STAYING, 'passphrase');
    const targets = (await laptop.t.db.keyring.toArray())
      .filter(
        (r) =>
          r.holder.kind === 'recovery' ||
          (r.holder.kind === 'staff' && r.holder.staffId === staffId),
      )
      .map((r) => r.id);
    expect(targets.length).toBeGreaterThan(1);
    await laptop.t.db.tombstones.bulkPut(await tombstonesFor(laptop.t.vault, 'keyring', targets));
    await laptop.t.db.keyring.bulkDelete(targets);
    await laptop.engine.syncNow();
    const before = await dumpDatabase(tablet.t.db);

    await tablet.engine.syncNow();
    expect((await dumpDatabase(tablet.t.db)).keyring).toEqual(before.keyring);
    // Nor did the facilitator's sync empty their documents on the server.
    const onServer = new Set((await keyringOn(server, secret)).map((r) => r.id));
    for (const id of targets) expect(onServer).toContain(id);
    expect(await opens(tablet, TEST_PASSPHRASE)).toBe(true);
    expect(await opens(tablet, recoveryCode, 'recovery')).toBe(true);
  });

  it('dropped on a facilitator’s device stays there: the server keeps the colleague’s wraps', async () => {
    const { server, secret, laptop, tablet, leaving, staying, staffId } = await team();
    // Xenia (still a colleague here) forges on the tablet; Anna is signed in on the
    // laptop, which made and pushed every wrap (it knows their documents).
    tablet.t.vault.lock();
    await tablet.t.keyring.unlock(LEAVING, 'passphrase');
    laptop.t.vault.lock();
    await laptop.t.keyring.unlock(STAYING, 'passphrase');
    await forgeRoster(tablet, (r) =>
      r.entries.map((e) => (e.staffId === leaving.id ? e : { ...e, active: false })),
    );
    await tablet.engine.syncNow();
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();

    // At worst: Anna cannot unlock the laptop until a coordinator sets her passphrase there.
    expect(await holders(laptop)).not.toContain(staying.id);
    expect(await holders(laptop)).toContain(staffId);
    expect(await opens(laptop, TEST_PASSPHRASE)).toBe(true);
    // The server and the tablet still hold her wraps.
    expect(heldBy(await keyringOn(server, secret), staying.id)).not.toEqual([]);
    expect(await holders(tablet)).toContain(staying.id);
  });
});

describe('a backup from the deactivating device', () => {
  const FILE_PASS = 'a separate backup passphrase';
  const fileOptions = { policy: testKdfPolicy, derive: deriveBits };

  it('merged on another device drops the person’s wraps there, as sync does', async () => {
    const { laptop, tablet, leaving, recoveryCode } = await team();
    await deactivate(laptop, leaving.id);
    const file = await createBackup(laptop.t.db, laptop.t.vault, FILE_PASS, fileOptions);

    const opened = await openBackup(tablet.t.db, file.bytes, FILE_PASS, fileOptions);
    await applyMerge(tablet.t.db, tablet.t.vault, opened, undefined, { policy: testKdfPolicy });
    expect(await holders(tablet)).not.toContain(leaving.id);
    expect(await opens(tablet, LEAVING)).toBe(false);
    expect(await opens(tablet, STAYING)).toBe(true);
    expect(await opens(tablet, TEST_PASSPHRASE)).toBe(true);
    expect(await opens(tablet, recoveryCode, 'recovery')).toBe(true);
  });

  it('with a roster that fails its MAC is refused row by row, and the device keeps its own', async () => {
    const { laptop, tablet, staying } = await team();
    const real = await rosterOf(tablet);
    await laptop.t.db.keyring.put({
      ...real,
      version: real.version + 3,
      entries: real.entries.map((e) => (e.staffId === staying.id ? { ...e, active: false } : e)),
      mac: new Uint8Array(32),
    });
    const file = await createBackup(laptop.t.db, laptop.t.vault, FILE_PASS, fileOptions);
    const opened = await openBackup(tablet.t.db, file.bytes, FILE_PASS, fileOptions);
    const preview = await previewMerge(tablet.t.db, tablet.t.vault, opened, {
      policy: testKdfPolicy,
    });
    expect(preview.summary.skipped).toContainEqual(
      expect.objectContaining({ table: 'keyring', outcome: 'damaged' }),
    );
    await applyMerge(tablet.t.db, tablet.t.vault, opened, preview, { policy: testKdfPolicy });
    expect(await rosterOf(tablet)).toEqual(real);
    expect(await holders(tablet)).toContain(staying.id);
    expect(await opens(tablet, STAYING)).toBe(true);
  });
});
