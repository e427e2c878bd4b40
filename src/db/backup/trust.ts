/**
 * What a merge refuses to believe from a file, even one made by a team
 * member (merge.ts). Pure checks, row by row: a refused row is skipped and
 * reported, the rest of the file still merges.
 *
 * - A stamp (`updatedAt`, a tombstone's `deletedAt`, a key wrap's
 *   `createdAt`) more than a day ahead of this device's clock: such a row
 *   would win every later merge. A day allows for a device whose clock or
 *   time zone is set wrong by hours.
 * - A tombstone for an audit entry or a key wrap: the audit log is the
 *   record of who did what, and deleting a wrap locks its holder out; a file
 *   never deletes them (the device that holds them decides).
 * - A key wrap, inbox, grant or roster that is malformed or derives its key below the KDF floor (or
 *   above the backup header's ceiling): one such wrap makes every unlock on
 *   the device refuse to try (crypto/keyring.ts checks every wrap's strength
 *   first), so it is never stored.
 */
import { assertKdfStrength, type KdfParams, type KdfPolicy } from '../../crypto/kdf';
import { MAX_GENERATION } from '../../crypto/seal';
import { BOX_ID } from '../keyring-wraps';
import { wellFormed } from '../keyring-roster';
import type { RosterRow } from '../schema';
import { MAX_ITERATIONS_FACTOR } from './format';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Tables whose rows a file never deletes. */
export const UNDELETABLE_TABLES: ReadonlySet<string> = new Set(['audit', 'keyring']);

export type SkipReason = 'future' | 'undeletable' | 'bad-key' | 'damaged';

/** True when a stamp is more than a day ahead of `now`. */
export function isFuture(stamp: number, now: number): boolean {
  return stamp > now + DAY_MS;
}

const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;
const isGeneration = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 2 && value <= MAX_GENERATION;
const isDate = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** Why a key wrap (or the coordinators' box row) from a file must not be stored, or undefined. */
export function keyringRowProblem(
  row: Record<string, unknown>,
  policy: KdfPolicy,
): 'bad-key' | undefined {
  if (typeof row.id !== 'string' || !isDate(row.createdAt)) return 'bad-key';
  const holder = row.holder as Record<string, unknown> | null | undefined;
  if (typeof holder !== 'object' || holder === null) return 'bad-key';
  if (holder.kind === 'inbox') {
    const ok =
      row.id.startsWith('inbox:') &&
      typeof holder.staffId === 'string' &&
      holder.staffId !== '' &&
      isBytes(row.publicKey) &&
      isBytes(row.sealedPrivateKey) &&
      (row.mac === undefined || isBytes(row.mac));
    return ok ? undefined : 'bad-key';
  }
  if (holder.kind === 'grant') {
    const ok =
      row.id.startsWith('grant:') &&
      isGeneration(holder.gen) &&
      (holder.inboxId === undefined || typeof holder.inboxId === 'string') &&
      isBytes(row.sealed);
    return ok ? undefined : 'bad-key';
  }
  if (holder.kind === 'roster') {
    // Its MAC is checked where it can be (a coordinator's session:
    // keyring-revocation.ts `checkIncomingRosters`); here only its shape.
    return wellFormed(row as unknown as RosterRow) && isBytes(row.mac) ? undefined : 'bad-key';
  }
  if (holder.kind === 'box') {
    const ok = row.id === BOX_ID && isBytes(row.publicKey) && isBytes(row.sealedPrivateKey);
    return ok ? undefined : 'bad-key';
  }
  const holderOk =
    holder.kind === 'recovery' ||
    (holder.kind === 'staff' && typeof holder.staffId === 'string' && holder.staffId !== '');
  const keyOk =
    (row.key === undefined && (row.gen === undefined || isGeneration(row.gen))) ||
    ((row.key === 'coordinator' || row.key === 'personal') && row.gen === undefined);
  if (!holderOk || !keyOk || !isBytes(row.wrapped) || row.id === BOX_ID) return 'bad-key';
  try {
    const kdf = row.kdf as KdfParams;
    assertKdfStrength(kdf, policy);
    // A count far above the floor would keep every unlock deriving for hours.
    if (kdf.iterations > policy.floor * MAX_ITERATIONS_FACTOR) return 'bad-key';
  } catch {
    return 'bad-key';
  }
  return undefined;
}
