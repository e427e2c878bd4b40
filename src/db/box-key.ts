/**
 * The coordinators' box public key is authenticated. It sits in the clear in
 * the keyring (anyone must be able to seal a concern to it), so without a
 * check anyone who can write to the browser's storage could swap it for
 * their own and read every concern facilitators raise from then on, while
 * coordinators only see "damaged".
 *
 * - Beside it is an HMAC under a team subkey (`boxKeyMac`): a facilitator's
 *   device seals only to a key whose MAC holds, and otherwise refuses with
 *   `box-key-untrusted` (the concern stays in its author's draft).
 * - A team member could still compute that MAC for a key of their own, so at
 *   every coordinator unlock the stored key is compared with the one derived
 *   from the coordinators' private key; a swapped key (or a missing or wrong
 *   MAC) is rewritten, and a swap is remembered for a notice to coordinators.
 */
import { deriveSubkey, hmac, verifyHmac } from '../crypto/subkeys';
import { importBoxPublicKey } from '../crypto/sealed-box';
import type { CoordinatorKeys } from '../crypto/vault';
import type { AplisDatabase, CoordinatorBoxRow } from './schema';

/** Meta key: when a swapped box public key was last put right (epoch ms), for the coordinators' notice. */
export const BOX_KEY_REPAIRED = 'boxKeyRepairedAt';

export async function boxKeyMac(
  teamKey: CryptoKey,
  publicRaw: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  return hmac(await deriveSubkey(teamKey, 'boxKeyMac'), publicRaw);
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

export interface BoxKeyCheck {
  /** The key to seal concerns to this session; absent when it cannot be trusted. */
  publicKey?: CryptoKey;
  /** The stored key failed its MAC: sealing to it is refused (facilitators). */
  refused: boolean;
  /** The stored key was not the coordinators' and has been put right (coordinators). */
  repaired: boolean;
}

/** Checks the stored box public key at unlock; with the coordinator keys, repairs it. */
export async function checkBoxKey(
  db: AplisDatabase,
  row: CoordinatorBoxRow,
  teamKey: CryptoKey,
  coordinator: CoordinatorKeys | undefined,
  now: () => number,
): Promise<BoxKeyCheck> {
  const macKey = await deriveSubkey(teamKey, 'boxKeyMac');
  if (!coordinator) {
    const ok = row.publicKeyMac ? await verifyHmac(macKey, row.publicKeyMac, row.publicKey) : false;
    return ok
      ? { publicKey: await importBoxPublicKey(row.publicKey), refused: false, repaired: false }
      : { refused: true, repaired: false };
  }
  const right = coordinator.boxPublicRaw;
  const swapped = !sameBytes(row.publicKey, right);
  const macOk =
    !swapped && row.publicKeyMac ? await verifyHmac(macKey, row.publicKeyMac, right) : false;
  if (swapped || !macOk) {
    // A device from before the MAC gets it here too (then nothing was swapped: no notice).
    const fixed: CoordinatorBoxRow = {
      ...row,
      publicKey: right,
      publicKeyMac: await hmac(macKey, right),
    };
    await db.transaction('rw', [db.keyring, db.meta], async () => {
      await db.keyring.put(fixed);
      if (swapped) await db.meta.put({ key: BOX_KEY_REPAIRED, value: now() });
    });
  }
  return { publicKey: await importBoxPublicKey(right), refused: false, repaired: swapped };
}
