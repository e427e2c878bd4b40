/**
 * The key hierarchy, like LUKS key slots:
 *
 *   passphrase ─PBKDF2→ KEK ─AES-GCM wrap→ data key ─AES-GCM→ each row
 *   recovery code ─PBKDF2→ KEK ─┘
 *
 * The data key is random (256 bits) and is stored only wrapped, once per
 * staff member and once for the recovery code. No passphrase hash is stored:
 * a passphrase is "right" exactly when a wrap authenticates under its KEK.
 * Changing a passphrase re-wraps the data key; no row is re-encrypted.
 *
 * The data key is extractable *in memory only*, so an unlocked session can
 * add a wrap (a new staff member, a new recovery code). It is never written
 * anywhere unwrapped.
 */
import { concatBytes, randomBytes, utf8 } from './bytes';
import { VaultError } from './errors';
import {
  assertKdfStrength,
  kekFromBits,
  newKdfParams,
  type DeriveFn,
  type KdfParams,
  type KdfPolicy,
} from './kdf';
import { IV_BYTES } from './seal';

export interface KeyWrap {
  /** Random id; also part of the wrap's additional data. */
  id: string;
  holder: { kind: 'staff'; staffId: string } | { kind: 'recovery' };
  /**
   * Which key this wraps: the team key (absent, as in every wrap made before
   * roles were in the keys), the coordinator key, or the holder's own
   * personal key (their drafts; staff holders only).
   */
  key?: 'coordinator' | 'personal';
  /**
   * Team key wraps only: the generation wrapped (a key made by a rotation,
   * 2 and on). Absent for generation 1, the root — the only wrap that says a
   * passphrase is right.
   */
  gen?: number;
  kdf: KdfParams;
  /** IV followed by the wrapped data key and its tag. */
  wrapped: Uint8Array<ArrayBuffer>;
  createdAt: string;
}

export async function generateDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

/** A team key's bytes, to send it to a colleague's inbox inside a sealed box (db/keyring-generations.ts). */
export async function exportDataKey(key: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.exportKey('raw', key));
}

export async function importDataKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM', length: 256 }, true, [
    'encrypt',
    'decrypt',
  ]);
}

function wrapAad(wrapId: string): Uint8Array<ArrayBuffer> {
  return utf8(`aplis:keywrap/${wrapId}`);
}

export async function wrapWithKek(
  dataKey: CryptoKey,
  kek: CryptoKey,
  wrapId: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const iv = randomBytes(IV_BYTES);
  const wrapped = await crypto.subtle.wrapKey('raw', dataKey, kek, {
    name: 'AES-GCM',
    iv,
    additionalData: wrapAad(wrapId),
  });
  return concatBytes(iv, new Uint8Array(wrapped));
}

export async function unwrapWithKek(wrap: KeyWrap, kek: CryptoKey): Promise<CryptoKey> {
  const iv = wrap.wrapped.slice(0, IV_BYTES);
  const body = wrap.wrapped.slice(IV_BYTES);
  return crypto.subtle.unwrapKey(
    'raw',
    body,
    kek,
    { name: 'AES-GCM', iv, additionalData: wrapAad(wrap.id) },
    { name: 'AES-GCM', length: 256 },
    true,
    ['encrypt', 'decrypt'],
  );
}

/**
 * Makes a new wrap of `dataKey` for `secret`. Pass `kdf` to reuse a salt
 * (staff wraps share the device's salt so unlock derives once, not once per
 * staff member); leave it out for fresh parameters.
 */
export async function createWrap(options: {
  dataKey: CryptoKey;
  secret: string;
  holder: KeyWrap['holder'];
  policy: KdfPolicy;
  derive: DeriveFn;
  kdf?: KdfParams;
}): Promise<KeyWrap> {
  const kdf = options.kdf ?? newKdfParams(options.policy);
  assertKdfStrength(kdf, options.policy);
  const id = crypto.randomUUID();
  const kek = await kekFromBits(await options.derive(options.secret, kdf));
  return {
    id,
    holder: options.holder,
    kdf,
    wrapped: await wrapWithKek(options.dataKey, kek, id),
    createdAt: new Date().toISOString(),
  };
}

