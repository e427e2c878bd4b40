/**
 * Blind indexes (#15): a clear index column that would hold a participant's
 * id holds `HMAC(team subkey blindIndex, 'person:' + id)` instead, the
 * first 128 bits as base64url. Queries by person still work — the same id
 * gives the same value on every device of the team — but from the database
 * alone nobody can tell that a screening, a concern and a plan are about the
 * same person, or whose they are, without the team key.
 *
 * The real id stays inside the sealed payload; a read checks that it hashes
 * to the clear value (sealed-table.ts), so a row whose column was swapped to
 * another person's is damaged.
 *
 * Rows written before v10 still carry the clear id: they are read as before
 * (the column then equals the sealed id) until the after-unlock job blinds
 * them (after-unlock.ts), and queries ask for both values meanwhile.
 *
 * Attendance mark ids are keyed the same way (`markId`): one mark per person
 * and meeting on every device, so merges still meet on it, yet not
 * recomputable from the two ids as `stableUuid` was.
 */
import { opaqueToken } from '../crypto/subkeys';
import type { Vault } from '../crypto/vault';
import type { MetaRow } from './rows';

/** Clear index columns that name a person (every table uses this one name). */
export const PERSON_COLUMN = 'participantId';
/** The registers' multi-entry column of the people whose marks they hold. */
export const PERSON_LIST_COLUMN = 'participantIds';

/** The `meta` row that says clear person ids wait to be blinded after unlock. */
export const BLIND_KEY = 'rows-blind';

export function blindPending(): MetaRow {
  return { key: BLIND_KEY, value: true };
}

const BLIND = /^[A-Za-z0-9_-]{22}$/;

/** Whether a column value is already blind (person ids are UUIDs: 36 characters with dashes). */
export function isBlind(value: unknown): boolean {
  return typeof value === 'string' && BLIND.test(value);
}

/** A clear person id still waiting to be blinded ('' means nobody in particular). */
export function isClearPerson(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !isBlind(value);
}

/**
 * Computed values by subkey: the vault hands out one key object per unlock,
 * so a lock, or another team's key, starts afresh.
 */
const cache = new WeakMap<CryptoKey, Map<string, Promise<string>>>();

async function tokenFor(
  vault: Vault,
  purpose: 'blindIndex' | 'opaqueId',
  text: string,
): Promise<string> {
  const key = await vault.teamSubkey(purpose);
  let known = cache.get(key);
  if (!known) cache.set(key, (known = new Map<string, Promise<string>>()));
  let value = known.get(text);
  if (!value) {
    value = opaqueToken(key, text);
    known.set(text, value);
    // A failure is not remembered: the next call tries again.
    value.catch(() => known.delete(text));
  }
  return value;
}

/** The blind index of a person id ('' stays '': about nobody). */
export function blindOf(vault: Vault, personId: string): Promise<string> {
  return personId === ''
    ? Promise.resolve('')
    : tokenFor(vault, 'blindIndex', `person:${personId}`);
}

/** The values a query for one person matches: the blind one, and the clear id of rows not yet blinded. */
export async function personKeys(vault: Vault, personId: string): Promise<string[]> {
  return personId === '' ? [''] : [await blindOf(vault, personId), personId];
}

/** A plain index with its person column blinded, for writing. */
export async function blindIndexOf<I extends object>(vault: Vault, index: I): Promise<I> {
  const person = (index as Record<string, unknown>)[PERSON_COLUMN];
  if (typeof person !== 'string' || person === '') return index;
  return { ...index, [PERSON_COLUMN]: await blindOf(vault, person) };
}

/**
 * Whether a row's clear columns match the index of its sealed value: equal,
 * except the person column, which is the id's blind value (or, on a row not
 * yet blinded, the id itself).
 */
export async function matchesIndex(vault: Vault, row: object, index: object): Promise<boolean> {
  const clear = row as Record<string, unknown>;
  for (const [key, value] of Object.entries(index)) {
    if (clear[key] === value) continue;
    if (key !== PERSON_COLUMN || typeof value !== 'string' || value === '') return false;
    if (clear[key] !== (await blindOf(vault, value))) return false;
  }
  return true;
}

/** Base64url of 16 bytes → a UUID (version 8, "custom"), for ids a schema wants as UUIDs. */
function tokenToUuid(token: string): string {
  const binary = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
  let hex = '';
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The id of a person's attendance mark in a meeting: keyed, so the same on
 * every device of the team (two devices marking the same person land on the
 * same mark) and not recomputable from the two ids without the team key.
 */
export async function markId(vault: Vault, meetingId: string, personId: string): Promise<string> {
  return tokenToUuid(await tokenFor(vault, 'opaqueId', `attendance:${meetingId}:${personId}`));
}

/**
 * Whether rows (a backup's, a merge's) still carry a clear person id: from a
 * device not yet upgraded. Stored as they are, they are blinded after the
 * next unlock (the marker).
 */
export function hasClearPeople(rows: Iterable<readonly object[]>): boolean {
  for (const list of rows)
    for (const row of list)
      if (isClearPerson((row as Record<string, unknown>)[PERSON_COLUMN])) return true;
  return false;
}
