/** Sync documents as devices wrote them before format 2 (sync/codec.ts), for upgrade tests. */
import { toBase64, utf8 } from '../crypto/bytes';
import { encryptDocBody, type SyncKeys } from '../crypto/sync-cipher';
import { docId, type SyncDoc, type SyncRecord } from '../sync/codec';

/**
 * A format-1 document: the JSON of `{ t, r }`, byte arrays as `{ $b: base64 }`,
 * padded with spaces to a power of two from 256 B, sealed with `#1` in the
 * additional data.
 */
export async function formatOneDoc(
  keys: SyncKeys,
  table: string,
  record: SyncRecord,
): Promise<SyncDoc> {
  const _id = await docId(keys, table, record.id);
  const json = utf8(
    JSON.stringify({ t: table, r: record }, (_k, v: unknown) =>
      v instanceof Uint8Array ? { $b: toBase64(v) } : v,
    ),
  );
  let size = 256;
  while (size < json.length) size *= 2;
  const padded = new Uint8Array(size).fill(0x20);
  padded.set(json);
  return { _id, v: 1, c: await encryptDocBody(keys, `aplis:sync:${_id}#1`, padded) };
}
