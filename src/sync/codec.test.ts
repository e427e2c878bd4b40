// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { generateDataKey } from '../crypto/keyring';
import { encryptDocBody, newSyncSecret, secretSyncKeys, teamSyncKeys } from '../crypto/sync-cipher';
import { fromBase64, toBase64, utf8 } from '../crypto/bytes';
import { bucketSize, decodeDoc, DOC_FORMAT, docId, encodeRow } from './codec';
import { pack } from './packed';
import { formatOneDoc } from '../testing/sync-format-one';

const record = {
  id: 'p-1',
  sealed: new Uint8Array([1, 2, 3, 250]),
  updatedAt: 1_700_000_000_000,
  version: 3,
};

describe('sync codec', () => {
  it('round-trips a record, byte arrays included', async () => {
    const keys = await teamSyncKeys(await generateDataKey());
    const doc = await encodeRow(keys, 'participants', record);
    expect(doc._id).toMatch(/^[a-z2-7]{52}$/);
    const decoded = await decodeDoc([keys], doc);
    expect(decoded.ok && decoded.row).toEqual({ table: 'participants', record });
  });

  it('writes format 2, and pads bodies to buckets so a small and a larger row look alike', async () => {
    const keys = await teamSyncKeys(await generateDataKey());
    const small = await encodeRow(keys, 'tombstones', { id: 't', table: 'x', deletedAt: 1 });
    const larger = await encodeRow(keys, 'participants', {
      ...record,
      sealed: new Uint8Array(300),
    });
    expect(small.v).toBe(2);
    expect(DOC_FORMAT).toBe(2);
    expect(small.c.length).toBe(larger.c.length);
    // iv + 512 B + tag, in base64.
    expect(fromBase64(small.c).length).toBe(12 + 512 + 16);
    const large = await encodeRow(keys, 'notes', { ...record, sealed: new Uint8Array(600) });
    expect(fromBase64(large.c).length).toBe(12 + 640 + 16);
  });

  it('pads to 512 B, then in steps of a sixteenth of the next power of two', () => {
    expect([1, 512].map(bucketSize)).toEqual([512, 512]);
    expect([513, 576, 577, 1024].map(bucketSize)).toEqual([576, 576, 640, 1024]);
    expect([1025, 2048, 2049].map(bucketSize)).toEqual([1152, 2048, 2304]);
    expect(bucketSize(70_000)).toBe(73_728);
    for (let n = 513; n < 200_000; n += 97) {
      expect(bucketSize(n)).toBeGreaterThanOrEqual(n);
      expect(bucketSize(n) / n).toBeLessThanOrEqual(1.125);
    }
  });

  it('opens a format-1 document, byte arrays included', async () => {
    const keys = await teamSyncKeys(await generateDataKey());
    const old = await formatOneDoc(keys, 'participants', record);
    expect(old._id).toBe((await encodeRow(keys, 'participants', record))._id);
    const decoded = await decodeDoc([keys], old);
    expect(decoded.ok && decoded.row).toEqual({ table: 'participants', record });
  });

  it('refuses a format-2 document with any bit flipped, its format changed, or under another id', async () => {
    const keys = await teamSyncKeys(await generateDataKey());
    const doc = await encodeRow(keys, 'participants', record);
    const other = await encodeRow(keys, 'participants', { ...record, id: 'p-2' });
    const bytes = fromBase64(doc.c);
    // Every byte of iv, ciphertext (padding included) and tag.
    for (let i = 0; i < bytes.length; i++) {
      const flipped = bytes.slice();
      flipped[i]! ^= 1 << (i % 8);
      const opened = await decodeDoc([keys], { ...doc, c: toBase64(flipped) });
      expect(opened.ok, `byte ${i}`).toBe(false);
    }
    for (const v of [1, 3, 0]) expect((await decodeDoc([keys], { ...doc, v })).ok).toBe(false);
    expect((await decodeDoc([keys], { ...doc, _id: other._id })).ok).toBe(false);
    expect((await decodeDoc([keys], { ...other, c: doc.c })).ok).toBe(false);
    expect((await decodeDoc([keys], { ...doc, c: 'not base64!' })).ok).toBe(false);
    expect((await decodeDoc([keys], doc)).ok).toBe(true);
  });

  it('refuses an authentic format-2 body that does not read, or whose padding is not zeros', async () => {
    const keys = await teamSyncKeys(await generateDataKey());
    const id = await docId(keys, 'participants', record.id);
    const seal = (body: Uint8Array<ArrayBuffer>) =>
      encryptDocBody(keys, `aplis:sync:${id}#2`, body).then((c) => ({ _id: id, v: 2, c }));
    const good = pack(['participants', record], () => 512);
    expect((await decodeDoc([keys], await seal(good))).ok).toBe(true);
    const junk = good.slice();
    junk[500] = 0x20;
    expect(await decodeDoc([keys], await seal(junk))).toEqual({ ok: false, reason: 'damaged' });
    const noRecord = pack(['participants', 'not a record'], () => 512);
    expect(await decodeDoc([keys], await seal(noRecord))).toEqual({
      ok: false,
      reason: 'damaged',
    });
    // A format-1 body relabelled as format 2 under a forged format: it does not read.
    const json = pack([], () => 512).fill(0x20);
    json.set(utf8(JSON.stringify({ t: 'participants', r: { id: record.id } })));
    expect(await decodeDoc([keys], await seal(json))).toEqual({ ok: false, reason: 'damaged' });
  });

  it('refuses a body moved under another document id', async () => {
    const keys = await teamSyncKeys(await generateDataKey());
    const a = await encodeRow(keys, 'participants', record);
    const b = await encodeRow(keys, 'participants', { ...record, id: 'p-2' });
    const moved = await decodeDoc([keys], { ...b, c: a.c });
    expect(moved).toEqual({ ok: false, reason: 'foreign' });
  });

  it('refuses a record whose table and id do not hash to its document id as damaged', async () => {
    const keys = await teamSyncKeys(await generateDataKey());
    const id = await docId(keys, 'participants', 'p-1');
    // Sealed under the right keys and id, but naming another row inside.
    const body = utf8(
      JSON.stringify({ t: 'participants', r: { ...record, id: 'p-9', sealed: 1 } }),
    );
    const c = await encryptDocBody(keys, `aplis:sync:${id}#1`, body);
    expect(await decodeDoc([keys], { _id: id, v: 1, c })).toEqual({ ok: false, reason: 'damaged' });
  });

  it('opens the keyring set and the team set only under their own keys', async () => {
    const team = await teamSyncKeys(await generateDataKey());
    const secret = await secretSyncKeys(newSyncSecret());
    const doc = await encodeRow(secret, 'keyring', { id: 'wrap-1', createdAt: 'x' });
    expect((await decodeDoc([team], doc)).ok).toBe(false);
    const opened = await decodeDoc([secret, team], doc);
    expect(opened.ok && opened.keys).toBe(secret);
    expect(await docId(team, 'keyring', 'wrap-1')).not.toBe(doc._id);
  });
});
