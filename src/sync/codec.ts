/**
 * Rows ↔ sync documents. A document is `{ _id, v, c }` (and CouchDB's `_rev`):
 *
 * - `_id` = base32(HMAC(idKey, table + "/" + rowId)): the same row is the
 *   same document on every device, and the server cannot tell tables apart;
 * - `v` = the format (`DOC_FORMAT`, 2; format 1 is still read);
 * - `c` = base64(iv ‖ AES-GCM(body)) with the document id and the format as
 *   additional data, so a body copied under another id, or relabelled as
 *   another format, fails to open;
 * - the body is `[table, record]` — the record exactly as Dexie holds it
 *   (clear index fields, `sealed`, version, updatedAt) — in the binary form
 *   of packed.ts, then zeros up to a size bucket (`bucketSize`).
 *
 * Format 1 (still opened, no longer written) had the JSON of `{ t, r }` as the
 * body, byte arrays as base64 inside it, padded with spaces to powers of two
 * from 256 B. It stored 7.0× the raw JSON of the rows on the server; format 2
 * stores about 4× (docs/sync-bench.md). Where the bytes went: the inner
 * base64 (×4/3 on `sealed`, the largest part), UUIDs and blind tokens as text
 * (38 and 24 bytes, now 17), key names, and power-of-two padding.
 *
 * What the sizes tell the server (the privacy trade-off of the buckets):
 * bodies are padded to 512 B at least, then in steps of a sixteenth of the
 * next power of two (64 B up to 1 KiB, 128 B up to 2 KiB, …: at most +12.5 %).
 * Every attendance mark (a time and a short reason included), every
 * participant (a chosen name up to its 80 characters, Latin or Cyrillic) and
 * a note of a sentence or so is one 512 B body, so the server cannot tell
 * these apart nor learn the length of a name; it can tell that a document is
 * larger than that (a note of two sentences is 576 B), and the length of a
 * large one (a long note, a plan) to within 12.5 % — format 1 told it within
 * a factor of two, and split participants into two sizes by the length of
 * their names. A 384 B floor would store ~15 % less (3.4× instead of 4.0× in
 * the benchmark organisation) but tell short notes, and long names, from
 * marks. The body is not compressed: sizes that depend on what compresses
 * would say something about the content (CRIME-like), and `sealed`, most of
 * the body, is ciphertext, which does not compress anyway.
 *
 * The id stays 256 bits (52 characters): a 128-bit id would save ~26 bytes a
 * document (~3 %), but the id is how devices find a row's document, so every
 * format-1 document on a server would be left behind next to a new twin
 * (twice the storage, and the old body of a row deleted later never removed)
 * unless the engine moved them over.
 *
 * Formats 3 and 4 are a meeting's attendance register: every mark of one
 * meeting in one document, id `docId(keys, 'register', meetingId)`. In format
 * 3 (still read, no longer written) each mark is the row Dexie holds, sealed
 * as at rest: a register of 12 marks is one body of 4,608 B instead of twelve
 * of 512 B, and the benchmark organisation 3.0× its raw JSON instead of 4.0×.
 * Format 4 (`encodeRegister`) carries each mark the writing device can open
 * slim (`SlimMark`, wire-marks.ts): its clear id, person value and stamps,
 * and its payload without the ids the at-rest payload repeats, sealed again
 * under the team key (newest generation) and bound by the additional data to
 * the meeting, the mark's id, person value and stamps; the meeting's id is
 * said once, by the register. The receiving device seals the mark at rest
 * itself. A mark it cannot open travels as at rest, as in format 3. A
 * register of 12 marks is a 2,560 B body: the benchmark organisation is 2.2×
 * its raw JSON (issue #16: ≤ 2.5×).
 *
 * What a register's size tells the server: roughly how many marks the meeting
 * has (bodies step by at most 12.5 %: 256 B around 12 slim marks of ~200 B,
 * so 11, 12 and 13 marks may share a size or not), and a little about how much
 * was written in the marks' reasons (a reason of a sentence is ~60 B more
 * inside its mark, as it was in format 3); not whose marks or their statuses.
 * A device of an older format only refuses a register of a newer one as
 * damaged (it says so once in Settings → Sync) and keeps the marks it had; it
 * reads it again once after it upgrades (`NEWEST_FORMAT`, state.ts
 * `refusalsToReread`).
 *
 * Decoding refuses what it cannot believe: a body that does not authenticate
 * ('damaged', or 'foreign' when it opens under none of this device's keys at
 * all — the caller decides), a body that does not read as its format (or
 * whose padding is not zeros), and a record whose table and id do not hash to
 * the document's id ('damaged': a genuine body moved under another id).
 */
