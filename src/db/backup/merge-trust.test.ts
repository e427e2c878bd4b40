/**
 * What a merge refuses to believe from a file: bodies not made under the
 * team key, stamps from the future, deletions of audit entries and key
 * wraps, weak key wraps; and who may merge at all. Each test crafts the file
 * an attacker would (see docs/backup-format.md, "Threats").
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { concatBytes } from '../../crypto/bytes';
import { deriveBits } from '../../crypto/kdf';
import type { Vault } from '../../crypto/vault';
import { auditEntry } from '../../domain/audit';
import { attendanceId } from '../../domain/attendance-rules';
import type { Attendance } from '../../domain/meeting';
import { aStaffMember } from '../../testing/factories';
import { tombstonesFor } from '../tombstones';
import {
  dumpDatabase,
  makeTestVault,
  setUpOrganisation,
  testKdfPolicy,
  TEST_PASSPHRASE,
  type TestVault,
} from '../../testing/vault-fixture';
import { checkRestored, createBackup, openBackup, restoreIntoEmpty } from './backup';
import { decodeBody, encodeBody, type BackupBody } from './body';
import { BackupError } from './errors';
import { readBackupFile, writeBackupFile } from './format';
import { MAC_BYTES, signBody } from './integrity';
import { applyMerge, previewMerge } from './merge';
import { aParticipant } from './test-data';
import { DAY_MS } from './trust';

const PASS = 'a separate backup passphrase';
const FACILITATOR_PASSPHRASE = 'the facilitator passphrase';
const options = { policy: testKdfPolicy, derive: deriveBits };
const merging = { policy: testKdfPolicy };
const NOV_1 = Date.UTC(2026, 10, 1, 10);

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

/** A laptop with the organisation (and a facilitator) and a tablet restored from its backup. */
async function twoDevices() {
  at(NOV_1);
  const laptop = makeTestVault();
  const { recoveryCode } = await setUpOrganisation(laptop);
  const facilitator = aStaffMember({ role: 'facilitator', displayName: 'Anna' });
  await laptop.repos.staff.put(facilitator);
  await laptop.keyring.setPassphrase(facilitator.id, FACILITATOR_PASSPHRASE);
  const tablet = makeTestVault();
  await restoreIntoEmpty(
    tablet.db,
    await openBackup(tablet.db, await backupOf(laptop), PASS, options),
  );
  await tablet.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
  return { laptop, tablet, recoveryCode };
}

/**
 * The file re-made by someone who has it and its passphrase: decrypted, its
 * body edited, encrypted again. `keep-mac` leaves the original MAC on the
 * edited body; `unsigned` passes it off as a file from before backups were
 * signed; a vault signs it as that vault's team member would.
 */
async function craft(
  bytes: Uint8Array<ArrayBuffer>,
  edit: (body: BackupBody) => void,
  signing: 'keep-mac' | 'unsigned' | Vault,
) {
  const { header, body } = await readBackupFile(bytes, PASS, options);
  const decoded = decodeBody(body);
  edit(decoded);
  if (signing === 'unsigned') decoded.format = 1;
  const encoded = encodeBody(decoded);
  const plaintext =
    signing === 'unsigned'
      ? encoded
      : signing === 'keep-mac'
        ? concatBytes(encoded, body.slice(body.length - MAC_BYTES))
        : await signBody(signing, encoded);
  return writeBackupFile(plaintext, PASS, header.createdAt, options);
}

async function expectRefusal(promise: Promise<unknown>, code: BackupError['code']) {
  await expect(promise).rejects.toSatisfy(
    (e) => e instanceof BackupError && e.code === code,
    `refused with "${code}"`,
  );
}

const anAuditEntry = () =>
  auditEntry({
    actorId: crypto.randomUUID(),
    action: 'concern-raised',
    subject: { table: 'concerns', id: crypto.randomUUID() },
  });

const rowsOf = (body: BackupBody, table: string) => (body.tables[table] ??= []);

