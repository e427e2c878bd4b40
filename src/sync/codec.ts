/**
 * Rows ↔ sync documents. A document is `{ _id, v: 1, c }`:
 *
 * - `_id` = base32(HMAC(idKey, table + "/" + rowId)): the same row is the
 *   same document on every device, and the server cannot tell tables apart;
 * - `c` = base64(iv ‖ AES-GCM(payload)) with the document id and format
 *   version as additional data, so a body copied under another id fails;
 * - the payload is the JSON of `{ t: table, r: record }` — the record exactly
 *   as Dexie holds it (clear index fields, `sealed`, version, updatedAt) —
 *   padded with spaces to a size bucket, so sizes do not tell kinds of row apart.
 *
 * Decoding refuses what it cannot believe: a body that does not authenticate
 * ('damaged', or 'foreign' when it opens under none of this device's keys at
 * all — the caller decides), and a record whose table and id do not hash to
 * the document's id ('damaged': a genuine body moved under another id).
 */
import { fromBase64, fromUtf8, toBase64, utf8 } from '../crypto/bytes';
import { hmac } from '../crypto/subkeys';
import { decryptDocBody, encryptDocBody, type SyncKeys } from '../crypto/sync-cipher';
import type { SyncRefusalReason } from './types';

export const DOC_FORMAT = 1;

/** A document as stored in the replica and on the server. */
export interface SyncDoc {
  _id: string;
  _rev?: string;
  v: number;
  c: string;
}

export type SyncRecord = Record<string, unknown> & { id: string };

export interface DecodedRow {
  table: string;
  record: SyncRecord;
}

export type Decoded =
  | { ok: true; row: DecodedRow; keys: SyncKeys }
  | { ok: false; reason: Extract<SyncRefusalReason, 'damaged' | 'foreign'> };

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lower case, no padding: CouchDB ids must not start with `_`. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export async function docId(keys: SyncKeys, table: string, rowId: string): Promise<string> {
  return base32(await hmac(keys.id, `${table}/${rowId}`));
}

function aad(id: string, format: number): string {
  return `aplis:sync:${id}#${format}`;
}

/**
 * The padded size of a payload of `length` bytes: powers of two from 256 B to
 * 64 KiB, then whole 64 KiB steps.
 */
export function bucketSize(length: number): number {
  let size = 256;
  while (size < length && size < 65_536) size *= 2;
  return size >= length ? size : Math.ceil(length / 65_536) * 65_536;
}

/** JSON with byte arrays as `{ "$b": base64 }` (the sealed payloads, key wraps' salts). */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array ? { $b: toBase64(v) } : v,
  );
}

function fromJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) =>
    typeof v === 'object' &&
    v !== null &&
    Object.keys(v).length === 1 &&
    typeof (v as { $b?: unknown }).$b === 'string'
      ? fromBase64((v as { $b: string }).$b)
      : v,
  );
}

export async function encodeRow(
  keys: SyncKeys,
  table: string,
  record: SyncRecord,
): Promise<SyncDoc> {
  const _id = await docId(keys, table, record.id);
  const json = utf8(toJson({ t: table, r: record }));
  const padded = new Uint8Array(bucketSize(json.length)).fill(0x20);
  padded.set(json);
  return { _id, v: DOC_FORMAT, c: await encryptDocBody(keys, aad(_id, DOC_FORMAT), padded) };
}

function isDecodedRow(value: unknown): value is { t: string; r: SyncRecord } {
  if (typeof value !== 'object' || value === null) return false;
  const { t, r } = value as { t?: unknown; r?: unknown };
  return (
    typeof t === 'string' &&
    typeof r === 'object' &&
    r !== null &&
    typeof (r as { id?: unknown }).id === 'string'
  );
}

/**
 * Opens a document under the first key set it authenticates under. 'foreign'
 * when it opens under none (another organisation's, or bit-flipped: the
 * caller tells them apart by whether anything else of the database opens).
 */
export async function decodeDoc(
  keySets: readonly SyncKeys[],
  doc: Pick<SyncDoc, '_id' | 'v' | 'c'>,
): Promise<Decoded> {
  if (doc.v !== DOC_FORMAT || typeof doc.c !== 'string') return { ok: false, reason: 'damaged' };
  for (const keys of keySets) {
    const plain = await decryptDocBody(keys, aad(doc._id, doc.v), doc.c);
    if (!plain) continue;
    let value: unknown;
    try {
      value = fromJson(fromUtf8(plain));
    } catch {
      return { ok: false, reason: 'damaged' };
    }
    if (!isDecodedRow(value)) return { ok: false, reason: 'damaged' };
    if ((await docId(keys, value.t, value.r.id)) !== doc._id)
      return { ok: false, reason: 'damaged' };
    return { ok: true, row: { table: value.t, record: value.r }, keys };
  }
  return { ok: false, reason: 'foreign' };
}
