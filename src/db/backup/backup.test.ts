import { describe, expect, it } from 'vitest';
import { deriveBits } from '../../crypto/kdf';
import { utf8 } from '../../crypto/bytes';
import { sha256 } from '../../crypto/backup-cipher';
import {
  dumpDatabase,
  makeTestVault,
  setUpOrganisation,
  testKdfPolicy,
  TEST_PASSPHRASE,
} from '../../testing/vault-fixture';
import { Vault } from '../../crypto/vault';
import { keyringStore } from '../keyring-store';
import { createRepositories } from '../repositories';
import { auditEntry } from '../../domain/audit';
import { AplisDatabase } from '../schema';
import { createBackup, lastBackupAt, openBackup, restoreIntoEmpty } from './backup';
import { MAX_ITERATIONS_FACTOR, readBackupFile } from './format';
import { BackupError } from './errors';
import { CANARY, containsBytes, seedData } from './test-data';

const BACKUP_PASSPHRASE = 'a separate backup passphrase';
const options = { policy: testKdfPolicy, derive: deriveBits };

/** The app's stores over an existing database (after a wipe and restore). */
function servicesOver(db: AplisDatabase) {
  const vault = new Vault();
  return {
    vault,
    keyring: keyringStore(db, vault, { policy: testKdfPolicy, derive: deriveBits }),
    repos: createRepositories(db, vault),
  };
}

async function organisationWithData() {
  const t = makeTestVault();
  const { staffId } = await setUpOrganisation(t);
  const seeded = await seedData(t, staffId);
  return { t, staffId, seeded };
}

/** Every table but `meta` (device state, see backup.ts). */
async function dataDump(db: AplisDatabase) {
  const { meta: _meta, ...rest } = await dumpDatabase(db);
  return rest;
}

async function expectRefusal(promise: Promise<unknown>, code: BackupError['code']) {
  await expect(promise).rejects.toSatisfy(
    (e) => e instanceof BackupError && e.code === code,
    `refused with "${code}"`,
  );
}

describe('backup round trip', () => {
  it('restores every row of every table exactly, after the device was wiped', async () => {
    const { t, seeded, staffId } = await organisationWithData();
    // A coordinators' record, sealed under the coordinator key: it travels sealed too.
    const entry = auditEntry({
      actorId: staffId,
      action: 'concern-raised',
      subject: { table: 'concerns', id: crypto.randomUUID() },
    });
    await t.repos.audit.put(entry);
    const before = await dataDump(t.db);
    const file = await createBackup(t.db, t.vault, BACKUP_PASSPHRASE, options);

    // Wipe: the database is deleted and a fresh, empty one opened in its place.
    t.vault.lock();
    await t.db.delete();
    const fresh = new AplisDatabase(t.db.name);
    const backup = await openBackup(fresh, file.bytes, BACKUP_PASSPHRASE, options);
    await restoreIntoEmpty(fresh, backup);

    expect(await dataDump(fresh)).toEqual(before);
    expect(before.tombstones).toHaveLength(1);
    expect(await lastBackupAt(fresh)).toBe(file.createdAt);

    // People unlock with their usual passphrase, and their records read back.
    const restored = servicesOver(fresh);
    await restored.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const person = await restored.repos.participants.get(seeded.canaryPerson.id);
    expect(person?.chosenName).toBe(CANARY);
    expect((await restored.repos.notes.get(seeded.note.id))?.text).toContain(CANARY);
    expect(await restored.repos.audit.get(entry.id)).toEqual(entry);
    // The audit chain travels with its lines and still checks; this device starts its own.
    await restored.repos.audit.put(
      auditEntry({ actorId: staffId, action: 'enrolled', subject: { table: 'cohorts', id: 'c' } }),
    );
    expect(await restored.repos.audit.verify()).toMatchObject({ intact: true, lines: 2 });
    expect(new Set((await fresh.audit.toArray()).map((r) => r.chain)).size).toBe(2);
  });

  it('refuses to restore over a device that already has data', async () => {
    const { t } = await organisationWithData();
    const file = await createBackup(t.db, t.vault, BACKUP_PASSPHRASE, options);
    const before = await dumpDatabase(t.db);
    const backup = await openBackup(t.db, file.bytes, BACKUP_PASSPHRASE, options);
    await expectRefusal(restoreIntoEmpty(t.db, backup), 'not-empty');
    expect(await dumpDatabase(t.db)).toEqual(before);
  });

  it('refuses a backup passphrase shorter than the passphrase rules allow', async () => {
    const { t } = await organisationWithData();
    await expectRefusal(createBackup(t.db, t.vault, 'short one', options), 'weak-passphrase');
  });
});

