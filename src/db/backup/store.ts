/**
 * Backups as one service over this device's database and vault, made once in
 * the services factory: what Settings and the restore screen call. The work
 * is in backup.ts (make, open, restore) and merge.ts.
 */
import type { Vault } from '../../crypto/vault';
import type { AplisDatabase } from '../schema';
import {
  checkRestored,
  createBackup,
  dismissRestoreCheck,
  lastBackupAt,
  openBackup,
  recordBackupMade,
  restoreIntoEmpty,
  type BackupFile,
  type BackupOptions,
  type OpenedBackup,
  type RestoreCheck,
} from './backup';
import { applyMerge, previewMerge, type MergePreview, type MergeSummary } from './merge';

export interface BackupStore {
  /** Encrypts every row of every table into one `.aplis` file. Needs an unlocked vault. */
  create(passphrase: string): Promise<BackupFile>;
  /** Remembers that a backup was saved, for the reminder in Settings. */
  recordMade(createdAt: string): Promise<void>;
  lastBackupAt(): Promise<string | undefined>;
  /** Decrypts and checks a backup file; writes nothing. */
  open(file: Uint8Array<ArrayBuffer>, passphrase: string): Promise<OpenedBackup>;
  /** What merging it would change; writes nothing. Coordinators only. */
  previewMerge(backup: OpenedBackup): Promise<MergePreview>;
  /**
   * Merges it. Coordinators only; a file made before backups were signed
   * needs `confirmUnsigned` (the coordinator was told it cannot be checked).
   */
  applyMerge(
    backup: OpenedBackup,
    preview?: MergePreview,
    confirm?: { confirmUnsigned?: boolean },
  ): Promise<MergeSummary>;
  /** Puts a backup's rows into this empty device, in one transaction. */
  restoreIntoEmpty(backup: OpenedBackup): Promise<{ rows: number }>;
  /** After the first unlock since a restore: was the restored file made by this team? */
  checkRestored(): Promise<RestoreCheck>;
  dismissRestoreCheck(): Promise<void>;
}

export function backupStore(
  db: AplisDatabase,
  vault: Vault,
  options: BackupOptions = {},
): BackupStore {
  return {
    create: (passphrase) => createBackup(db, vault, passphrase, options),
    recordMade: (createdAt) => recordBackupMade(db, createdAt),
    lastBackupAt: () => lastBackupAt(db),
    open: (file, passphrase) => openBackup(db, file, passphrase, options),
    previewMerge: (backup) => previewMerge(db, vault, backup, options),
    applyMerge: (backup, preview, confirm) =>
      applyMerge(db, vault, backup, preview, { ...options, ...confirm }),
    restoreIntoEmpty: (backup) => restoreIntoEmpty(db, backup),
    checkRestored: () => checkRestored(db, vault),
    dismissRestoreCheck: () => dismissRestoreCheck(db),
  };
}
