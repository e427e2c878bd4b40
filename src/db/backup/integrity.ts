/**
 * Who made a backup's body. The file's AES-GCM proves only "someone who knew
 * the backup passphrase": anyone given the file and its passphrase could
 * decrypt it, edit rows, stamps and tombstones, and encrypt it again. So from
 * body format 2 the encoded body is followed by an HMAC under a key derived
 * from the team key (`backupMac`, crypto/subkeys.ts): only a team member's
 * unlocked device can make a body that verifies.
 *
 *   plaintext = encoded body ‖ HMAC-SHA256(backupMac, SHA-256(encoded body))
 *
 * The MAC is over the body's digest, so a restore can keep just the 32-byte
 * digest and MAC and check them after the first unlock (a fresh device has
 * no team key before that).
 */
import { sha256 } from '../../crypto/backup-cipher';
import { concatBytes } from '../../crypto/bytes';
import { hmac, verifyHmac } from '../../crypto/subkeys';
import type { Vault } from '../../crypto/vault';

export const MAC_BYTES = 32;

/** A format-2 body's digest and MAC; null for a body made before backups were signed. */
export interface BodyIntegrity {
  digest: Uint8Array<ArrayBuffer>;
  mac: Uint8Array<ArrayBuffer>;
}

/** The encoded body with its MAC appended. Needs an unlocked vault. */
export async function signBody(
  vault: Vault,
  encoded: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const mac = await hmac(await vault.teamSubkey('backupMac'), await sha256(encoded));
  return concatBytes(encoded, mac);
}

/** Splits a signed body's plaintext into its digest and MAC (no key needed). */
export async function integrityOf(plaintext: Uint8Array<ArrayBuffer>): Promise<BodyIntegrity> {
  const end = Math.max(0, plaintext.length - MAC_BYTES);
  return {
    digest: await sha256(plaintext.subarray(0, end)),
    mac: plaintext.slice(end),
  };
}

/** True when the body was made under this organisation's team key. */
export async function verifyBody(vault: Vault, integrity: BodyIntegrity): Promise<boolean> {
  if (integrity.mac.length !== MAC_BYTES) return false;
  return verifyHmac(await vault.teamSubkey('backupMac'), integrity.mac, integrity.digest);
}
