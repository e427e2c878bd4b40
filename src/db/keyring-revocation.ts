/**
 * Revocation that travels (issue 16, docs/key-hierarchy.md "Revocation
 * travels"): a colleague deactivated on one device stops unlocking every
 * device of the team.
 *
 * Who may delete a key wrap on a device that did not deactivate anyone: only
 * the **roster** (keyring-roster.ts), never a tombstone. A keyring tombstone
 * or an emptied server document can be forged or replayed by anyone holding
 * the team key or the sync secret (every facilitator); a roster that verifies
 * can be made only with the coordinator key. So a device drops person X's
 * wraps when the newest roster it holds marks X inactive — and how far it
 * believes that roster depends on what it can check:
 *
 * - **Verified** (a coordinator's or the recovery code's session, and the
 *   roster's MAC holds): every wrap of everyone it marks inactive goes,
 *   coordinators' included. This is also where the device's remembered list
 *   of revoked people is set to exactly what the roster says.
 * - **Unverified** (a facilitator's session, a locked device that just
 *   pulled, or a roster that fails its MAC): the people the roster marks
 *   inactive, plus everyone the device ever dropped (`meta` `revoked-staff`:
 *   a later unverified roster cannot bring anyone back), **except** anyone
 *   holding a coordinator wrap here — a forged roster must not lock the
 *   coordinators out. Their wraps wait for the next verified check (the next
 *   coordinator unlock on the device). The recovery wrap, the coordinators'
 *   box, inboxes and grants are never touched.
 *
 * So a forged roster (a facilitator's) can at worst lock facilitators out of
 * facilitators' devices until a coordinator sets their passphrase again; a
 * coordinator's device refuses it (`checkIncomingRosters`), reports it once
 * and signs its own roster above it so every device takes the true one back.
 */
import type { Vault } from '../crypto/vault';
import type { RefusedRow } from './backup/genuine';
import {
  isRosterRow,
  MAX_ROSTER_VERSION,
  rosterStore,
  verifyRosterRow,
  ROSTER_ID,
} from './keyring-roster';
import { isWrap } from './keyring-wraps';
import type { AplisDatabase, KeyWrapRow, RosterRow } from './schema';
import { tombstonesById } from './tombstones';

type Row = Record<string, unknown> & { id: string };
type Tables = Record<string, Row[]>;

/** Staff ids this device ever dropped wraps of (device state in `meta`, never synced). */
export const REVOKED_KEY = 'revoked-staff';

export interface Revoked {
  /** Staff whose wraps must not open and are dropped. */
  staff: ReadonlySet<string>;
  /** Whether the roster behind it verified under the coordinator key. */
  verified: boolean;
}

