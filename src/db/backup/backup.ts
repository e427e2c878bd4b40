/**
 * Making a backup and restoring one into an empty device.
 *
 * Export reads every table in one read transaction (a consistent snapshot),
 * then encodes and encrypts outside it. Restore decrypts and checks the
 * whole file first, then writes every row in ONE transaction: a refusal or a
 * full disk leaves the database exactly as it was.
 *
 * `meta` is device state, not data, and mostly stays behind:
 * - the unlock throttle stays: it counts wrong tries on this device;
 * - the auto-lock time stays: a preference of this device;
 * - the last-backup date stays (a restore sets it to the backup's date: the
 *   data on the device is as safe as that backup);
 * - the demo flag travels: it says the data is made up, and a restored demo
 *   should still offer "Wipe demo data".
 */
import { blindPending, hasClearPeople } from '../blind-index';
import { keyFingerprint } from '../../crypto/backup-cipher';
import { productionKdfPolicy, deriveBitsOffThread } from '../../crypto/kdf';
import type { Vault } from '../../crypto/vault';
import { isAcceptablePassphrase } from '../../domain/passphrase';
import { upgradeBackupTables } from '../migrations';
import { flattenRegisters, logicalName, packMarks } from '../registers';
import type { AplisDatabase, AttendanceRow, MetaRow, RegisterRow } from '../schema';
import {
  BODY_FORMAT,
  decodeBody,
  encodeBody,
  SIGNED_BODY_FORMAT,
  validateTables,
  type BackupBody,
} from './body';
import { BackupError } from './errors';
import { readBackupFile, writeBackupFile, type CipherOptions } from './format';
import { integrityOf, signBody, verifyBody, type BodyIntegrity } from './integrity';

export const LAST_BACKUP_KEY = 'lastBackupAt';
/** Set by a restore: the body's digest and MAC, checked after the first unlock (checkRestored). */
export const RESTORE_CHECK_KEY = 'restoreCheck';
/** Meta rows that describe the data rather than the device (see the header comment). */
export const PORTABLE_META: readonly string[] = ['demo'];

export type BackupOptions = Partial<CipherOptions> & { now?: () => number };

function cipherOptions(options: BackupOptions): CipherOptions {
  return {
    policy: options.policy ?? productionKdfPolicy,
    derive: options.derive ?? deriveBitsOffThread,
  };
}

/** Tables a backup carries: all but `meta`. */
function dataTables(db: AplisDatabase) {
  return db.tables.filter((t) => t.name !== 'meta');
}

export interface BackupFile {
  bytes: Uint8Array<ArrayBuffer>;
  createdAt: string;
  rows: number;
}

/** Encrypts every row of every table into one `.aplis` file. Needs an unlocked vault. */
export async function createBackup(
  db: AplisDatabase,
  vault: Vault,
  passphrase: string,
  options: BackupOptions = {},
): Promise<BackupFile> {
  if (!isAcceptablePassphrase(passphrase)) throw new BackupError('weak-passphrase');
  const keyId = await keyFingerprint(vault.dataKey);
  const createdAt = new Date((options.now ?? Date.now)()).toISOString();
  const tables: BackupBody['tables'] = {};
  let meta: MetaRow[] = [];
  await db.transaction('r', db.tables, async () => {
    for (const table of dataTables(db)) {
      const rows = await table.toArray();
      tables[logicalName(table.name)] = (
        table.name === 'registers' ? flattenRegisters(rows as RegisterRow[]) : rows
      ) as Record<string, unknown>[];
    }
    meta = (await db.meta.bulkGet([...PORTABLE_META])).filter((r): r is MetaRow => !!r);
  });
  const body = await signBody(
    vault,
    encodeBody({ format: BODY_FORMAT, createdAt, keyId, meta, tables }),
  );
  const bytes = await writeBackupFile(body, passphrase, createdAt, cipherOptions(options));
  const rows = Object.values(tables).reduce((n, t) => n + t.length, 0);
  return { bytes, createdAt, rows };
}

/** A decrypted, checked backup, ready to restore or merge. */
export interface OpenedBackup {
  createdAt: string;
  keyId: string;
  meta: MetaRow[];
  tables: BackupBody['tables'];
  /**
   * The body's digest and MAC under the team key (integrity.ts), checked on
   * merge and after a restore's first unlock; null for a file made before
   * backups were signed (an unauthenticated file: merging it needs a
   * coordinator's confirmation).
   */
  integrity: BodyIntegrity | null;
}