describe('what the file reveals', () => {
  it('holds no readable name or note, not even inside the decrypted body', async () => {
    const { t } = await organisationWithData();
    const file = await createBackup(t.db, t.vault, BACKUP_PASSPHRASE, options);
    const canary = utf8(CANARY);
    // The canary is really in the data: the check below could fail.
    expect((await t.repos.participants.list()).items.map((p) => p.chosenName)).toContain(CANARY);
    expect(containsBytes(file.bytes, canary)).toBe(false);
    expect(containsBytes(file.bytes, utf8('Ilze Testa'))).toBe(false);
    expect(containsBytes(file.bytes, utf8('Test centre'))).toBe(false);
    const { body } = await readBackupFile(file.bytes, BACKUP_PASSPHRASE, options);
    // Names and notes live only inside the rows' sealed payloads.
    expect(containsBytes(body, canary)).toBe(false);
    expect(containsBytes(body, utf8('Deleted person'))).toBe(false);
    expect(containsBytes(body, utf8('participants'))).toBe(true);
  });

  it('starts with a plain, versioned header naming the key derivation', async () => {
    const { t } = await organisationWithData();
    const file = await createBackup(t.db, t.vault, BACKUP_PASSPHRASE, options);
    const text = new TextDecoder().decode(file.bytes.subarray(0, 400));
    expect(text.startsWith('APLIS-BACKUP\n')).toBe(true);
    expect(text).toContain('"format":1');
    expect(text).toContain('"alg":"PBKDF2-SHA256"');
  });
});

describe('bad files are refused and change nothing', () => {
  async function devices() {
    const { t } = await organisationWithData();
    const file = await createBackup(t.db, t.vault, BACKUP_PASSPHRASE, options);
    // A second device of the same organisation, with data of its own.
    const other = makeTestVault();
    const empty = await openBackup(other.db, file.bytes, BACKUP_PASSPHRASE, options);
    await restoreIntoEmpty(other.db, empty);
    await other.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    return { t, file, other };
  }

  async function refusedEverywhere(
    bytes: Uint8Array<ArrayBuffer>,
    code: BackupError['code'],
    passphrase = BACKUP_PASSPHRASE,
  ) {
    const { other } = await devices();
    const before = await dumpDatabase(other.db);
    await expectRefusal(openBackup(other.db, bytes, passphrase, options), code);
    expect(await dumpDatabase(other.db)).toEqual(before);
    // An empty device stays empty too.
    const blank = makeTestVault();
    await expectRefusal(openBackup(blank.db, bytes, passphrase, options), code);
    expect(await dumpDatabase(blank.db)).toEqual(await dumpDatabase(makeTestVault().db));
  }

  it('a damaged file (one bit flipped in the body)', async () => {
    const { file } = await devices();
    const bytes = file.bytes.slice();
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await refusedEverywhere(bytes, 'damaged');
  });

  it('a truncated file (an interrupted download)', async () => {
    const { file } = await devices();
    await refusedEverywhere(file.bytes.slice(0, file.bytes.length - 1000), 'truncated');
    await refusedEverywhere(file.bytes.slice(0, 20), 'truncated');
  });

  it('a tampered file (header changed and the checksum recomputed)', async () => {
    const { file } = await devices();
    const text = new TextDecoder().decode(file.bytes.subarray(0, 400));
    const at = text.indexOf('"createdAt":"') + '"createdAt":"'.length;
    const bytes = file.bytes.slice(0, -32);
    bytes[at] = bytes[at] === 0x31 ? 0x32 : 0x31; // another year
    const checksum = await sha256(bytes);
    const tampered = new Uint8Array(bytes.length + 32);
    tampered.set(bytes);
    tampered.set(checksum, bytes.length);
    await refusedEverywhere(tampered, 'tampered');
  });

  it('the wrong backup passphrase', async () => {
    const { file } = await devices();
    await refusedEverywhere(file.bytes, 'wrong-passphrase', TEST_PASSPHRASE);
  });

  it('a file that is not an Aplis backup', async () => {
    await refusedEverywhere(utf8('%PDF-1.7\n…'), 'not-aplis');
    await refusedEverywhere(new Uint8Array(0), 'not-aplis');
  });

  it('a backup of another organisation is refused for merging', async () => {
    const { other } = await devices();
    const stranger = makeTestVault();
    await setUpOrganisation(stranger);
    const foreign = await createBackup(stranger.db, stranger.vault, BACKUP_PASSPHRASE, options);
    const before = await dumpDatabase(other.db);
    const backup = await openBackup(other.db, foreign.bytes, BACKUP_PASSPHRASE, options);
    const { previewMerge, applyMerge } = await import('./merge');
    await expectRefusal(previewMerge(other.db, other.vault, backup), 'foreign');
    await expectRefusal(applyMerge(other.db, other.vault, backup), 'foreign');
    expect(await dumpDatabase(other.db)).toEqual(before);
  });

  it('a weakened key derivation in the header', async () => {
    const { t } = await organisationWithData();
    const weak = await createBackup(t.db, t.vault, BACKUP_PASSPHRASE, {
      policy: { iterations: 10, floor: 10 },
      derive: deriveBits,
    });
    await expectRefusal(openBackup(t.db, weak.bytes, BACKUP_PASSPHRASE, options), 'tampered');
  });

  it('a key derivation count far above the floor (a file made to hang the device)', async () => {
    const { t } = await organisationWithData();
    const floor = options.policy.floor;
    const costly = await createBackup(t.db, t.vault, BACKUP_PASSPHRASE, {
      policy: { iterations: floor * (MAX_ITERATIONS_FACTOR + 1), floor },
      derive: deriveBits,
    });
    let derived = 0;
    const counting = {
      ...options,
      derive: (s: string, p: Parameters<typeof deriveBits>[1]) => (derived++, deriveBits(s, p)),
    };
    await expectRefusal(openBackup(t.db, costly.bytes, BACKUP_PASSPHRASE, counting), 'tampered');
    expect(derived).toBe(0);
    // Up to the ceiling is still a backup this device opens.
    const careful = await createBackup(t.db, t.vault, BACKUP_PASSPHRASE, {
      policy: { iterations: floor * MAX_ITERATIONS_FACTOR, floor },
      derive: deriveBits,
    });
    await expect(openBackup(t.db, careful.bytes, BACKUP_PASSPHRASE, options)).resolves.toBeTruthy();
  });
});

