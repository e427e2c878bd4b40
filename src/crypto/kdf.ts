/**
 * Key derivation: passphrase (or recovery code) → key-encryption key (KEK).
 *
 * PBKDF2-SHA256 through WebCrypto at OWASP's 2023 floor of 600,000
 * iterations. Argon2id would resist GPUs better, but it needs a WASM module in
 * the first screen's path; PBKDF2 ships in every browser and keeps the initial
 * bundle small. The parameters are stored beside every wrap, and parameters
 * below the floor are refused when read, so a tampered keyring cannot talk the
 * app into a weak derivation.
 *
 * The derivation runs in a Worker where one exists (the browser), so the
 * page stays responsive during unlock; tests run it in-thread.
 */
import { randomBytes, utf8 } from './bytes';
import { VaultError } from './errors';

export const PBKDF2_FLOOR = 600_000;
export const SALT_BYTES = 16;

export interface KdfParams {
  alg: 'PBKDF2-SHA256';
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
}

export interface KdfPolicy {
  /** Iterations used for new wraps. */
  iterations: number;
  /** Wraps read with fewer iterations than this are refused. */
  floor: number;
}

export const productionKdfPolicy: KdfPolicy = { iterations: PBKDF2_FLOOR, floor: PBKDF2_FLOOR };

export function newKdfParams(policy: KdfPolicy): KdfParams {
  return { alg: 'PBKDF2-SHA256', iterations: policy.iterations, salt: randomBytes(SALT_BYTES) };
}

export function assertKdfStrength(params: KdfParams, policy: KdfPolicy): void {
  if (
    params.alg !== 'PBKDF2-SHA256' ||
    !Number.isInteger(params.iterations) ||
    params.iterations < policy.floor ||
    !(params.salt instanceof Uint8Array) ||
    params.salt.length < SALT_BYTES
  ) {
    throw new VaultError('kdf-too-weak');
  }
}

/** Derives 256 raw bits. Pure WebCrypto; also the body of the worker. */
export async function deriveBits(secret: string, params: KdfParams): Promise<ArrayBuffer> {
  const base = await crypto.subtle.importKey(
    'raw',
    utf8(secret.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  return crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: params.salt, iterations: params.iterations },
    base,
    256,
  );
}

export type DeriveFn = (secret: string, params: KdfParams) => Promise<ArrayBuffer>;

/** Runs `deriveBits` in a short-lived module worker when the platform has one. */
export const deriveBitsOffThread: DeriveFn = async (secret, params) => {
  if (typeof Worker === 'undefined' || import.meta.env.MODE === 'test')
    return deriveBits(secret, params);
  const worker = new Worker(new URL('./kdf.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<ArrayBuffer>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<{ bits?: ArrayBuffer; error?: string }>) => {
        if (event.data.bits) resolve(event.data.bits);
        else reject(new VaultError('unsupported', event.data.error ?? 'kdf worker failed'));
      };
      worker.onerror = () => reject(new VaultError('unsupported', 'kdf worker failed'));
      worker.postMessage({ secret, params });
    });
  } finally {
    worker.terminate();
  }
};

/** Imports derived bits as a non-extractable AES-GCM key used only to wrap the data key. */
export async function kekFromBits(bits: ArrayBuffer): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bits, { name: 'AES-GCM' }, false, ['wrapKey', 'unwrapKey']);
}