import { fromBase64, fromUtf8 } from '../crypto/bytes';
import { hmac } from '../crypto/subkeys';
import { decryptDocBody, encryptDocBody, type SyncKeys } from '../crypto/sync-cipher';
import { pack, unpack } from './packed';
import type { SyncRefusalReason } from './types';

export const DOC_FORMAT = 2;
/**
 * A meeting's attendance register, as written now: every mark of one meeting in
 * one document, each mark slim where this device could open it (`SlimMark`).
 */
export const REGISTER_FORMAT = 4;
/** A register whose marks are all exactly as sealed at rest (written until format 4; still read). */
export const FULL_REGISTER_FORMAT = 3;
/** The newest format this build reads: a device that remembers an older one reads its refusals again (state.ts). */
export const NEWEST_FORMAT = REGISTER_FORMAT;
/** The table name a register document's body carries; its record's id is the meeting's id. */
export const REGISTER_TABLE = 'register';
/** Formats this device opens: 1 from devices not yet upgraded (and older documents on the server). */
const READABLE_FORMATS: ReadonlySet<number> = new Set([
  1,
  2,
  FULL_REGISTER_FORMAT,
  REGISTER_FORMAT,
]);

/** Whether documents of this format are registers (3 or 4). */
export function isRegisterFormat(format: unknown): boolean {
  return format === FULL_REGISTER_FORMAT || format === REGISTER_FORMAT;
}

/**
 * A mark as a format-4 register carries it when the writing device could open
 * it (sync/wire-marks.ts): its clear id, blind person value and stamps, and `w`,
 * its own payload sealed again under the team key (newest generation) with the
 * meeting, the mark's id, stamps and person value in the additional data —
 * without the ids the at-rest payload repeats. On the wire it has no
 * `meetingId` (the register's id says it); decoded, `registerMarks` puts it back.
 */
export interface SlimMark {
  id: string;
  meetingId: string;
  participantId: string;
  updatedAt: number;
  version: number;
  w: Uint8Array<ArrayBuffer>;
}

/** True for a mark in its slim form (a `w`, no at-rest `sealed`). */
export function isSlimMark(mark: object): mark is SlimMark {
  const m = mark as Partial<Record<string, unknown>>;
  return m.w instanceof Uint8Array && m.sealed === undefined;
}

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

/** The smallest padded body (bytes): see the header for what it hides. */
export const MIN_BUCKET = 512;

/**
 * The padded size of a format-2 body of `length` bytes: 512 B at least, then
 * steps of a sixteenth of the next power of two (64 B up to 1 KiB, 128 B up to
 * 2 KiB, …), so padding adds at most 12.5 % above 512 B.
 */
export function bucketSize(length: number): number {
  if (length <= MIN_BUCKET) return MIN_BUCKET;
  let top = MIN_BUCKET;
  while (top < length) top *= 2;
  const step = top / 16;
  return Math.ceil(length / step) * step;
}

/** Format 1's JSON, with byte arrays as `{ "$b": base64 }`. */
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
  const body = pack([table, record], bucketSize);
  return { _id, v: DOC_FORMAT, c: await encryptDocBody(keys, aad(_id, DOC_FORMAT), body) };
}

/**
 * A meeting's register as one document (format 3): its id is
 * `docId(keys, 'register', meetingId)` (HMAC of `register/<meetingId>`, the same
 * on every device), its body `['register', { id: meetingId, marks }]`, each mark
 * exactly the row Dexie holds (still sealed as at rest: apply checks every mark
 * on its own). Padded as format 2: a register of 12 marks (~4.4 KB) is one of
 * the 1/16-of-a-power-of-two steps, so its size tells the server roughly how
 * many marks the meeting has (to within ~12.5 %: 12 marks from 11 or 13 only
 * sometimes), no more: which marks, whose, or their statuses it cannot see.
 */
