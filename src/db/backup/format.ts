/**
 * The `.aplis` backup file:
 *
 *   "APLIS-BACKUP\n"          magic, 13 bytes of ASCII
 *   header length             4 bytes, big-endian
 *   header                    JSON: format version, KDF name + parameters +
 *                             salt, body IV, passphrase verifier, body length,
 *                             creation time — nothing about any person
 *   body                      AES-256-GCM ciphertext + tag of the whole body
 *                             (body.ts), with every byte before it (magic,
 *                             length, header) as additional data
 *   checksum                  SHA-256 of everything before it, 32 bytes
 *
 * Reading checks, in order, each with its own refusal: the magic (not an
 * Aplis file), the version (made by a newer Aplis), the lengths (truncated),
 * the checksum (damaged by accident), the KDF strength, the verifier (wrong
 * passphrase), and finally authenticated decryption (altered on purpose:
 * someone changed bytes and recomputed the checksum). See docs/backup-format.md.
 */
import {
  backupVerifier,
  checkBackupVerifier,
  decryptBackupBody,
  deriveBackupKey,
  encryptBackupBody,
  newBackupIv,
  sha256,
} from '../../crypto/backup-cipher';
import { concatBytes, fromBase64, toBase64, utf8 } from '../../crypto/bytes';
import { VaultError } from '../../crypto/errors';
import {
  assertKdfStrength,
  newKdfParams,
  type DeriveFn,
  type KdfParams,
  type KdfPolicy,
} from '../../crypto/kdf';
import { BackupError } from './errors';

export const BACKUP_MAGIC = 'APLIS-BACKUP\n';
export const BACKUP_FORMAT = 1;
export const BACKUP_EXTENSION = '.aplis';
const MAGIC_BYTES = utf8(BACKUP_MAGIC);
const LENGTH_BYTES = 4;
const CHECKSUM_BYTES = 32;

export interface BackupHeader {
  format: number;
  createdAt: string;
  kdf: { alg: 'PBKDF2-SHA256'; iterations: number; salt: string };
  /** Base64 IV of the body's AES-GCM. */
  iv: string;
  /** Base64 sealed constant: opens only under the right passphrase's key. */
  verifier: string;
  /** Bytes of body ciphertext, tag included. */
  bodyLength: number;
}

export interface CipherOptions {
  policy: KdfPolicy;
  derive: DeriveFn;
}

export async function writeBackupFile(
  body: Uint8Array<ArrayBuffer>,
  passphrase: string,
  createdAt: string,
  options: CipherOptions,
): Promise<Uint8Array<ArrayBuffer>> {
  const kdf = newKdfParams(options.policy);
  const key = await deriveBackupKey(passphrase, kdf, options.derive);
  const iv = newBackupIv();
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    createdAt,
    kdf: { alg: kdf.alg, iterations: kdf.iterations, salt: toBase64(kdf.salt) },
    iv: toBase64(iv),
    verifier: toBase64(await backupVerifier(key)),
    bodyLength: body.length + 16,
  };
  const headerBytes = utf8(JSON.stringify(header));
  const length = new Uint8Array(LENGTH_BYTES);
  new DataView(length.buffer).setUint32(0, headerBytes.length);
  const prefix = concatBytes(MAGIC_BYTES, length, headerBytes);
  const cipher = await encryptBackupBody(key, iv, prefix, body);
  const withoutChecksum = concatBytes(prefix, cipher);
  return concatBytes(withoutChecksum, await sha256(withoutChecksum));
}

function parseHeader(bytes: Uint8Array): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new BackupError('damaged');
  }
  const h = value as Partial<BackupHeader> | null;
  if (typeof h !== 'object' || h === null || typeof h.format !== 'number')
    throw new BackupError('damaged');
  if (h.format > BACKUP_FORMAT) throw new BackupError('newer-version');
  if (
    h.format !== BACKUP_FORMAT ||
    typeof h.createdAt !== 'string' ||
    typeof h.kdf !== 'object' ||
    h.kdf === null ||
    typeof h.kdf.salt !== 'string' ||
    typeof h.iv !== 'string' ||
    typeof h.verifier !== 'string' ||
    typeof h.bodyLength !== 'number' ||
    !Number.isInteger(h.bodyLength) ||
    h.bodyLength < 16
  )
    throw new BackupError('damaged');
  return h as BackupHeader;
}