/**
 * Wraps the team data key, and the coordinator data key when given, for one
 * holder — deriving the secret's key once for both.
 */
export async function createWraps(options: {
  teamKey: CryptoKey;
  coordinatorKey?: CryptoKey | undefined;
  personalKey?: CryptoKey | undefined;
  /** Rotated team keys (generation 2 and on) to wrap as well, by generation. */
  generations?: ReadonlyMap<number, CryptoKey> | undefined;
  secret: string;
  holder: KeyWrap['holder'];
  policy: KdfPolicy;
  derive: DeriveFn;
  kdf?: KdfParams | undefined;
}): Promise<KeyWrap[]> {
  const kdf = options.kdf ?? newKdfParams(options.policy);
  assertKdfStrength(kdf, options.policy);
  const kek = await kekFromBits(await options.derive(options.secret, kdf));
  const createdAt = new Date().toISOString();
  const wrap = async (dataKey: CryptoKey, key?: KeyWrap['key'], gen?: number): Promise<KeyWrap> => {
    const id = crypto.randomUUID();
    return {
      id,
      holder: options.holder,
      ...(key ? { key } : {}),
      ...(gen ? { gen } : {}),
      kdf,
      wrapped: await wrapWithKek(dataKey, kek, id),
      createdAt,
    };
  };
  return Promise.all([
    wrap(options.teamKey),
    ...(options.coordinatorKey ? [wrap(options.coordinatorKey, 'coordinator')] : []),
    ...(options.personalKey ? [wrap(options.personalKey, 'personal')] : []),
    ...[...(options.generations ?? [])]
      .filter(([gen]) => gen >= 2)
      .map(([gen, key]) => wrap(key, undefined, gen)),
  ]);
}

function kdfGroupKey(params: KdfParams): string {
  return `${params.alg}:${params.iterations}:${Array.from(params.salt).join(',')}`;
}

/**
 * Tries `secret` against every wrap, deriving once per distinct KDF
 * parameter set. Throws `wrong-passphrase` if none opens, `kdf-too-weak` if
 * any candidate wrap is below the floor (checked before any derivation).
 */
export async function openAnyWrap(
  wraps: readonly KeyWrap[],
  secret: string,
  policy: KdfPolicy,
  derive: DeriveFn,
): Promise<{ wrap: KeyWrap; dataKey: CryptoKey; kek: CryptoKey }> {
  if (wraps.length === 0) throw new VaultError('no-vault');
  for (const wrap of wraps) assertKdfStrength(wrap.kdf, policy);
  const groups = new Map<string, KeyWrap[]>();
  for (const wrap of wraps) {
    const key = kdfGroupKey(wrap.kdf);
    groups.set(key, [...(groups.get(key) ?? []), wrap]);
  }
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const kek = await kekFromBits(await derive(secret, first.kdf));
    for (const wrap of group) {
      try {
        return { wrap, dataKey: await unwrapWithKek(wrap, kek), kek };
      } catch {
        // Not this slot: try the next one.
      }
    }
  }
  throw new VaultError('wrong-passphrase');
}

/* ---- Recovery codes ---------------------------------------------------- */

// Crockford's base32: no I, L, O or U, so a handwritten code reads back cleanly.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECOVERY_CHARS = 25; // 125 bits of entropy

export function generateRecoveryCode(): string {
  const bytes = randomBytes(RECOVERY_CHARS);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
  return chars.match(/.{1,5}/g)!.join('-');
}

/** Accepts lower case, spaces, missing dashes and the usual look-alikes (O→0, I/L→1). */
export function normaliseRecoveryCode(input: string): string {
  const clean = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/U/g, 'V');
  return (clean.match(/.{1,5}/g) ?? []).join('-');
}

export function looksLikeRecoveryCode(input: string): boolean {
  const clean = normaliseRecoveryCode(input).replace(/-/g, '');
  return clean.length === RECOVERY_CHARS && [...clean].every((c) => ALPHABET.includes(c));
}