describe('a file edited by someone with only the backup passphrase', () => {
  it('is refused on merge, and nothing changes', async () => {
    const { laptop, tablet } = await twoDevices();
    const p = aParticipant({ chosenName: 'Before' });
    await laptop.repos.participants.put(p);
    await tablet.repos.participants.put(p);
    const entry = anAuditEntry();
    await tablet.repos.audit.put(entry);
    // The attacker moves a row's stamp ahead and deletes the audit entry with a tombstone.
    const forged = await craft(
      await backupOf(laptop),
      (body) => {
        for (const row of rowsOf(body, 'participants')) row.updatedAt = NOV_1 + 1000;
        rowsOf(body, 'tombstones').push({
          id: `audit/${entry.id}`,
          table: 'audit',
          rowId: entry.id,
          deletedAt: NOV_1 + 1000,
        });
      },
      'keep-mac',
    );
    const backup = await openBackup(tablet.db, forged.slice(), PASS, options);
    const before = await dumpDatabase(tablet.db);
    await expectRefusal(previewMerge(tablet.db, tablet.vault, backup, merging), 'tampered');
    await expectRefusal(
      applyMerge(tablet.db, tablet.vault, backup, undefined, { ...merging, confirmUnsigned: true }),
      'tampered',
    );
    expect(await dumpDatabase(tablet.db)).toEqual(before);
  });

  it('passed off as an old, unsigned file, needs a coordinator’s confirmation and still deletes no audit entry', async () => {
    const { laptop, tablet } = await twoDevices();
    const entry = anAuditEntry();
    await tablet.repos.audit.put(entry);
    const newPerson = aParticipant();
    await laptop.repos.participants.put(newPerson);
    const legacy = await craft(
      await backupOf(laptop),
      (body) =>
        rowsOf(body, 'tombstones').push({
          id: `audit/${entry.id}`,
          table: 'audit',
          rowId: entry.id,
          deletedAt: NOV_1 + 1000,
        }),
      'unsigned',
    );
    const backup = await openBackup(tablet.db, legacy, PASS, options);
    expect(backup.integrity).toBeNull();
    const preview = await previewMerge(tablet.db, tablet.vault, backup, merging);
    expect(preview.summary.authenticated).toBe(false);
    expect(preview.summary.skipped).toContainEqual(
      expect.objectContaining({ table: 'audit', outcome: 'undeletable' }),
    );
    const before = await dumpDatabase(tablet.db);
    await expectRefusal(
      applyMerge(tablet.db, tablet.vault, backup, preview, merging),
      'unconfirmed',
    );
    expect(await dumpDatabase(tablet.db)).toEqual(before);

    const merged = await applyMerge(tablet.db, tablet.vault, backup, preview, {
      ...merging,
      confirmUnsigned: true,
    });
    expect(merged.added).toBe(1);
    expect(await tablet.repos.participants.get(newPerson.id)).toBeTruthy();
    expect(await tablet.repos.audit.get(entry.id)).toEqual(entry);
  });
});

describe('stamps from the future', () => {
  it('skips an edit or a deletion dated more than a day ahead, and reports it', async () => {
    const { laptop, tablet } = await twoDevices();
    const [kept, alsoKept] = [aParticipant({ chosenName: 'Kept' }), aParticipant()];
    const soon = aParticipant({ chosenName: 'Soon' });
    for (const device of [laptop, tablet])
      await device.repos.participants.bulkPut([kept, alsoKept]);
    // The laptop's clock runs three days ahead (or a team member set it so).
    at(NOV_1 + 3 * DAY_MS);
    await laptop.repos.participants.put({ ...kept, chosenName: 'From the future' });
    await laptop.repos.participants.delete(alsoKept.id);
    // Hours ahead is a clock set wrong, not an attack: taken.
    at(NOV_1 + 5 * 60 * 60 * 1000);
    await laptop.repos.participants.put(soon);
    at(NOV_1 + 1000);
    const backup = await openBackup(tablet.db, await backupOf(laptop), PASS, options);
    const applied = await applyMerge(tablet.db, tablet.vault, backup, undefined, merging);
    expect(applied).toMatchObject({ added: 1, updated: 0, deleted: 0 });
    expect(applied.skipped).toEqual([
      { table: 'participants', outcome: 'future', day: '2026-11-04', count: 2 },
    ]);
    expect((await tablet.repos.participants.get(kept.id))?.chosenName).toBe('Kept');
    expect(await tablet.repos.participants.get(alsoKept.id)).toBeTruthy();
    expect(await tablet.repos.participants.get(soon.id)).toBeTruthy();
    // The future tombstone is not kept to travel on either.
    expect(await tablet.db.tombstones.get(`participants/${alsoKept.id}`)).toBeUndefined();
  });
});