export interface BackupLayout {
  header: BackupHeader;
  /** Magic + length + header: the body's additional data. */
  prefix: Uint8Array<ArrayBuffer>;
  cipher: Uint8Array<ArrayBuffer>;
}

/**
 * The plain checks, no passphrase needed: magic, version, lengths, checksum.
 * Also gives the creation date for the restore screen.
 */
export async function inspectBackupFile(file: Uint8Array<ArrayBuffer>): Promise<BackupLayout> {
  const magicLength = Math.min(file.length, MAGIC_BYTES.length);
  for (let i = 0; i < magicLength; i++)
    if (file[i] !== MAGIC_BYTES[i]) throw new BackupError('not-aplis');
  if (file.length === 0) throw new BackupError('not-aplis');
  const headerStart = MAGIC_BYTES.length + LENGTH_BYTES;
  if (file.length < headerStart) throw new BackupError('truncated');
  const headerLength = new DataView(file.buffer, file.byteOffset).getUint32(MAGIC_BYTES.length);
  const prefixEnd = headerStart + headerLength;
  if (prefixEnd > file.length) {
    // A header longer than any real one means the length itself is damaged.
    throw new BackupError(headerLength > 65_536 ? 'damaged' : 'truncated');
  }
  const header = parseHeader(file.subarray(headerStart, prefixEnd));
  const expected = prefixEnd + header.bodyLength + CHECKSUM_BYTES;
  if (file.length < expected) throw new BackupError('truncated');
  if (file.length > expected) throw new BackupError('damaged');
  const checksum = await sha256(file.slice(0, expected - CHECKSUM_BYTES));
  const stored = file.subarray(expected - CHECKSUM_BYTES);
  if (!checksum.every((byte, i) => byte === stored[i])) throw new BackupError('damaged');
  return {
    header,
    prefix: file.slice(0, prefixEnd),
    cipher: file.slice(prefixEnd, prefixEnd + header.bodyLength),
  };
}

/** A file's key derivation may cost at most this many times the floor. */
export const MAX_ITERATIONS_FACTOR = 10;

/** All the checks, then the decrypted body bytes. Throws BackupError with a specific code. */
export async function readBackupFile(
  file: Uint8Array<ArrayBuffer>,
  passphrase: string,
  options: CipherOptions,
): Promise<{ header: BackupHeader; body: Uint8Array<ArrayBuffer> }> {
  const { header, prefix, cipher } = await inspectBackupFile(file);
  let kdf: KdfParams;
  let iv: Uint8Array<ArrayBuffer>;
  let verifier: Uint8Array<ArrayBuffer>;
  try {
    kdf = {
      alg: header.kdf.alg,
      iterations: header.kdf.iterations,
      salt: fromBase64(header.kdf.salt),
    };
    iv = fromBase64(header.iv);
    verifier = fromBase64(header.verifier);
    assertKdfStrength(kdf, options.policy);
    // Nor may a crafted file set a count so high that deriving the key would
    // keep the device busy for minutes or hours.
    if (kdf.iterations > options.policy.floor * MAX_ITERATIONS_FACTOR)
      throw new BackupError('tampered');
  } catch (error) {
    // The checksum matched, so these bytes were written on purpose: a weakened
    // derivation is an attack on the passphrase, not an accident.
    if (error instanceof VaultError || error instanceof DOMException)
      throw new BackupError('tampered');
    throw error;
  }
  const key = await deriveBackupKey(passphrase, kdf, options.derive);
  if (!(await checkBackupVerifier(key, verifier))) throw new BackupError('wrong-passphrase');
  try {
    return { header, body: await decryptBackupBody(key, iv, prefix, cipher) };
  } catch {
    throw new BackupError('tampered');
  }
}
