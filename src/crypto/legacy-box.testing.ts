/**
 * Tests only: a sealed box as devices wrote them before HKDF ("APBX", the raw
 * ECDH secret as the AES key), to show such boxes still open. Nothing in the
 * app imports this; the app never writes the legacy format.
 */
import { concatBytes, utf8 } from './bytes';
import { rowAad, sealBytes } from './seal';

export async function sealLegacyBox(
  publicKey: CryptoKey,
  table: string,
  id: string,
  value: unknown,
): Promise<Uint8Array<ArrayBuffer>> {
  const curve = { name: 'ECDH', namedCurve: 'P-256' };
  const ephemeral = await crypto.subtle.generateKey(curve, true, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'ECDH', public: publicKey },
    ephemeral.privateKey,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
  const point = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const body = await sealBytes(key, rowAad(table, id), utf8(JSON.stringify(value)));
  return concatBytes(new Uint8Array([0x41, 0x50, 0x42, 0x58]), point, body);
}
