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

/*
 * Team rows sealed under a rotated team key (generation 2 and on, issue 16):
 * `"APG" ‖ generation (1 byte) ‖ IV ‖ ciphertext ‖ tag`, with the generation
 * in the additional data too. Generation 1 — the team key every device had
 * before any rotation — keeps the plain format above, so nothing written
 * before rotations existed changes.
 */
const GENERATION_MAGIC = [0x41, 0x50, 0x47] as const; // "APG"
const GENERATION_HEADER = GENERATION_MAGIC.length + 1;
/** Where the IV starts in a row of generation 2 and on. */
export const GENERATION_IV_AT = GENERATION_HEADER;
export const MAX_GENERATION = 255;

/** The generation a sealed team row names in its header (2…255), or undefined for generation 1. */
export function sealedGeneration(sealed: unknown): number | undefined {
  if (!(sealed instanceof Uint8Array) || sealed.length < GENERATION_HEADER + IV_BYTES + 16)
    return undefined;
  if (!GENERATION_MAGIC.every((byte, i) => sealed[i] === byte)) return undefined;
  const generation = sealed[GENERATION_MAGIC.length]!;
  return generation >= 2 ? generation : undefined;
}

function generationAad(table: string, id: string, generation: number, version?: number): string {
  return `${rowAad(table, id, version)}@g${generation}`;
}

export async function sealRowAt(
  key: CryptoKey,
  generation: number,
  table: string,
  id: string,
  value: unknown,
  version?: number,
): Promise<Sealed> {
  if (!Number.isInteger(generation) || generation < 2 || generation > MAX_GENERATION)
    throw new RangeError('team key generation out of range');
  const body = await sealBytes(
    key,
    generationAad(table, id, generation, version),
    utf8(JSON.stringify(value)),
  );
  return concatBytes(new Uint8Array([...GENERATION_MAGIC, generation]), body);
}

/** Opens a row sealed under generation `generation` (its header already read). */
export async function openRowAt(
  key: CryptoKey,
  generation: number,
  table: string,
  id: string,
  sealed: Uint8Array,
  version?: number,
): Promise<unknown> {
  try {
    const plain = await openBytes(
      key,
      generationAad(table, id, generation, version),
      sealed.slice(GENERATION_HEADER),
    );
    return JSON.parse(fromUtf8(plain)) as unknown;
  } catch {
    throw new DamagedRecordError(table, id);
  }
}
