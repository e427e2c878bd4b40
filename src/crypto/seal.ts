/**
 * Sealing rows: AES-256-GCM over the JSON of a row's private fields.
 *
 * - A fresh random 96-bit IV on every call: GCM breaks if an IV repeats under
 *   one key, and 2^-32 collision odds hold for far more writes than a device
 *   will make (NIST SP 800-38D, 8.3).
 * - The row's `table/id` and its version are the additional authenticated
 *   data, so a payload copied onto another row (or another table) fails to
 *   open instead of showing one young person's record under another's id,
 *   and an older ciphertext of the same row cannot pose as a newer version.
 *   Rows written before versions (no `version` on disk) used `table/id` only.
 * - The stored value is one byte string: IV (12 bytes) followed by the
 *   ciphertext and its 16-byte tag.
 */
import { concatBytes, fromUtf8, randomBytes, utf8 } from './bytes';
import { DamagedRecordError } from './errors';

export const IV_BYTES = 12;

export type Sealed = Uint8Array<ArrayBuffer>;

/** The additional data of a row: `table/id`, and `#version` for every row sealed since v8. */
export function rowAad(table: string, id: string, version?: number): string {
  return version === undefined ? `aplis:${table}/${id}` : `aplis:${table}/${id}#${version}`;
}

export async function sealBytes(
  key: CryptoKey,
  aad: string,
  plain: Uint8Array<ArrayBuffer>,
): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(aad) },
    key,
    plain,
  );
  return concatBytes(iv, new Uint8Array(cipher));
}

/** Throws `OperationError` (from WebCrypto) when the bytes do not authenticate. */
export async function openBytes(
  key: CryptoKey,
  aad: string,
  sealed: Uint8Array,
): Promise<Uint8Array> {
  if (sealed.length < IV_BYTES + 16) throw new DOMException('too short', 'OperationError');
  const iv = sealed.slice(0, IV_BYTES);
  const cipher = sealed.slice(IV_BYTES);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(aad) },
    key,
    cipher,
  );
  return new Uint8Array(plain);
}

export async function sealRow(
  key: CryptoKey,
  table: string,
  id: string,
  value: unknown,
  version?: number,
): Promise<Sealed> {
  return sealBytes(key, rowAad(table, id, version), utf8(JSON.stringify(value)));
}

/** Opens a sealed row; any failure to authenticate or parse is a damaged record. */
export async function openRow(
  key: CryptoKey,
  table: string,
  id: string,
  sealed: unknown,
  version?: number,
): Promise<unknown> {
  if (!(sealed instanceof Uint8Array)) throw new DamagedRecordError(table, id);
  try {
    const plain = await openBytes(key, rowAad(table, id, version), sealed);
    return JSON.parse(fromUtf8(plain)) as unknown;
  } catch {
    throw new DamagedRecordError(table, id);
  }
}
