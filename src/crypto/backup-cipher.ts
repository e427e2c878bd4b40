/**
 * The cryptography of a backup file (the layout is in db/backup/format.ts).
 *
 * - The backup has a passphrase of its own: PBKDF2-SHA256 at the vault's
 *   floor (the same derivation and Worker as unlocking) gives an AES-256-GCM
 *   key that encrypts the whole body once. The file's plain header is the
 *   additional data, so a changed header fails authentication just as a
 *   changed body does.
 * - A small "verifier" (a constant sealed under the same key, stored in the
 *   header) tells a wrong passphrase apart from a file that was altered.
 * - A key fingerprint (SHA-256 over a label and the raw team data key)
 *   identifies the organisation's data key without revealing it, so a backup
 *   from another organisation is recognised before anything is merged.
 */
import { concatBytes, randomBytes, utf8 } from './bytes';
import type { DeriveFn, KdfParams } from './kdf';
import { IV_BYTES, openBytes, sealBytes } from './seal';

const VERIFIER_AAD = 'aplis:backup-verifier';
const VERIFIER_TEXT = 'aplis backup';

/** Derives the backup key from its passphrase (in the KDF Worker in the browser). */
export async function deriveBackupKey(
  passphrase: string,
  kdf: KdfParams,
  derive: DeriveFn,
): Promise<CryptoKey> {
  const bits = await derive(passphrase, kdf);
  return crypto.subtle.importKey('raw', bits, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

export function backupVerifier(key: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return sealBytes(key, VERIFIER_AAD, utf8(VERIFIER_TEXT));
}

/** True when `verifier` opens under `key`, i.e. the passphrase is the one the file was made with. */
export async function checkBackupVerifier(key: CryptoKey, verifier: Uint8Array): Promise<boolean> {
  try {
    await openBytes(key, VERIFIER_AAD, verifier);
    return true;
  } catch {
    return false;
  }
}

export function newBackupIv(): Uint8Array<ArrayBuffer> {
  return randomBytes(IV_BYTES);
}

/** AES-GCM over the whole body, with the header bytes as additional data. */
export async function encryptBackupBody(
  key: CryptoKey,
  iv: Uint8Array<ArrayBuffer>,
  header: Uint8Array<ArrayBuffer>,
  body: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: header },
    key,
    body,
  );
  return new Uint8Array(cipher);
}

/** Throws (WebCrypto's OperationError) when the body or the header was changed. */
export async function decryptBackupBody(
  key: CryptoKey,
  iv: Uint8Array<ArrayBuffer>,
  header: Uint8Array<ArrayBuffer>,
  cipher: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv, additionalData: header },
    key,
    cipher,
  );
  return new Uint8Array(plain);
}

export async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/**
 * A stable, non-secret identity of a data key: SHA-256 of a label and the raw
 * key, first 16 bytes, as hex. The data key is extractable in memory only.
 */
export async function keyFingerprint(dataKey: CryptoKey): Promise<string> {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', dataKey));
  const digest = await sha256(concatBytes(utf8('aplis:key-fingerprint\0'), raw));
  raw.fill(0);
  return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}
