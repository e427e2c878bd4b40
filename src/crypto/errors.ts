/**
 * Errors the vault raises. Each has a stable `code` the UI translates; none
 * carries a passphrase, a key or a decrypted value in its message.
 */
export type VaultErrorCode =
  | 'wrong-passphrase'
  | 'kdf-too-weak'
  | 'locked'
  | 'damaged-record'
  | 'no-vault'
  | 'unsupported'
  /** A coordinators' record, and this session holds only the team key. */
  | 'coordinators-only'
  /** A personal draft, and this session has no personal key (a recovery-code unlock). */
  | 'no-personal-key'
  /**
   * The coordinators' box public key failed its check (db/box-key.ts): a
   * concern cannot be sealed to it; the author's draft keeps it.
   */
  | 'box-key-untrusted';

export class VaultError extends Error {
  readonly code: VaultErrorCode;
  constructor(code: VaultErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'VaultError';
    this.code = code;
  }
}

/** A row whose ciphertext did not authenticate: damaged, tampered or moved. */
export class DamagedRecordError extends VaultError {
  readonly table: string;
  readonly id: string;
  constructor(table: string, id: string) {
    super('damaged-record', `${table}/${id}`);
    this.name = 'DamagedRecordError';
    this.table = table;
    this.id = id;
  }
}

/**
 * A row sealed under a team key generation this session does not hold. Listed
 * as damaged by screens, yet "cannot be told" for a merge's checks
 * (sealed-table.ts `checkRow`): it is taken as it is, and opens after the next unlock.
 */
export class NewerKeyError extends DamagedRecordError {
  readonly generation: number;
  constructor(table: string, id: string, generation: number) {
    super(table, id);
    this.name = 'NewerKeyError';
    this.generation = generation;
  }
}

export function isVaultError(error: unknown, code?: VaultErrorCode): error is VaultError {
  return error instanceof VaultError && (code === undefined || error.code === code);
}