/** Decrypts and checks a backup file. Throws BackupError with a specific code; writes nothing. */
export async function openBackup(
  db: AplisDatabase,
  file: Uint8Array<ArrayBuffer>,
  passphrase: string,
  options: BackupOptions = {},
): Promise<OpenedBackup> {
  const { body: bytes } = await readBackupFile(file, passphrase, cipherOptions(options));
  const body = decodeBody(bytes);
  if (body.format > BODY_FORMAT) throw new BackupError('newer-version');
  validateTables(body, new Set(dataTables(db).map((t) => logicalName(t.name))));
  // A backup from an older version is filed as this version's tables (migrations.ts).
  const tables = upgradeBackupTables(body.tables as Parameters<typeof upgradeBackupTables>[0]);
  const integrity = body.format >= SIGNED_BODY_FORMAT ? await integrityOf(bytes) : null;
  return { createdAt: body.createdAt, keyId: body.keyId, meta: body.meta, tables, integrity };
}

/**
 * Puts a backup's rows into an empty device, in one transaction. Afterwards
 * the device is locked: people unlock with their usual passphrase (the key
 * wraps came with the backup).
 */
export async function restoreIntoEmpty(
  db: AplisDatabase,
  backup: OpenedBackup,
): Promise<{ rows: number }> {
  const tables = dataTables(db);
  let restored = 0;
  await db.transaction('rw', [...tables, db.meta], async () => {
    for (const table of tables) if ((await table.count()) > 0) throw new BackupError('not-empty');
    for (const table of tables) {
      const rows = backup.tables[logicalName(table.name)] ?? [];
      if (rows.length === 0) continue;
      // Attendance travels as mark rows and is stored one register per meeting.
      const records = (
        table.name === 'registers' ? packMarks(rows as unknown as AttendanceRow[]) : [...rows]
      ) as { id: string }[];
      // In key order: IndexedDB's sorted store takes appends faster than scattered keys.
      records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      await table.bulkAdd(records);
      restored += rows.length;
    }
    const meta = backup.meta.filter((m) => PORTABLE_META.includes(m.key));
    await db.meta.bulkPut([
      ...meta,
      { key: LAST_BACKUP_KEY, value: backup.createdAt },
      { key: RESTORE_CHECK_KEY, value: { integrity: backup.integrity } },
      // A file from a device not yet upgraded: its person ids are blinded after unlock.
      ...(hasClearPeople(Object.values(backup.tables)) ? [blindPending()] : []),
    ]);
  });
  return { rows: restored };
}

/**
 * What the first unlock after a restore learns about the restored file:
 * - `none`: nothing to check (no restore, or already checked and fine);
 * - `authentic`: its MAC verifies under the team key now open (the check is
 *   then forgotten);
 * - `tampered`: it does not: someone who had the file and its passphrase, but
 *   not the team key, changed it. The data may have been rolled back or
 *   had rows removed; the person is told, and the note stays until dismissed;
 * - `unsigned`: made before backups were signed; it cannot be checked.
 */
export type RestoreCheck = 'none' | 'authentic' | 'tampered' | 'unsigned';

export async function checkRestored(db: AplisDatabase, vault: Vault): Promise<RestoreCheck> {
  const row = await db.meta.get(RESTORE_CHECK_KEY);
  const value = row?.value as { integrity?: BodyIntegrity | null } | undefined;
  if (!value) return 'none';
  if (!value.integrity) return 'unsigned';
  const { digest, mac } = value.integrity;
  const authentic =
    digest instanceof Uint8Array &&
    mac instanceof Uint8Array &&
    (await verifyBody(vault, { digest, mac }));
  if (!authentic) return 'tampered';
  await db.meta.delete(RESTORE_CHECK_KEY);
  return 'authentic';
}

/** The person has read the restore warning. */
export async function dismissRestoreCheck(db: AplisDatabase): Promise<void> {
  await db.meta.delete(RESTORE_CHECK_KEY);
}

/** Remembers that a backup was saved, for the reminder in Settings. */
export async function recordBackupMade(db: AplisDatabase, createdAt: string): Promise<void> {
  await db.meta.put({ key: LAST_BACKUP_KEY, value: createdAt });
}

export async function lastBackupAt(db: AplisDatabase): Promise<string | undefined> {
  const row = await db.meta.get(LAST_BACKUP_KEY);
  return typeof row?.value === 'string' ? row.value : undefined;
}