describe('a full disk', () => {
  /** Makes every write of `method` to the notes table fail as a full disk does. */
  function failWhenWriting(db: AplisDatabase, method: 'bulkAdd' | 'bulkPut') {
    const full = () =>
      Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    // Dexie keeps more than one Table object per table (db.notes, db.table('notes')).
    for (const table of new Set([db.notes, db.table('notes')])) table[method] = full as never;
  }

  it('a restore that runs out of space mid-way leaves no row behind', async () => {
    const { t } = await organisationWithData();
    const file = await createBackup(t.db, t.vault, BACKUP_PASSPHRASE, options);
    const blank = makeTestVault();
    const backup = await openBackup(blank.db, file.bytes, BACKUP_PASSPHRASE, options);
    const emptyDump = await dumpDatabase(blank.db);
    failWhenWriting(blank.db, 'bulkAdd');
    // Participants and staff come before notes: they were written, then rolled back.
    await expect(restoreIntoEmpty(blank.db, backup)).rejects.toMatchObject({
      name: 'QuotaExceededError',
    });
    expect(await dumpDatabase(blank.db)).toEqual(emptyDump);
    expect(await blank.db.participants.count()).toBe(0);
  });

  it('a merge that runs out of space mid-way changes nothing', async () => {
    const { t, staffId } = await organisationWithData();
    const other = makeTestVault();
    const first = await createBackup(t.db, t.vault, BACKUP_PASSPHRASE, options);
    await restoreIntoEmpty(
      other.db,
      await openBackup(other.db, first.bytes, BACKUP_PASSPHRASE, options),
    );
    await other.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    // New rows on the first device, in participants (written first) and notes.
    await seedData(t, staffId);
    const second = await createBackup(t.db, t.vault, BACKUP_PASSPHRASE, options);
    const backup = await openBackup(other.db, second.bytes, BACKUP_PASSPHRASE, options);
    const before = await dumpDatabase(other.db);
    failWhenWriting(other.db, 'bulkPut');
    const { applyMerge } = await import('./merge');
    await expect(
      applyMerge(other.db, other.vault, backup, undefined, { policy: testKdfPolicy }),
    ).rejects.toMatchObject({
      name: 'QuotaExceededError',
    });
    expect(await dumpDatabase(other.db)).toEqual(before);
  });
});
