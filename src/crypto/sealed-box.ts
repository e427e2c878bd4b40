/**
 * A "sealed box" for coordinators' data written by someone who cannot read it.
 *
 * A facilitator in a meeting may raise a concern, and that concern is
 * coordinators' data: the facilitator's device holds only the team key, so it
 * seals the row to the coordinators' public key instead. Each box uses a fresh
 * ephemeral ECDH P-256 key; ECDH with the coordinators' public key gives a
 * one-off AES-256-GCM key. Only a holder of the coordinators' private key
 * (itself kept sealed under the coordinator data key) can open it.
 *
 * Layout: MAGIC (4) ‖ ephemeral public key, raw (65) ‖ IV (12) ‖ ciphertext+tag.
 */
import { concatBytes, fromUtf8, utf8 } from './bytes';
import { DamagedRecordError } from './errors';
import { openBytes, rowAad, sealBytes, type Sealed } from './seal';

const MAGIC = new Uint8Array([0x41, 0x50, 0x42, 0x58]); // "APBX"
const POINT_BYTES = 65;
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** A new key pair: the public key and the private key as bytes to store, and ready to use. */
export async function generateBoxKeys(): Promise<{
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  publicRaw: Uint8Array<ArrayBuffer>;
  privatePkcs8: Uint8Array<ArrayBuffer>;
}> {
  const pair = await crypto.subtle.generateKey(CURVE, true, ['deriveKey']);
  const privatePkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  return {
    publicKey: pair.publicKey,
    privateKey: await importBoxPrivateKey(privatePkcs8),
    publicRaw: new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)),
    privatePkcs8,
  };
}

export async function importBoxPublicKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, CURVE, true, []);
}

export async function importBoxPrivateKey(pkcs8: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', pkcs8, CURVE, false, ['deriveKey']);
}

function boxKey(privateKey: CryptoKey, publicKey: CryptoKey): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(
    { name: 'ECDH', public: publicKey },
    privateKey,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export function isSealedBox(sealed: Uint8Array): boolean {
  return sealed.length > MAGIC.length && MAGIC.every((byte, i) => sealed[i] === byte);
}

export async function sealToBox(
  recipient: CryptoKey,
  table: string,
  id: string,
  value: unknown,
  version?: number,
): Promise<Sealed> {
  const ephemeral = await crypto.subtle.generateKey(CURVE, true, ['deriveKey']);
  const key = await boxKey(ephemeral.privateKey, recipient);
  const point = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const body = await sealBytes(key, rowAad(table, id, version), utf8(JSON.stringify(value)));
  return concatBytes(MAGIC, point, body);
}

export async function openBox(
  recipient: CryptoKey,
  table: string,
  id: string,
  sealed: Uint8Array,
  version?: number,
): Promise<unknown> {
  try {
    const point = sealed.slice(MAGIC.length, MAGIC.length + POINT_BYTES);
    const body = sealed.slice(MAGIC.length + POINT_BYTES);
    const key = await boxKey(recipient, await importBoxPublicKey(point));
    return JSON.parse(fromUtf8(await openBytes(key, rowAad(table, id, version), body))) as unknown;
  } catch {
    throw new DamagedRecordError(table, id);
  }
}
