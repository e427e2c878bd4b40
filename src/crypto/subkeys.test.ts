import { describe, expect, it } from 'vitest';
import { generateDataKey } from './keyring';
import { deriveSubkey, hmac, opaqueToken, verifyHmac } from './subkeys';

describe('subkeys', () => {
  it('gives the same id for the same team key and a different one for another purpose or team', async () => {
    const team = await generateDataKey();
    const again = await deriveSubkey(team, 'opaqueId');
    const a = await opaqueToken(await deriveSubkey(team, 'opaqueId'), 'participants/p1');
    expect(await opaqueToken(again, 'participants/p1')).toBe(a);
    expect(await opaqueToken(await deriveSubkey(team, 'blindIndex'), 'participants/p1')).not.toBe(
      a,
    );
    const other = await generateDataKey();
    expect(await opaqueToken(await deriveSubkey(other, 'opaqueId'), 'participants/p1')).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('verifies a MAC only under the key and text it was made with', async () => {
    const key = await deriveSubkey(await generateDataKey(), 'backupMac');
    const mac = await hmac(key, 'body');
    expect(await verifyHmac(key, mac, 'body')).toBe(true);
    expect(await verifyHmac(key, mac, 'bodY')).toBe(false);
    const stranger = await deriveSubkey(await generateDataKey(), 'backupMac');
    expect(await verifyHmac(stranger, mac, 'body')).toBe(false);
  });
});
