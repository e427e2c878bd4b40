/**
 * The binary form of a record inside a format-2 sync document (codec.ts): the
 * same values JSON would carry, without JSON's text. A record is mostly a
 * sealed payload (bytes), ids and stamps; as JSON its bytes went through
 * base64 (×4/3) before the document's own base64, and a UUID took 38 bytes.
 *
 * One tag byte, then:
 *
 * | tag | value                                              | then                         |
 * | --- | -------------------------------------------------- | ---------------------------- |
 * | 0   | null (also `NaN`, `±Infinity`, `undefined` in arrays: what JSON makes of them) | — |
 * | 1/2 | false / true                                       | —                            |
 * | 3   | a safe integer ≥ 0                                 | varint                       |
 * | 4   | a safe integer < 0                                 | varint of −n − 1             |
 * | 5   | any other number                                   | float64, little-endian       |
 * | 6   | a string                                           | varint byte length, UTF-8    |
 * | 7   | a lower-case UUID string (36 characters)           | its 16 bytes                 |
 * | 8   | a 22-character base64url token of 16 bytes (blind indexes, keyed tombstone ids, subkeys.ts `opaqueToken`) | its 16 bytes |
 * | 9   | a byte array (`Uint8Array`)                        | varint length, the bytes     |
 * | 10  | an array                                           | varint count, the values     |
 * | 11  | an object                                          | varint count, (key, value)…  |
 *
 * Keys: a varint n; below `KEYS.length` it is that common key, otherwise a
 * string of n − `KEYS.length` UTF-8 bytes follows. Tags 7 and 8 are used only
 * when the string comes back exactly as it was (case, the token's last
 * character); anything else is an ordinary string. Object keys whose value is
 * `undefined` are left out, as JSON does; an object with `toJSON` (a `Date`)
 * is packed as what `toJSON` returns. `KEYS` and the tags only ever grow:
 * documents written by older devices must keep opening.
 *
 * Varints are LEB128 (7 bits a byte, low first), up to 2^53.
 */

/** Common keys of rows (rows.ts) and key wraps. Append only. */
const KEYS = [
  'id',
  'sealed',
  'updatedAt',
  'version',
  'meetingId',
  'participantId',
  'cohortId',
  'programmeId',
  'status',
  'date',
  'table',
  'deletedAt',
  'erased',
  'rowId',
  'sealedAs',
  'chain',
  'seq',
  'prev',
  'digest',
  'link',
  'by',
  'redacted',
  'participantIds',
  'marks',
  'holder',
  'kind',
  'createdAt',
  'kdf',
  'alg',
  'iterations',
  'salt',
  'wrapped',
  'staffId',
  'publicKey',
  'publicKeyMac',
  'sealedPrivateKey',
  'mac',
  'entries',
  'role',
  'active',
  'gen',
  'inboxId',
] as const;
const KEY_INDEX = new Map<string, number>(KEYS.map((k, i) => [k, i]));

const T_NULL = 0;
const T_FALSE = 1;
const T_TRUE = 2;
const T_UINT = 3;
const T_NINT = 4;
const T_FLOAT = 5;
const T_STRING = 6;
const T_UUID = 7;
const T_TOKEN = 8;
const T_BYTES = 9;
const T_ARRAY = 10;
const T_OBJECT = 11;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** 22 base64url characters whose last one carries 2 bits and 4 zero bits: exactly 16 bytes. */
const TOKEN = /^[A-Za-z0-9_-]{21}[AQgw]$/;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX = new Map<string, number>([...B64URL].map((c, i) => [c, i]));
const HEX = '0123456789abcdef';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A growing byte buffer. */
class Writer {
  #buf = new Uint8Array(512);
  #at = 0;

  #room(n: number) {
    if (this.#at + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#at));
    this.#buf = next;
  }

  byte(b: number) {
    this.#room(1);
    this.#buf[this.#at++] = b;
  }

  bytes(b: Uint8Array) {
    this.#room(b.length);
    this.#buf.set(b, this.#at);
    this.#at += b.length;
  }

