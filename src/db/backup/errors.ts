/**
 * Why a backup was refused. Each code has its own message in
 * locales/<lng>/settings.json (`backup.errors.<code>`); none carries a
 * passphrase or anything from the file's contents.
 */
export type BackupErrorCode =
  /** Not an Aplis backup at all (no magic header). */
  | 'not-aplis'
  /** Made by a newer Aplis: this version cannot read it. */
  | 'newer-version'
  /** The file ends early: an interrupted download or copy. */
  | 'truncated'
  /** The checksum does not match: bits were changed by accident (a bad disk or transfer). */
  | 'damaged'
  /** The checksum matches but the encryption does not authenticate: deliberately altered. */
  | 'tampered'
  | 'wrong-passphrase'
  /** A backup of another organisation's data (another data key). */
  | 'foreign'
  /** Restore is only into an empty device; use merge otherwise. */
  | 'not-empty'
  /** The backup passphrase does not meet the passphrase rules. */
  | 'weak-passphrase'
  /** Merging can replace coordinators' records: only a coordinator's session may. */
  | 'coordinators-only'
  /** A file made before backups were signed, merged without the coordinator's confirmation. */
  | 'unconfirmed';

export class BackupError extends Error {
  readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode) {
    super(code);
    this.name = 'BackupError';
    this.code = code;
  }
}

export function isBackupError(error: unknown): error is BackupError {
  return error instanceof BackupError;
}
