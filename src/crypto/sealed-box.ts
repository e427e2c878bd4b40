/**
 * A "sealed box" for coordinators' data written by someone who cannot read it.
 *
 * A facilitator in a meeting may raise a concern, and that concern is
 * coordinators' data: the facilitator's device holds only the team key, so it
 * seals the row to the coordinators' public key instead. Each box uses a fresh
 * ephemeral ECDH P-256 key; only a holder of the coordinators' private key
 * (itself kept sealed under the coordinator data key) can open it.
 *
 * A box proves nothing about who wrote it: anyone with the public key (it is
 * in the clear) can make one. So the vault accepts boxes only for the few
 * append-only rows a facilitator must write (box-policy.ts), and the
 * repositories re-seal a box under the coordinator key the first time a
 * coordinator opens it (db/box-ledger.ts).
 *
 * Layout: MAGIC (4) ‖ ephemeral public key, raw (65) ‖ IV (12) ‖ ciphertext+tag.
 *
 * - "APB2" (current): the AES-256-GCM key is HKDF-SHA256 of the ECDH shared
 *   secret, with a label, the ephemeral and the recipient public keys as
 *   `info` (as in HPKE and libsodium's box): the raw shared secret is not a
 *   uniformly random key, and binding both public keys ties the key to this
 *   one exchange with this one recipient.
 * - "APBX" (legacy, read only): the raw shared secret was the AES key. Boxes
 *   already on devices must still open; none is written any more.
 */
import { concatBytes, fromUtf8, utf8 } from './bytes';
import { DamagedRecordError } from './errors';
import { openBytes, rowAad, sealBytes, type Sealed } from './seal';

const MAGIC_LEGACY = new Uint8Array([0x41, 0x50, 0x42, 0x58]); // "APBX"
const MAGIC_HKDF = new Uint8Array([0x41, 0x50, 0x42, 0x32]); // "APB2"
const MAGIC_BYTES = 4;
const POINT_BYTES = 65;
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
/** HKDF `info` prefix; the two public keys follow it (fixed lengths, so no ambiguity). */
const HKDF_LABEL = 'aplis:sealed-box:v2';

export type BoxFormat = 'hkdf' | 'legacy';

/** A new key pair: the public key and the private key as bytes to store, and ready to use. */
export async function generateBoxKeys(): Promise<{
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  publicRaw: Uint8Array<ArrayBuffer>;
  privatePkcs8: Uint8Array<ArrayBuffer>;
}> {
  const pair = await crypto.subtle.generateKey(CURVE, true, ['deriveBits']);
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
  return crypto.subtle.importKey('pkcs8', pkcs8, CURVE, false, ['deriveBits']);
}

/**
 * The public key that belongs to a private key, raw: what the stored public
 * key must equal. The private key is imported extractable only here, for the
 * moment it takes to drop `d` from its JWK.
 */
export async function publicRawOf(
  pkcs8: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const extractable = await crypto.subtle.importKey('pkcs8', pkcs8, CURVE, true, ['deriveBits']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', extractable);
  const publicKey = await crypto.subtle.importKey('jwk', { kty, crv, x, y }, CURVE, true, []);
  return new Uint8Array(await crypto.subtle.exportKey('raw', publicKey));
}

async function sharedSecret(privateKey: CryptoKey, publicKey: CryptoKey): Promise<ArrayBuffer> {
  return crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
}

async function hkdfBoxKey(
  secret: ArrayBuffer,
  ephemeralRaw: Uint8Array,
  recipientRaw: Uint8Array,
): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(32),
      info: concatBytes(utf8(HKDF_LABEL), ephemeralRaw, recipientRaw),
    },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** The legacy key: the raw 32-byte shared secret (what ECDH deriveKey to AES-256 gave). */
function legacyBoxKey(secret: ArrayBuffer): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', secret, 'AES-GCM', false, ['decrypt']);
}

const startsWith = (bytes: Uint8Array, magic: Uint8Array) =>
  bytes.length > magic.length && magic.every((byte, i) => bytes[i] === byte);

/** The box format the bytes claim, or undefined for an ordinary row. Not authenticated. */
export function boxFormat(sealed: unknown): BoxFormat | undefined {
  if (!(sealed instanceof Uint8Array)) return undefined;
  if (startsWith(sealed, MAGIC_HKDF)) return 'hkdf';
  if (startsWith(sealed, MAGIC_LEGACY)) return 'legacy';
  return undefined;
}

export function isSealedBox(sealed: unknown): boolean {
  return boxFormat(sealed) !== undefined;
}

export async function sealToBox(
  recipient: CryptoKey,
  table: string,
  id: string,
  value: unknown,
  version?: number,
): Promise<Sealed> {
  const recipientRaw = new Uint8Array(await crypto.subtle.exportKey('raw', recipient));
  const ephemeral = await crypto.subtle.generateKey(CURVE, true, ['deriveBits']);
  const point = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const key = await hkdfBoxKey(
    await sharedSecret(ephemeral.privateKey, recipient),
    point,
    recipientRaw,
  );
  const body = await sealBytes(key, rowAad(table, id, version), utf8(JSON.stringify(value)));
  return concatBytes(MAGIC_HKDF, point, body);
}

/**
 * Opens a box with the coordinators' private key. `recipientRaw` is the
 * public key derived from that private key (never the stored one, which
 * anyone can change). Any failure is a damaged record.
 */
export async function openBox(
  recipient: { privateKey: CryptoKey; publicRaw: Uint8Array },
  table: string,
  id: string,
  sealed: Uint8Array,
  version?: number,
): Promise<{ value: unknown; format: BoxFormat }> {
  const format = boxFormat(sealed);
  try {
    if (!format) throw new Error('not a box');
    const point = sealed.slice(MAGIC_BYTES, MAGIC_BYTES + POINT_BYTES);
    const body = sealed.slice(MAGIC_BYTES + POINT_BYTES);
    const secret = await sharedSecret(recipient.privateKey, await importBoxPublicKey(point));
    const key =
      format === 'hkdf'
        ? await hkdfBoxKey(secret, point, recipient.publicRaw)
        : await legacyBoxKey(secret);
    const value = JSON.parse(
      fromUtf8(await openBytes(key, rowAad(table, id, version), body)),
    ) as unknown;
    return { value, format };
  } catch {
    throw new DamagedRecordError(table, id);
  }
}
