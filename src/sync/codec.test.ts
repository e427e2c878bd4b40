// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { generateDataKey } from '../crypto/keyring';
import { encryptDocBody, newSyncSecret, secretSyncKeys, teamSyncKeys } from '../crypto/sync-cipher';
import { utf8 } from '../crypto/bytes';
import { bucketSize, decodeDoc, docId, encodeRow } from './codec';

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

  it('pads bodies to buckets so a small and a larger row look alike', async () => {
    const keys = await teamSyncKeys(await generateDataKey());
    const small = await encodeRow(keys, 'tombstones', { id: 't', table: 'x', deletedAt: 1 });
    const larger = await encodeRow(keys, 'participants', {
      ...record,
      sealed: new Uint8Array(60),
    });
    expect(small.c.length).toBe(larger.c.length);
    expect(bucketSize(257)).toBe(512);
    expect(bucketSize(70_000)).toBe(131_072);
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
