/**
 * The keys and the cipher of sync documents (src/sync/codec.ts). The server
 * sees only an opaque id and one ciphertext per document, so each document
 * is sealed twice over: the row's own `sealed` bytes as at rest, and the
 * whole record (table, clear index fields, stamps) under a sync key.
 *
 * Two key sets, alike to the server:
 * - the **team** set, derived from the team key (HKDF, labels `syncId` and
 *   `syncCipher` in subkeys.ts): every document but the keyring's;
 * - the **organisation sync secret** set, derived from a random 32-byte
 *   secret S a coordinator makes when connecting. S travels in join codes,
 *   so a new device can pull the keyring (the passphrase-wrapped team key)
 *   before anyone can unlock it: it has no team key yet. The keyring is
 *   stored unencrypted on every device anyway (its wraps need a passphrase).
 */
import { fromBase64, randomBytes, toBase64, utf8 } from './bytes';
import { openBytes, sealBytes } from './seal';
import { deriveSubkey, SUBKEY_LABELS } from './subkeys';

export interface SyncKeys {
  /** HMAC-SHA256: document ids. */
  id: CryptoKey;
  /** AES-256-GCM: document bodies. */
  cipher: CryptoKey;
}

/** A new organisation sync secret. */
export function newSyncSecret(): Uint8Array<ArrayBuffer> {
  return randomBytes(32);
}

async function hkdfBase(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
}

function info(label: string): {
  name: 'HKDF';
  hash: 'SHA-256';
  salt: Uint8Array<ArrayBuffer>;
  info: Uint8Array<ArrayBuffer>;
} {
  return { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: utf8(label) };
}

async function cipherFrom(base: CryptoKey, label: string): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(info(label), base, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/** The team key set: `teamKey` is the (extractable) team data key. */
export async function teamSyncKeys(teamKey: CryptoKey): Promise<SyncKeys> {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', teamKey));
  try {
    const base = await hkdfBase(raw);
    return {
      id: await deriveSubkey(teamKey, 'syncId'),
      cipher: await cipherFrom(base, SUBKEY_LABELS.syncCipher),
    };
  } finally {
    raw.fill(0);
  }
}

/** The key set of the organisation sync secret S (the keyring's documents). */
export async function secretSyncKeys(secret: Uint8Array<ArrayBuffer>): Promise<SyncKeys> {
  const base = await hkdfBase(secret);
  const id = await crypto.subtle.deriveKey(
    info('aplis:sync-secret:id:v1'),
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
  return { id, cipher: await cipherFrom(base, 'aplis:sync-secret:cipher:v1') };
}

/** base64(iv ‖ AES-GCM(plain)) under `aad`. */
export async function encryptDocBody(
  keys: SyncKeys,
  aad: string,
  plain: Uint8Array<ArrayBuffer>,
): Promise<string> {
  return toBase64(await sealBytes(keys.cipher, aad, plain));
}

/** The plain bytes, or undefined when the body does not authenticate under these keys. */
export async function decryptDocBody(
  keys: SyncKeys,
  aad: string,
  body: string,
): Promise<Uint8Array | undefined> {
  try {
    return await openBytes(keys.cipher, aad, fromBase64(body));
  } catch {
    return undefined;
  }
}
