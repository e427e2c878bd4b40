/**
 * The backup body, before encryption: every table's raw rows as they are on
 * disk (sealed payloads stay sealed, key wraps stay wrapped), so a restore
 * puts back exactly the bytes that were there.
 *
 * Encoding: 4-byte big-endian length ‖ JSON ‖ binary tail. Every byte array
 * in a row (sealed payloads, wraps, salts) is moved to the binary tail and
 * replaced in the JSON by {"$b":[offset,length]}: no base64, so the body is
 * barely larger than the rows themselves.
 */
import type { MetaRow } from '../schema';
import { BackupError } from './errors';

/**
 * 2: the encoded body is followed by a MAC under the team key (integrity.ts).
 * 1: no MAC (made before); still restored and merged, as an unauthenticated file.
 */
export const BODY_FORMAT = 2;
/** The first body format that carries a MAC. */
export const SIGNED_BODY_FORMAT = 2;

export interface BackupBody {
  format: number;
  /** ISO date-time the backup was made. */
  createdAt: string;
  /** Fingerprint of the organisation's team data key (crypto/backup-cipher.ts). */
  keyId: string;
  /** The few meta rows that describe the data rather than this device (see PORTABLE_META). */
  meta: MetaRow[];
  /** Every table except `meta`, row for row. */
  tables: Record<string, Record<string, unknown>[]>;
}

const BYTES_MARK = '$b';

export function encodeBody(body: BackupBody): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const json = JSON.stringify(body, (_key, value: unknown) => {
    if (value instanceof Uint8Array) {
      const ref = { [BYTES_MARK]: [offset, value.length] };
      chunks.push(value);
      offset += value.length;
      return ref;
    }
    return value;
  });
  const text = new TextEncoder().encode(json);
  const out = new Uint8Array(4 + text.length + offset);
  new DataView(out.buffer).setUint32(0, text.length);
  out.set(text, 4);
  let at = 4 + text.length;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes an authenticated body. A malformed one (a writer's bug, not an attack) is "damaged". */
export function decodeBody(bytes: Uint8Array<ArrayBuffer>): BackupBody {
  try {
    if (bytes.length < 4) throw new Error('short');
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
    const tailStart = 4 + length;
    if (tailStart > bytes.length) throw new Error('short');
    const json = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, tailStart));
    const parsed: unknown = JSON.parse(json, (_key, value: unknown) => {
      if (isRecord(value) && BYTES_MARK in value) {
        const ref = value[BYTES_MARK];
        if (!Array.isArray(ref) || ref.length !== 2) throw new Error('bad ref');
        const [from, size] = ref as [number, number];
        const start = tailStart + from;
        if (!Number.isInteger(from) || !Number.isInteger(size) || start + size > bytes.length)
          throw new Error('bad ref');
        return bytes.slice(start, start + size);
      }
      return value;
    });
    if (
      !isRecord(parsed) ||
      typeof parsed.format !== 'number' ||
      typeof parsed.createdAt !== 'string' ||
      typeof parsed.keyId !== 'string' ||
      !Array.isArray(parsed.meta) ||
      !isRecord(parsed.tables)
    )
      throw new Error('shape');
    return parsed as unknown as BackupBody;
  } catch {
    throw new BackupError('damaged');
  }
}

/**
 * Checks every row has what its table needs (an id; sealed tables a payload
 * and `updatedAt`; tombstones their fields), and that every table is one this
 * version knows. Cheap hand-written checks: there are tens of thousands of rows.
 */
export function validateTables(body: BackupBody, knownTables: ReadonlySet<string>): void {
  for (const [name, rows] of Object.entries(body.tables)) {
    if (!knownTables.has(name)) throw new BackupError('newer-version');
    if (!Array.isArray(rows)) throw new BackupError('damaged');
    for (const row of rows) {
      if (!isRecord(row) || typeof row.id !== 'string' || row.id === '')
        throw new BackupError('damaged');
      if (name === 'keyring') continue;
      if (name === 'tombstones') {
        if (
          typeof row.table !== 'string' ||
          // Only tombstones from before they were keyed carry their row's id.
          (row.rowId !== undefined && typeof row.rowId !== 'string') ||
          typeof row.deletedAt !== 'number'
        )
          throw new BackupError('damaged');
        continue;
      }
      if (!(row.sealed instanceof Uint8Array) || typeof row.updatedAt !== 'number')
        throw new BackupError('damaged');
      // Marks are filed into their meeting's register on restore (db/registers.ts).
      if (
        name === 'attendance' &&
        (typeof row.meetingId !== 'string' || typeof row.participantId !== 'string')
      )
        throw new BackupError('damaged');
    }
  }
  for (const row of body.meta) {
    if (!isRecord(row) || typeof row.key !== 'string') throw new BackupError('damaged');
  }
}