  varint(n: number) {
    while (n >= 0x80) {
      this.byte((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.byte(n);
  }

  float(n: number) {
    this.#room(8);
    new DataView(this.#buf.buffer).setFloat64(this.#at, n, true);
    this.#at += 8;
  }

  get length(): number {
    return this.#at;
  }

  /** The bytes written, in a buffer of at least `size` bytes (zeros after them). */
  take(size = this.#at): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(Math.max(size, this.#at));
    out.set(this.#buf.subarray(0, this.#at));
    return out;
  }
}

/** Thrown on bytes that do not read as packed values. */
export class PackedFormatError extends Error {
  constructor(what: string) {
    super(`packed value: ${what}`);
    this.name = 'PackedFormatError';
  }
}

class Reader {
  at = 0;
  constructor(readonly buf: Uint8Array) {}

  byte(): number {
    if (this.at >= this.buf.length) throw new PackedFormatError('ends early');
    return this.buf[this.at++]!;
  }

  bytes(n: number): Uint8Array<ArrayBuffer> {
    if (n > this.buf.length - this.at) throw new PackedFormatError('ends early');
    const out = this.buf.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }

  varint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
      if (scale > 2 ** 53) throw new PackedFormatError('varint too long');
    }
    if (!Number.isSafeInteger(n)) throw new PackedFormatError('varint too large');
    return n;
  }

  float(): number {
    const b = this.bytes(8);
    return new DataView(b.buffer).getFloat64(0, true);
  }
}

function hexValue(code: number): number {
  return code <= 57 ? code - 48 : code - 87; // '0'–'9', 'a'–'f' (checked by UUID)
}

function uuidBytes(text: string): Uint8Array {
  const out = new Uint8Array(16);
  let o = 0;
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) continue;
    out[o++] = (hexValue(text.charCodeAt(i)) << 4) | hexValue(text.charCodeAt(++i));
  }
  return out;
}

function uuidText(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += HEX[b >> 4]! + HEX[b & 15]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function tokenBytes(text: string): Uint8Array {
  const out = new Uint8Array(16);
  let bits = 0;
  let value = 0;
  let o = 0;
  for (const c of text) {
    value = ((value << 6) | B64URL_INDEX.get(c)!) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (o < 16) out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

function tokenText(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += B64URL[(value >> bits) & 63];
    }
  }
  return out + B64URL[(value << (6 - bits)) & 63];
}

function writeString(w: Writer, text: string) {
  if (text.length === 36 && UUID.test(text)) {
    w.byte(T_UUID);
    w.bytes(uuidBytes(text));
    return;
  }
  if (text.length === 22 && TOKEN.test(text)) {
    const bytes = tokenBytes(text);
    if (tokenText(bytes) === text) {
      w.byte(T_TOKEN);
      w.bytes(bytes);
      return;
    }
  }
  const bytes = encoder.encode(text);
  w.byte(T_STRING);
  w.varint(bytes.length);
  w.bytes(bytes);
}

function writeKey(w: Writer, key: string) {
  const known = KEY_INDEX.get(key);
  if (known !== undefined) {
    w.varint(known);
    return;
  }
  const bytes = encoder.encode(key);
  w.varint(KEYS.length + bytes.length);
  w.bytes(bytes);
}

function writeValue(w: Writer, value: unknown, depth: number): void {
  if (depth > 64) throw new TypeError('packed value: nested too deeply');
  if (value === null || value === undefined) return w.byte(T_NULL);
  switch (typeof value) {
    case 'boolean':
      return w.byte(value ? T_TRUE : T_FALSE);
    case 'number':
      if (!Number.isFinite(value)) return w.byte(T_NULL);
      if (Number.isSafeInteger(value)) {
        w.byte(value >= 0 ? T_UINT : T_NINT);
        return w.varint(value >= 0 ? value : -value - 1);
      }
      w.byte(T_FLOAT);
      return w.float(value);
    case 'string':
      return writeString(w, value);
    case 'object':
      break;
    default:
      throw new TypeError(`packed value: cannot pack a ${typeof value}`);
  }
  if (value instanceof Uint8Array) {
    w.byte(T_BYTES);
    w.varint(value.length);
    return w.bytes(value);
  }
  if (Array.isArray(value)) {
    w.byte(T_ARRAY);
    w.varint(value.length);
    for (const item of value as unknown[]) writeValue(w, item, depth + 1);
    return;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return writeValue(w, toJSON.call(value), depth);
  const entries = Object.entries(value).filter(
    ([, v]) => v !== undefined && typeof v !== 'function',
  );
  w.byte(T_OBJECT);
  w.varint(entries.length);
  for (const [k, v] of entries) {
    writeKey(w, k);
    writeValue(w, v, depth + 1);
  }
}

function readKey(r: Reader): string {
  const n = r.varint();
  if (n < KEYS.length) return KEYS[n]!;
  return decoder.decode(r.bytes(n - KEYS.length));
}

function readValue(r: Reader, depth: number): unknown {
  if (depth > 64) throw new PackedFormatError('nested too deeply');
  const tag = r.byte();
  switch (tag) {
    case T_NULL:
      return null;
    case T_FALSE:
      return false;
    case T_TRUE:
      return true;
    case T_UINT:
      return r.varint();
    case T_NINT:
      return -r.varint() - 1;
    case T_FLOAT:
      return r.float();
    case T_STRING:
      return decoder.decode(r.bytes(r.varint()));
    case T_UUID:
      return uuidText(r.bytes(16));
    case T_TOKEN:
      return tokenText(r.bytes(16));
    case T_BYTES:
      return r.bytes(r.varint());
    case T_ARRAY: {
      const n = r.varint();
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(readValue(r, depth + 1));
      return out;
    }
    case T_OBJECT: {
      const n = r.varint();
      const out: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const key = readKey(r);
        // Own data properties only: a key named `__proto__` must not set the prototype.
        Object.defineProperty(out, key, {
          value: readValue(r, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    default:
      throw new PackedFormatError(`unknown tag ${tag}`);
  }
}

/**
 * Packs `values` one after another, in a buffer of at least `size(length)`
 * bytes: the rest is zeros (the padding of a document body).
 */
export function pack(values: readonly unknown[], size: (length: number) => number = (n) => n) {
  const w = new Writer();
  for (const v of values) writeValue(w, v, 0);
  return w.take(size(w.length));
}

/**
 * Reads `count` values; what follows them must be zeros only (padding).
 * Throws `PackedFormatError` on anything else.
 */
export function unpack(bytes: Uint8Array, count: number): unknown[] {
  const r = new Reader(bytes);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) out.push(readValue(r, 0));
  for (let i = r.at; i < bytes.length; i++)
    if (bytes[i] !== 0) throw new PackedFormatError('not zeros after the values');
  return out;
}