describe('what a file never deletes', () => {
  it('keeps audit entries and key wraps a team member’s file deletes, and every unlock works', async () => {
    const { laptop, tablet, recoveryCode } = await twoDevices();
    const entry = anAuditEntry();
    await laptop.repos.audit.put(entry);
    await tablet.repos.audit.put(entry);
    // An audit line deleted on the laptop, with the tombstone a delete leaves.
    const tombstones = await tombstonesFor(laptop.vault, 'audit', [entry.id]);
    await laptop.db.transaction('rw', laptop.db.audit, laptop.db.tombstones, async () => {
      await laptop.db.audit.delete(entry.id);
      await laptop.db.tombstones.bulkPut(tombstones);
    });
    const wraps = await tablet.db.keyring.toArray();
    // Signed under the team key, as any team member's device can: a tombstone for every wrap.
    const crafted = await craft(
      await backupOf(laptop),
      (body) => {
        for (const w of wraps)
          rowsOf(body, 'tombstones').push({
            id: `keyring/${w.id}`,
            table: 'keyring',
            rowId: w.id,
            deletedAt: NOV_1 + 1000,
          });
        body.tables.keyring = [];
      },
      laptop.vault,
    );
    const backup = await openBackup(tablet.db, crafted, PASS, options);
    const applied = await applyMerge(tablet.db, tablet.vault, backup, undefined, merging);
    expect(applied.deleted).toBe(0);
    expect(applied.skipped.map((s) => [s.table, s.outcome, s.count])).toEqual(
      expect.arrayContaining([
        ['audit', 'undeletable', 1],
        ['keyring', 'undeletable', wraps.length],
      ]),
    );
    expect(await tablet.repos.audit.get(entry.id)).toEqual(entry);
    expect(await tablet.db.keyring.count()).toBe(wraps.length);
    expect(await tablet.db.tombstones.where('table').anyOf('audit', 'keyring').count()).toBe(0);
    for (const [secret, via] of [
      [TEST_PASSPHRASE, 'passphrase'],
      [FACILITATOR_PASSPHRASE, 'passphrase'],
      [recoveryCode, 'recovery'],
    ] as const) {
      tablet.vault.lock();
      await tablet.keyring.unlock(secret, via);
      expect(tablet.vault.isUnlocked).toBe(true);
    }
  });

  it('skips a key wrap below the KDF floor or malformed, and every unlock still works', async () => {
    const { laptop, tablet, recoveryCode } = await twoDevices();
    const staffId = tablet.vault.session!.staffId;
    const weak = {
      id: crypto.randomUUID(),
      holder: { kind: 'staff', staffId },
      kdf: { alg: 'PBKDF2-SHA256', iterations: 10, salt: new Uint8Array(16) },
      wrapped: new Uint8Array(60),
      createdAt: new Date(NOV_1).toISOString(),
    };
    const malformed = { ...weak, id: crypto.randomUUID(), holder: { kind: 'staff' } };
    // Both ways an attacker could send it: an unsigned file (only the backup
    // passphrase) a coordinator confirms, and a team member's signed file.
    for (const signing of ['unsigned', laptop.vault] as const) {
      const crafted = await craft(
        await backupOf(laptop),
        (body) => rowsOf(body, 'keyring').push(weak, malformed),
        signing,
      );
      const backup = await openBackup(tablet.db, crafted, PASS, options);
      const applied = await applyMerge(tablet.db, tablet.vault, backup, undefined, {
        ...merging,
        confirmUnsigned: true,
      });
      expect(applied.skipped).toContainEqual(
        expect.objectContaining({ table: 'keyring', outcome: 'bad-key', count: 2 }),
      );
      expect(await tablet.db.keyring.get(weak.id)).toBeUndefined();
      expect(await tablet.db.keyring.get(malformed.id)).toBeUndefined();
    }
    for (const [secret, via] of [
      [TEST_PASSPHRASE, 'passphrase'],
      [FACILITATOR_PASSPHRASE, 'passphrase'],
      [recoveryCode, 'recovery'],
    ] as const) {
      tablet.vault.lock();
      await tablet.keyring.unlock(secret, via);
      expect(tablet.vault.isUnlocked).toBe(true);
    }
  });
});

