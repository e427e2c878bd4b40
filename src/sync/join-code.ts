/**
 * Join codes: one further device joins with a text (also drawn as a QR
 * code) that carries the server, the database, an account, the
 * organisation sync secret, a random id and an expiry 24 h ahead. Each code
 * works once: the device that uses it records the id on the server
 * (engine.ts `recordJoinCode`), and a second device with it is refused.
 *
 * The account is one made for that device alone (device-accounts.ts), or
 * the coordinator's own where the server does not let the coordinator make
 * one (controller.ts `createJoinCode`, JoinCode.account 'shared'). The same
 * device may use its code again until it runs out: it is recorded with the
 * device's random id (settings.ts `deviceId`).
 */
import { fromBase64, fromUtf8, randomBytes, toBase64, utf8 } from '../crypto/bytes';
import type { SyncSettings } from '../db/sync/settings';
import { SyncError } from './errors';

const PREFIX = 'APLIS1:';
export const JOIN_CODE_TTL_MS = 24 * 60 * 60 * 1000;

export interface JoinCodeContent {
  settings: SyncSettings;
  id: string;
  expiresAt: number;
}

const b64url = (bytes: Uint8Array) =>
  toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromB64url = (text: string) => fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'));

export function makeJoinCode(
  settings: SyncSettings,
  now: number,
): JoinCodeContent & { text: string } {
  const id = b64url(randomBytes(12));
  const expiresAt = now + JOIN_CODE_TTL_MS;
  const body = {
    s: settings.server,
    d: settings.database,
    u: settings.username,
    p: settings.password,
    k: b64url(settings.secret),
    i: id,
    e: expiresAt,
  };
  return { settings, id, expiresAt, text: PREFIX + b64url(utf8(JSON.stringify(body))) };
}

/** Reads a code; throws SyncError 'join-code-invalid' or 'join-code-expired'. */
export function readJoinCode(text: string, now: number): JoinCodeContent {
  const trimmed = text.trim().replace(/\s+/g, '');
  if (!trimmed.startsWith(PREFIX)) throw new SyncError('join-code-invalid');
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(fromUtf8(fromB64url(trimmed.slice(PREFIX.length)))) as Record<
      string,
      unknown
    >;
  } catch {
    throw new SyncError('join-code-invalid');
  }
  const strings = ['s', 'd', 'u', 'p', 'k', 'i'].every((k) => typeof body[k] === 'string');
  if (!strings || typeof body.e !== 'number') throw new SyncError('join-code-invalid');
  const secret = fromB64url(body.k as string);
  if (secret.length !== 32) throw new SyncError('join-code-invalid');
  if (body.e < now) throw new SyncError('join-code-expired');
  return {
    settings: {
      server: body.s as string,
      database: body.d as string,
      username: body.u as string,
      password: body.p as string,
      secret,
    },
    id: body.i as string,
    expiresAt: body.e,
  };
}