export async function encodeRegister(
  keys: SyncKeys,
  meetingId: string,
  marks: readonly SyncRecord[],
  format: typeof REGISTER_FORMAT | typeof FULL_REGISTER_FORMAT = REGISTER_FORMAT,
): Promise<SyncDoc> {
  const _id = await docId(keys, REGISTER_TABLE, meetingId);
  // A slim mark's meeting is the register's: stated once, and bound into its `w`.
  const wire = marks.map((m) => {
    if (!isSlimMark(m)) return m;
    const { meetingId: _meeting, ...own } = m;
    return own;
  });
  const body = pack([REGISTER_TABLE, { id: meetingId, marks: wire }], bucketSize);
  return { _id, v: format, c: await encryptDocBody(keys, aad(_id, format), body) };
}

/**
 * The marks of a decoded register document (`row.table === REGISTER_TABLE`):
 * marks as sealed at rest, and slim marks (format 4) with their meeting put back.
 */
export function registerMarks(row: DecodedRow): SyncRecord[] {
  const meetingId = row.record.id;
  return (row.record as unknown as { marks: SyncRecord[] }).marks.map((m) =>
    m.w instanceof Uint8Array && m.sealed === undefined ? { ...m, meetingId } : m,
  );
}

/**
 * A register body reads only as a register: every mark an object with its own
 * id, of this meeting, no id twice. Anything else refuses the whole document
 * (its shape is wrong, not one mark): a mark that reads but fails its own check
 * (apply, genuine.ts) is refused alone.
 */
function isRegister(value: { t: string; r: SyncRecord }, format: number): boolean {
  if (value.t !== REGISTER_TABLE) return false;
  const marks = (value.r as { marks?: unknown }).marks;
  if (!Array.isArray(marks) || marks.length === 0) return false;
  const ids = new Set<string>();
  for (const m of marks as unknown[]) {
    if (typeof m !== 'object' || m === null) return false;
    const { id, meetingId, sealed, w, version, updatedAt, participantId } = m as Partial<
      Record<string, unknown>
    >;
    if (typeof id !== 'string' || ids.has(id)) return false;
    ids.add(id);
    if (w === undefined) {
      if (meetingId !== value.r.id) return false;
      continue;
    }
    // A slim mark (format 4 only): its meeting is the register's, never its own.
    if (format !== REGISTER_FORMAT || meetingId !== undefined || sealed !== undefined) return false;
    if (!(w instanceof Uint8Array) || typeof participantId !== 'string') return false;
    if (!Number.isSafeInteger(version) || typeof updatedAt !== 'number') return false;
  }
  return true;
}

/** The table and record of an opened body, or undefined when they do not read. */
function readBody(format: number, plain: Uint8Array): unknown {
  try {
    if (format === 1) return fromJson(fromUtf8(plain));
    const [t, r] = unpack(plain, 2);
    return { t, r };
  } catch {
    return undefined;
  }
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
  if (!READABLE_FORMATS.has(doc.v) || typeof doc.c !== 'string')
    return { ok: false, reason: 'damaged' };
  for (const keys of keySets) {
    const plain = await decryptDocBody(keys, aad(doc._id, doc.v), doc.c);
    if (!plain) continue;
    const value = readBody(doc.v, plain);
    if (!isDecodedRow(value)) return { ok: false, reason: 'damaged' };
    // Formats 3 and 4 are registers and nothing else; a register travels only as one of them.
    if (isRegisterFormat(doc.v) !== (value.t === REGISTER_TABLE))
      return { ok: false, reason: 'damaged' };
    if (isRegisterFormat(doc.v) && !isRegister(value, doc.v))
      return { ok: false, reason: 'damaged' };
    if ((await docId(keys, value.t, value.r.id)) !== doc._id)
      return { ok: false, reason: 'damaged' };
    return { ok: true, row: { table: value.t, record: value.r }, keys };
  }
  return { ok: false, reason: 'foreign' };
}
