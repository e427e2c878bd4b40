/**
 * The coordinators' roster: who on this device is a coordinator, who a
 * facilitator, who is deactivated — the only thing that decides who is given
 * the coordinator key (keyring-store.ts, keyring-unlock.ts).
 *
 * Why not the staff rows: they are team data, sealed under the team key, so
 * anyone holding it (every facilitator) can rewrite their own `role`. The
 * roster is MAC'd under a subkey of the coordinator key
 * (`vault.coordinatorSubkey('rosterMac')`), which only a coordinator's session
 * (or the recovery code's) can derive: a facilitator can read it but not make
 * one that verifies. A roster that fails its MAC is never used to grant.
 *
 * Where: one row in the keyring table (`coordinator-roster`), beside the
 * wraps and the coordinators' box row, so a backup carries it and a restore
 * brings it back with the keys it governs. Its entries are staff ids and
 * roles only, in the clear: who holds a coordinator wrap is already readable
 * from the wraps themselves (holder + `key: 'coordinator'`), so the roster
 * tells a reader of the database nothing new, and no name is in it.
 *
 * `version` goes up by one on every change and is inside the MAC, so a merge
 * or a sync server can keep the newest and refuse an older one. (On one
 * device, someone who can write to its storage can still put back an older
 * roster that verified once; the grant screen shows the role and asks a
 * coordinator to confirm — see docs/key-hierarchy.md.)
 */
import { hmac, verifyHmac } from '../crypto/subkeys';
import type { Vault } from '../crypto/vault';
import { staffRoles, type StaffRole } from '../domain/staff-roles';
import { isWrap } from './keyring-wraps';
import type { AplisDatabase, KeyWrapRow, RosterEntry, RosterRow } from './schema';

export const ROSTER_ID = 'coordinator-roster';

/**
 * The roster row failed its MAC (changed without the coordinator key), another
 * tab changed it meanwhile, or a coordinator's session was needed.
 */
export class RosterError extends Error {
  readonly code: 'roster-damaged' | 'roster-changed' | 'coordinators-only';
  constructor(code: RosterError['code']) {
    super(code);
    this.name = 'RosterError';
    this.code = code;
  }
}

export interface Roster {
  version: number;
  entries: RosterEntry[];
}

export type RosterState =
  | { status: 'ok'; roster: Roster }
  | { status: 'missing' }
  /** Present but not made by a coordinator (or damaged): never used to grant. */
  | { status: 'damaged' };

export function isRosterRow(row: KeyWrapRow | undefined): row is RosterRow {
  return row?.holder.kind === 'roster';
}

/** The exact bytes the MAC covers: version and entries in a fixed order, unambiguous as JSON. */
function macInput(version: number, entries: readonly RosterEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.staffId < b.staffId ? -1 : 1));
  return JSON.stringify([
    'aplis:roster:v1',
    version,
    sorted.map((e) => [e.staffId, e.role, e.active]),
  ]);
}

/**
 * The highest version a roster may carry. Versions only go up by one per
 * change; the ceiling keeps a forged roster from taking a version no
 * coordinator could ever sign above (keyring-revocation.ts `outbidForgedRoster`).
 */
export const MAX_ROSTER_VERSION = 2 ** 31;

/**
 * Cheap shape checks on a row read from disk, a file or the sync server,
 * before its MAC is checked (or when it cannot be: a facilitator's device).
 */
export function wellFormed(row: RosterRow): boolean {
  return (
    row.id === ROSTER_ID &&
    Number.isSafeInteger(row.version) &&
    row.version > 0 &&
    row.version <= MAX_ROSTER_VERSION &&
    row.mac instanceof Uint8Array &&
    Array.isArray(row.entries) &&
    row.entries.every(
      (e) =>
        typeof e?.staffId === 'string' &&
        (staffRoles as readonly string[]).includes(e.role) &&
        typeof e.active === 'boolean',
    ) &&
    new Set(row.entries.map((e) => e.staffId)).size === row.entries.length
  );
}

function sameRow(a: RosterRow, b: RosterRow | undefined): boolean {
  return (
    b !== undefined &&
    a.version === b.version &&
    a.mac instanceof Uint8Array &&
    b.mac instanceof Uint8Array &&
    a.mac.length === b.mac.length &&
    a.mac.every((byte, i) => byte === b.mac[i])
  );
}

export async function signRoster(
  key: CryptoKey,
  roster: Roster,
  now: () => number = Date.now,
): Promise<RosterRow> {
  return {
    id: ROSTER_ID,
    holder: { kind: 'roster' },
    version: roster.version,
    entries: roster.entries.map(({ staffId, role, active }) => ({ staffId, role, active })),
    mac: await hmac(key, macInput(roster.version, roster.entries)),
    createdAt: new Date(now()).toISOString(),
  };
}

