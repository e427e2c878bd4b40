import { describe, expect, it } from 'vitest';
import { fromUtf8 } from './bytes';
import { DamagedRecordError } from './errors';
import { sealLegacyBox } from './legacy-box.testing';
import {
  boxFormat,
  generateBoxKeys,
  importBoxPrivateKey,
  openBox,
  publicRawOf,
  sealToBox,
} from './sealed-box';

const CONCERN = { id: 'c1', seenOrSaid: 'Said an older friend asks her to bring others' };

async function recipient() {
  const keys = await generateBoxKeys();
  return { ...keys, open: { privateKey: keys.privateKey, publicRaw: keys.publicRaw } };
}

describe('sealed boxes with an HKDF-derived key', () => {
  it('round-trips in the HKDF format ("APB2")', async () => {
    const r = await recipient();
    const sealed = await sealToBox(r.publicKey, 'concerns', CONCERN.id, CONCERN);
    expect(fromUtf8(sealed.subarray(0, 4))).toBe('APB2');
    expect(boxFormat(sealed)).toBe('hkdf');
    expect(await openBox(r.open, 'concerns', CONCERN.id, sealed)).toEqual({
      value: CONCERN,
      format: 'hkdf',
    });
  });

  it('does not use the raw shared secret as the key: relabelled as a legacy box it does not open', async () => {
    const r = await recipient();
    const sealed = await sealToBox(r.publicKey, 'concerns', CONCERN.id, CONCERN);
    const relabelled = sealed.slice();
    relabelled.set([0x41, 0x50, 0x42, 0x58]);
    await expect(openBox(r.open, 'concerns', CONCERN.id, relabelled)).rejects.toBeInstanceOf(
      DamagedRecordError,
    );
  });

  it('binds the recipient public key: opened as if for another recipient, it fails', async () => {
    const r = await recipient();
    const other = await generateBoxKeys();
    const sealed = await sealToBox(r.publicKey, 'concerns', CONCERN.id, CONCERN);
    await expect(
      openBox(
        { privateKey: r.privateKey, publicRaw: other.publicRaw },
        'concerns',
        CONCERN.id,
        sealed,
      ),
    ).rejects.toBeInstanceOf(DamagedRecordError);
  });

  it('binds the row: moved to another id or table, it fails', async () => {
    const r = await recipient();
    const sealed = await sealToBox(r.publicKey, 'concerns', CONCERN.id, CONCERN);
    await expect(openBox(r.open, 'concerns', 'c2', sealed)).rejects.toBeInstanceOf(
      DamagedRecordError,
    );
    await expect(openBox(r.open, 'followUps', CONCERN.id, sealed)).rejects.toBeInstanceOf(
      DamagedRecordError,
    );
  });

  it('still opens a legacy box already on a device, and says it is one', async () => {
    const r = await recipient();
    const sealed = await sealLegacyBox(r.publicKey, 'concerns', CONCERN.id, CONCERN);
    expect(boxFormat(sealed)).toBe('legacy');
    expect(await openBox(r.open, 'concerns', CONCERN.id, sealed)).toEqual({
      value: CONCERN,
      format: 'legacy',
    });
  });

  it('derives the public key from the stored private key', async () => {
    const r = await recipient();
    expect(Array.from(await publicRawOf(r.privatePkcs8))).toEqual(Array.from(r.publicRaw));
    const other = await generateBoxKeys();
    expect(Array.from(await publicRawOf(other.privatePkcs8))).not.toEqual(Array.from(r.publicRaw));
    // The imported private key stays non-extractable.
    const imported = await importBoxPrivateKey(r.privatePkcs8);
    expect(imported.extractable).toBe(false);
  });
});
