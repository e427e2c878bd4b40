/**
 * Backups as one service over this device's database and vault, made once in
 * the services factory: what Settings and the restore screen call. The work
 * is in backup.ts (make, open, restore) and merge.ts.
 */
import type { Vault } from '../../crypto/vault';
import type { AplisDatabase } from '../schema';
import {
  createBackup,
  lastBackupAt,
  openBackup,
  recordBackupMade,
  restoreIntoEmpty,
  type BackupFile,
  type BackupOptions,
  type OpenedBackup,
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
  /** What merging it would change; writes nothing. */
  previewMerge(backup: OpenedBackup): Promise<MergePreview>;
  applyMerge(backup: OpenedBackup, preview?: MergePreview): Promise<MergeSummary>;
  /** Puts a backup's rows into this empty device, in one transaction. */
  restoreIntoEmpty(backup: OpenedBackup): Promise<{ rows: number }>;
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
    previewMerge: (backup) => previewMerge(db, vault, backup),
    applyMerge: (backup, preview) => applyMerge(db, vault, backup, preview),
    restoreIntoEmpty: (backup) => restoreIntoEmpty(db, backup),
  };
}