describe('who may merge', () => {
  it('refuses a facilitator, and writes nothing', async () => {
    const { laptop, tablet } = await twoDevices();
    await laptop.repos.participants.put(aParticipant());
    const backup = await openBackup(tablet.db, await backupOf(laptop), PASS, options);
    tablet.vault.lock();
    await tablet.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    expect(tablet.vault.hasCoordinatorKey).toBe(false);
    const before = await dumpDatabase(tablet.db);
    await expectRefusal(
      previewMerge(tablet.db, tablet.vault, backup, merging),
      'coordinators-only',
    );
    await expectRefusal(
      applyMerge(tablet.db, tablet.vault, backup, undefined, merging),
      'coordinators-only',
    );
    expect(await dumpDatabase(tablet.db)).toEqual(before);
  });
});

describe('the preview', () => {
  it('lists what would change by kind of record and day, without opening any row', async () => {
    const { laptop, tablet } = await twoDevices();
    const meetingId = crypto.randomUUID();
    const participantId = crypto.randomUUID();
    const mark: Attendance = {
      id: attendanceId(meetingId, participantId),
      meetingId,
      participantId,
      status: 'present',
    };
    const p = aParticipant();
    for (const device of [laptop, tablet]) {
      await device.repos.attendance.put(mark);
      await device.repos.participants.put(p);
    }
    const entry = anAuditEntry();
    at(Date.UTC(2026, 10, 3, 9));
    await laptop.repos.attendance.deleteMark(mark);
    at(Date.UTC(2026, 10, 12, 15));
    await laptop.repos.participants.put({ ...p, chosenName: 'Edited' });
    await laptop.repos.audit.put(entry);
    at(Date.UTC(2026, 10, 13, 8));
    const backup = await openBackup(tablet.db, await backupOf(laptop), PASS, options);
    const { summary } = await previewMerge(tablet.db, tablet.vault, backup, merging);
    expect(summary.authenticated).toBe(true);
    expect(summary.changes).toEqual([
      { table: 'audit', outcome: 'added', day: '2026-11-12', count: 1 },
      { table: 'participants', outcome: 'updated', day: '2026-11-12', count: 1 },
      { table: 'attendance', outcome: 'deleted', day: '2026-11-03', count: 1 },
    ]);
  });
});

describe('restoring into a fresh device', () => {
  async function restored(bytes: Uint8Array<ArrayBuffer>) {
    const fresh = makeTestVault();
    await restoreIntoEmpty(fresh.db, await openBackup(fresh.db, bytes, PASS, options));
    await fresh.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    return checkRestored(fresh.db, fresh.vault);
  }

  it('checks the file’s MAC after the first unlock', async () => {
    const { laptop } = await twoDevices();
    await laptop.repos.participants.put(aParticipant());
    const bytes = await backupOf(laptop);
    expect(await restored(bytes)).toBe('authentic');
    const edited = await craft(bytes, (body) => (body.tables.participants = []), 'keep-mac');
    expect(await restored(edited)).toBe('tampered');
    expect(await restored(await craft(bytes, () => undefined, 'unsigned'))).toBe('unsigned');
  });
});
