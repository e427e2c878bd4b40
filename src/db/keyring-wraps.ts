/**
 * Reading the keyring table: which rows are key wraps, which wraps open the
 * team key, which were made together, and the coordinators' sealed-box row.
 */
import { generateDataKey, type KeyWrap } from '../crypto/keyring';
import { sealBytes } from '../crypto/seal';
import { generateBoxKeys } from '../crypto/sealed-box';
import type { CoordinatorKeys } from '../crypto/vault';
import { boxKeyMac } from './box-key';
import type { CoordinatorBoxRow, KeyWrapRow } from './schema';

export const BOX_ID = 'coordinator-box';
export const BOX_AAD = 'aplis:keyring/coordinator-box';

/** A key wrap, not the box row or the roster row that share the keyring table. */
export function isWrap(row: KeyWrapRow): row is KeyWrap {
  return row.holder.kind === 'staff' || row.holder.kind === 'recovery';
}

/**
 * Wraps of the team key's first generation (the root) only: the ones that say
 * a passphrase is right, and whose key every subkey is derived from. Never a
 * rotated generation's wrap: that key is not the root.
 */
export const teamWraps = (rows: KeyWrapRow[]) =>
  rows.filter(isWrap).filter((w) => !w.key && w.gen === undefined);

/** Wraps of rotated team key generations (2 and on). */
export const generationWraps = (rows: KeyWrapRow[]) =>
  rows.filter(isWrap).filter((w) => !w.key && w.gen !== undefined);

/** Wraps made together share their KDF parameters, so one derived KEK opens them all. */
export function sameKdf(a: KeyWrap['kdf'], b: KeyWrap['kdf']): boolean {
  return (
    a.iterations === b.iterations &&
    a.salt.length === b.salt.length &&
    a.salt.every((byte, i) => byte === b.salt[i])
  );
}

export function sameHolder(a: KeyWrap['holder'], b: KeyWrap['holder']): boolean {
  if (a.kind === 'staff' && b.kind === 'staff') return a.staffId === b.staffId;
  return a.kind === b.kind;
}

/**
 * A new coordinator data key and sealed-box key pair, the private half sealed
 * under it, the public half MAC'd under the team key (db/box-key.ts).
 */
export async function newCoordinatorKeys(teamKey: CryptoKey): Promise<{
  keys: CoordinatorKeys;
  row: CoordinatorBoxRow;
  publicKey: CryptoKey;
}> {
  const dataKey = await generateDataKey();
  const box = await generateBoxKeys();
  const row: CoordinatorBoxRow = {
    id: BOX_ID,
    holder: { kind: 'box' },
    publicKey: box.publicRaw,
    publicKeyMac: await boxKeyMac(teamKey, box.publicRaw),
    sealedPrivateKey: await sealBytes(dataKey, BOX_AAD, box.privatePkcs8),
    createdAt: new Date().toISOString(),
  };
  return {
    keys: { dataKey, boxPrivateKey: box.privateKey, boxPublicRaw: box.publicRaw },
    row,
    publicKey: box.publicKey,
  };
}
