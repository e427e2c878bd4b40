/**
 * Keys derived from the team key (or the coordinator key) for one purpose
 * each, with HKDF-SHA256 and a label naming that purpose (RFC 5869): a MAC
 * key for backup bodies, a key for blind indexes, a key for tombstone ids,
 * and so on. A derived key is useless for anything else, and learning one
 * tells nothing about the key it came from or its siblings.
 *
 * Only someone holding the parent key can derive them, so an HMAC under a
 * team subkey proves "written by a team member", and one under a coordinator
 * subkey proves "written by a coordinator" — which a key that only encrypts
 * (AES-GCM) cannot, when a sealed box lets anyone encrypt.
 */
import { utf8 } from './bytes';

/** Every purpose a subkey is derived for. Adding one is adding a label here, never reusing one. */
export const SUBKEY_LABELS = {
  /** Blind indexes: HMAC of a person id in a clear index column (team key). */
  blindIndex: 'aplis:subkey:blind-index:v1',
  /** Tombstone and other ids that must not be recomputable from a person id (team key). */
  opaqueId: 'aplis:subkey:opaque-id:v1',
  /** A backup body's rows and tombstones: only a team member can make a mergeable file (team key). */
  backupMac: 'aplis:subkey:backup-mac:v1',
  /** The coordinators' box public key, so a swapped one is noticed (team key). */
  boxKeyMac: 'aplis:subkey:box-key-mac:v1',
  /** The roster of roles, so only a coordinator can make someone a coordinator (coordinator key). */
  rosterMac: 'aplis:subkey:roster-mac:v1',
  /** The audit log's chain of entries (coordinator key). */
  auditChain: 'aplis:subkey:audit-chain:v1',
  /** A staff member's inbox for rotated team keys, vouched for by a coordinator (coordinator key). */
  inboxMac: 'aplis:subkey:inbox-mac:v1',
  /** Sync document ids on the server (team key; sync issue). */
  syncId: 'aplis:subkey:sync-id:v1',
  /** Sync documents' AES-GCM key (team key; sync-cipher.ts derives it as an encryption key). */
  syncCipher: 'aplis:subkey:sync-cipher:v1',
  /**
   * The digest of what the absence rules last read (db/absence-inputs.ts), kept in `meta`:
   * keyed, so the missing-risk list in it cannot be guessed back (coordinator key).
   */
  absenceInputs: 'aplis:subkey:absence-inputs:v1',
} as const;

export type SubkeyPurpose = keyof typeof SUBKEY_LABELS;

/** An HMAC-SHA256 key for `purpose`, derived from an extractable AES key (the team or coordinator key). */
export async function deriveSubkey(parent: CryptoKey, purpose: SubkeyPurpose): Promise<CryptoKey> {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', parent));
  try {
    const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
    return await crypto.subtle.deriveKey(
      {
        name: 'HKDF',
        hash: 'SHA-256',
        salt: new Uint8Array(32),
        info: utf8(SUBKEY_LABELS[purpose]),
      },
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign', 'verify'],
    );
  } finally {
    raw.fill(0);
  }
}

export async function hmac(
  key: CryptoKey,
  data: Uint8Array<ArrayBuffer> | string,
): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, bytes));
}

/** Constant-time check of a MAC (WebCrypto's verify). */
export async function verifyHmac(
  key: CryptoKey,
  mac: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer> | string,
): Promise<boolean> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  return crypto.subtle.verify('HMAC', key, mac, bytes);
}

/**
 * A short opaque id: the first 16 bytes of an HMAC, as base64url. Deterministic
 * (the same input gives the same id on every device of the team), yet nobody
 * without the team key can compute it from a person id.
 */
export async function opaqueToken(key: CryptoKey, text: string): Promise<string> {
  const mac = await hmac(key, text);
  let binary = '';
  for (const byte of mac.subarray(0, 16)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