async function remembered(db: AplisDatabase): Promise<string[]> {
  const value = (await db.meta.get(REVOKED_KEY))?.value;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Staff holding a coordinator wrap on this device: an unverified roster never drops them. */
function coordinatorHolders(rows: readonly KeyWrapRow[]): Set<string> {
  return new Set(
    rows.flatMap((r) =>
      isWrap(r) && r.key === 'coordinator' && r.holder.kind === 'staff' ? [r.holder.staffId] : [],
    ),
  );
}

const inactiveIn = (roster: RosterRow | undefined) =>
  roster && Array.isArray(roster.entries)
    ? roster.entries.filter((e) => e?.active === false).map((e) => e.staffId)
    : [];

/**
 * Who is revoked on this device, judged with the keys `vault` holds (none
 * before an unlock). Reads only: the unlock screen filters with it before any
 * key is derived, so a refused try changes nothing.
 */
export async function revokedStaff(db: AplisDatabase, vault?: Vault): Promise<Revoked> {
  const rows = await db.keyring.toArray();
  const found = rows.find((r) => r.id === ROSTER_ID);
  const roster = isRosterRow(found) ? found : undefined;
  if (roster && vault?.hasCoordinatorKey) {
    const key = await vault.coordinatorSubkey('rosterMac');
    if (await verifyRosterRow(key, roster))
      return { staff: new Set(inactiveIn(roster)), verified: true };
  }
  const staff = new Set([...inactiveIn(roster), ...(await remembered(db))]);
  for (const id of coordinatorHolders(rows)) staff.delete(id);
  return { staff, verified: false };
}

/** The wraps a revoked person holds here (their passphrase's team, coordinator, personal and generation wraps). */
export function revokedWraps(rows: readonly KeyWrapRow[], revoked: Revoked): string[] {
  return rows
    .filter(isWrap)
    .filter((w) => w.holder.kind === 'staff' && revoked.staff.has(w.holder.staffId))
    .map((w) => w.id);
}

/**
 * Drops the wraps of everyone revoked (see the module comment for who counts)
 * and remembers who was. On a verified roster it leaves keyed tombstones, so
 * an older file or document does not bring the wraps back through a merge
 * (on an unverified one, the remembered list drops them again).
 * Returns the ids of the wraps dropped and whether a verified roster said so:
 * only then does the sync engine empty their documents on the server (a
 * forged roster taken by a facilitator's device stays on that device).
 */
export async function dropRevokedWraps(
  db: AplisDatabase,
  vault: Vault,
  now: () => number = Date.now,
): Promise<{ ids: string[]; verified: boolean }> {
  const revoked = await revokedStaff(db, vault);
  const { verified } = revoked;
  const ids = revokedWraps(await db.keyring.toArray(), revoked);
  const before = await remembered(db);
  const keep = verified ? [...revoked.staff] : [...new Set([...before, ...revoked.staff])];
  const changedList = keep.length !== before.length || keep.some((id) => !before.includes(id));
  if (ids.length === 0 && !changedList) return { ids: [], verified };
  // Keyed tombstones (HMAC) are computed before the transaction, and only for
  // a verified roster: tombstones travel, and the engine empties the documents
  // they name — a drop on an unverified roster stays on this device.
  const tombstones = verified
    ? await tombstonesById(vault, 'keyring', ids, now())
    : new Map<string, never>();
  return db.transaction('rw', [db.keyring, db.tombstones, db.meta], async () => {
    // Only what is still there and still revoked by the same roster.
    const again = await revokedStaffInTransaction(db, revoked);
    const gone = ids.filter((id) => again.has(id));
    await db.keyring.bulkDelete(gone);
    await db.tombstones.bulkPut(gone.flatMap((id) => tombstones.get(id) ?? []));
    await db.meta.put({ key: REVOKED_KEY, value: keep.sort() });
    return { ids: gone, verified };
  });
}

/** Wrap ids still present whose holder is in `revoked` (inside the caller's transaction). */
async function revokedStaffInTransaction(db: AplisDatabase, revoked: Revoked) {
  return new Set(revokedWraps(await db.keyring.toArray(), revoked));
}

/**
 * Leaves out of `incoming` every roster that fails its MAC, when this session
 * can check (a coordinator's or the recovery code's): such a roster is
 * refused (reported like any refused row) and the device keeps its own.
 * Without the coordinator key nothing is checked here: the merge keeps the
 * higher version, and it is never used to grant (keyring-roster.ts).
 * `forged` is the highest version refused, to sign above (`outbidForgedRoster`).
 */
export async function checkIncomingRosters(
  vault: Vault,
  incoming: Tables,
): Promise<{ tables: Tables; refused: RefusedRow[]; forged: number }> {
  const rows = incoming.keyring;
  if (!rows || !vault.hasCoordinatorKey || !rows.some((r) => r.id === ROSTER_ID))
    return { tables: incoming, refused: [], forged: 0 };
  const key = await vault.coordinatorSubkey('rosterMac');
  const refused: RefusedRow[] = [];
  let forged = 0;
  const kept: Row[] = [];
  for (const row of rows) {
    const roster = row as unknown as KeyWrapRow;
    if (row.id === ROSTER_ID && !(isRosterRow(roster) && (await verifyRosterRow(key, roster)))) {
      refused.push({ table: 'keyring', id: row.id });
      const version = typeof row.version === 'number' ? row.version : 0;
      if (Number.isSafeInteger(version)) forged = Math.max(forged, version);
      continue;
    }
    kept.push(row);
  }
  return { tables: { ...incoming, keyring: kept }, refused, forged };
}

/**
 * A coordinator's session refused a forged roster of version `forged`: signs
 * its own (verified) roster again just above it, so devices that cannot check
 * the MAC — which keep the higher version — take the true one back through
 * sync. Nothing when its own is already higher, or at the ceiling.
 */
export async function outbidForgedRoster(
  db: AplisDatabase,
  vault: Vault,
  forged: number,
  now: () => number = Date.now,
): Promise<boolean> {
  if (!vault.hasCoordinatorKey || forged <= 0) return false;
  const store = rosterStore(db, vault, now);
  const own = await store.ensure();
  if (own.version > forged || forged >= MAX_ROSTER_VERSION) return false;
  const signed = await store.prepare({ version: forged + 1, entries: own.entries });
  await db.transaction('rw', db.keyring, () => store.commit(signed, own));
  return true;
}