export async function verifyRosterRow(key: CryptoKey, row: RosterRow): Promise<boolean> {
  if (!wellFormed(row)) return false;
  return verifyHmac(key, row.mac, macInput(row.version, row.entries));
}

/** The role the roster gives a person: a coordinator only when listed as an active coordinator. */
export function rosterRole(roster: Roster, staffId: string): StaffRole {
  const entry = roster.entries.find((e) => e.staffId === staffId);
  return entry?.role === 'coordinator' && entry.active ? 'coordinator' : 'facilitator';
}

/** The roster with one person's entry replaced (or added), one version on. */
export function withEntry(roster: Roster, entry: RosterEntry): Roster {
  return {
    version: roster.version + 1,
    entries: [...roster.entries.filter((e) => e.staffId !== entry.staffId), entry],
  };
}

/**
 * Who holds what in the keyring: staff with a coordinator wrap are
 * coordinators, other staff with a passphrase facilitators. Used once, to
 * build the roster on a device that has none yet — from the keys (which only
 * a coordinator's session could have wrapped), never from the staff rows.
 */
export function rosterFromWraps(rows: readonly KeyWrapRow[]): RosterEntry[] {
  const roles = new Map<string, StaffRole>();
  for (const row of rows) {
    if (!isWrap(row) || row.holder.kind !== 'staff') continue;
    const { staffId } = row.holder;
    if (row.key === 'coordinator') roles.set(staffId, 'coordinator');
    else if (!roles.has(staffId)) roles.set(staffId, 'facilitator');
  }
  return [...roles].map(([staffId, role]) => ({ staffId, role, active: true }));
}

export function rosterStore(db: AplisDatabase, vault: Vault, now: () => number = Date.now) {
  async function macKey(): Promise<CryptoKey> {
    if (!vault.hasCoordinatorKey) throw new RosterError('coordinators-only');
    return vault.coordinatorSubkey('rosterMac');
  }

  async function readRow(): Promise<RosterRow | undefined> {
    const row = await db.keyring.get(ROSTER_ID);
    return isRosterRow(row) ? row : undefined;
  }

  /** The roster as a coordinator's session sees it: verified, missing or damaged. */
  async function read(): Promise<RosterState> {
    const row = await readRow();
    if (!row) return { status: 'missing' };
    if (!(await verifyRosterRow(await macKey(), row))) return { status: 'damaged' };
    return { status: 'ok', roster: { version: row.version, entries: row.entries } };
  }

  /**
   * The verified roster, built from the coordinator wraps first when the device
   * has none (set up before the roster). Throws `roster-damaged` when one is
   * there but fails its MAC: then nobody is granted the coordinator key.
   *
   * `repair` rebuilds a damaged one from the wraps instead — only for a
   * recovery-code session, the root of trust, which must be able to finish
   * setting a new passphrase.
   */
  async function ensure(options: { repair?: boolean } = {}): Promise<Roster> {
    const state = await read();
    if (state.status === 'ok') return state.roster;
    if (state.status === 'damaged' && !options.repair) throw new RosterError('roster-damaged');
    const damaged = await readRow();
    const after = damaged && Number.isSafeInteger(damaged.version) ? damaged.version : 0;
    const built = await signRoster(
      await macKey(),
      {
        version: Math.min(Math.max(after, 0), MAX_ROSTER_VERSION - 1) + 1,
        entries: rosterFromWraps(await db.keyring.toArray()),
      },
      now,
    );
    // Another tab may have built (or changed) it meanwhile: then read theirs.
    await db.transaction('rw', db.keyring, async () => {
      const current = await readRow();
      if (!current || sameRow(current, damaged)) await db.keyring.put(built);
    });
    return ensure();
  }

  /**
   * A signed next roster, to be stored with `commit` in the caller's
   * transaction (with the staff row it goes with). Signing is WebCrypto, so it
   * happens before the transaction, never inside it.
   */
  async function prepare(next: Roster): Promise<RosterRow> {
    return signRoster(await macKey(), next, now);
  }

  /**
   * Stores a prepared roster inside a transaction that includes `db.keyring`,
   * unless another tab changed the roster since `basedOn` was read.
   */
  async function commit(row: RosterRow, basedOn: Roster): Promise<void> {
    const current = await readRow();
    if ((current?.version ?? 0) !== basedOn.version) throw new RosterError('roster-changed');
    await db.keyring.put(row);
  }

  return { read, ensure, prepare, commit };
}

export type RosterStore = ReturnType<typeof rosterStore>;
