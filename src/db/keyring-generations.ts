/**
 * Rotated team keys (issue 16, docs/key-hierarchy.md "Rotating the team key").
 *
 * Deactivating a facilitator makes a new team key generation. Nobody's
 * passphrase is known to the coordinator doing it, so the new key reaches
 * the rest of the team through keyring rows:
 *
 * - each staff member's **inbox** (an ECDH key pair, the private half sealed
 *   under their personal key, made at their unlock): a grant is a sealed box
 *   to its public key;
 * - the **coordinators' grant**: the new key sealed under the coordinator key,
 *   which every coordinator's passphrase and the recovery code open.
 *
 * Never under an older team key: the deactivated person holds those.
 * Unlocking opens every generation the holder can reach (its own wraps with a
 * `gen`, its inbox's grants, the coordinators' grants) with keys already in
 * hand — no extra key derivation.
 */
import { fromBase64, toBase64, utf8 } from '../crypto/bytes';
import { exportDataKey, generateDataKey, importDataKey } from '../crypto/keyring';
import { MAX_GENERATION, openBytes, openRow, sealBytes, sealRow } from '../crypto/seal';
import {
  generateBoxKeys,
  importBoxPrivateKey,
  importBoxPublicKey,
  openBox,
  publicRawOf,
  sealToBox,
} from '../crypto/sealed-box';
import { hmac, verifyHmac } from '../crypto/subkeys';
import type { Vault } from '../crypto/vault';
import { generationWraps, isWrap, teamWraps } from './keyring-wraps';
import type { AplisDatabase, GrantRow, InboxRow, KeyWrapRow } from './schema';

const INBOX_PREFIX = 'inbox:';
const GRANT_PREFIX = 'grant:';
const inboxAad = (id: string) => `aplis:keyring/${id}`;

export function isInbox(row: KeyWrapRow): row is InboxRow {
  return row.holder.kind === 'inbox';
}

export function isGrant(row: KeyWrapRow): row is GrantRow {
  return row.holder.kind === 'grant';
}

/** The newest team key generation the keyring speaks of (1 when it was never rotated). */
export function newestGeneration(rows: readonly KeyWrapRow[]): number {
  let newest = 1;
  for (const row of rows) {
    const gen = isGrant(row) ? row.holder.gen : isWrap(row) && !row.key ? row.gen : undefined;
    if (gen !== undefined && Number.isInteger(gen) && gen <= MAX_GENERATION && gen > newest)
      newest = gen;
  }
  return newest;
}

interface GrantPayload {
  gen: number;
  key: string;
}

async function grantPayload(gen: number, key: CryptoKey): Promise<GrantPayload> {
  const raw = await exportDataKey(key);
  try {
    return { gen, key: toBase64(raw) };
  } finally {
    raw.fill(0);
  }
}

async function fromPayload(
  value: unknown,
  gen: number,
): Promise<{ gen: number; key: CryptoKey } | undefined> {
  const payload = value as Partial<GrantPayload> | null;
  // The generation inside the sealed payload must be the one the clear row claims.
  if (!payload || payload.gen !== gen || typeof payload.key !== 'string') return undefined;
  return { gen, key: await importDataKey(fromBase64(payload.key)) };
}

/** A new inbox for `staffId`, its private half sealed under their personal key. */
export async function makeInbox(
  staffId: string,
  personalKey: CryptoKey,
  now: number,
): Promise<InboxRow> {
  const id = `${INBOX_PREFIX}${crypto.randomUUID()}`;
  const keys = await generateBoxKeys();
  try {
    return {
      id,
      holder: { kind: 'inbox', staffId },
      publicKey: keys.publicRaw,
      sealedPrivateKey: await sealBytes(personalKey, inboxAad(id), keys.privatePkcs8),
      createdAt: new Date(now).toISOString(),
    };
  } finally {
    keys.privatePkcs8.fill(0);
  }
}

/** The inboxes of `staffId` whose private key opens under `personalKey`. */
async function openInboxes(
  rows: readonly KeyWrapRow[],
  staffId: string,
  personalKey: CryptoKey,
): Promise<{ row: InboxRow; privateKey: CryptoKey; publicRaw: Uint8Array<ArrayBuffer> }[]> {
  const opened = [];
  for (const row of rows.filter(isInbox)) {
    if (row.holder.staffId !== staffId) continue;
    try {
      const pkcs8 = new Uint8Array(
        await openBytes(personalKey, inboxAad(row.id), row.sealedPrivateKey),
      );
      try {
        // From the private key, not the stored copy (as for the coordinators' box).
        opened.push({
          row,
          privateKey: await importBoxPrivateKey(pkcs8),
          publicRaw: await publicRawOf(pkcs8),
        });
      } finally {
        pkcs8.fill(0);
      }
    } catch {
      // Another device's inbox (another personal key), or a planted one: not ours.
    }
  }
  return opened;
}

/** Whether `staffId` has an inbox this personal key opens. */
export async function hasOwnInbox(
  rows: readonly KeyWrapRow[],
  staffId: string,
  personalKey: CryptoKey,
): Promise<boolean> {
  return (await openInboxes(rows, staffId, personalKey)).length > 0;
}

/**
 * Every rotated generation these keys reach: the holder's own wraps with a
 * `gen` (opened by the caller, passed in), the grants to the holder's inboxes
 * (personal key), the coordinators' grants (coordinator key).
 */
export async function openGenerations(
  rows: readonly KeyWrapRow[],
  keys: { staffId?: string; personalKey?: CryptoKey; coordinatorKey?: CryptoKey },
): Promise<Map<number, CryptoKey>> {
  const found = new Map<number, CryptoKey>();
  const grants = rows.filter(isGrant);
  const add = async (value: unknown, gen: number) => {
    const opened = await fromPayload(value, gen);
    if (opened && !found.has(gen)) found.set(gen, opened.key);
  };
  if (keys.coordinatorKey) {
    for (const grant of grants.filter((g) => g.holder.inboxId === undefined)) {
      const value = await openRow(keys.coordinatorKey, 'keyring', grant.id, grant.sealed).catch(
        () => undefined,
      );
      if (value !== undefined) await add(value, grant.holder.gen);
    }
  }
  if (keys.staffId && keys.personalKey) {
    for (const inbox of await openInboxes(rows, keys.staffId, keys.personalKey)) {
      for (const grant of grants.filter((g) => g.holder.inboxId === inbox.row.id)) {
        const opened = await openBox(inbox, 'keyring', grant.id, grant.sealed).catch(
          () => undefined,
        );
        if (opened?.format === 'hkdf') await add(opened.value, grant.holder.gen);
      }
    }
  }
  return found;
}

/** The fields of an inbox its MAC covers, in a fixed order. */
function inboxMacInput(row: InboxRow): Uint8Array<ArrayBuffer> {
  return utf8(
    JSON.stringify(['aplis:inbox:v1', row.id, row.holder.staffId, toBase64(row.publicKey)]),
  );
}

/**
 * The inbox a rotation may send `staffId` a key through: the one a
 * coordinator vouched for, else — first use — their only inbox (vouched for
 * now, `vouch` set). None when they have several unvouched ones: someone may
 * have planted one, so they get the key when a coordinator sets their passphrase.
 */
export async function inboxToTrust(
  rows: readonly KeyWrapRow[],
  staffId: string,
  inboxMac: CryptoKey,
): Promise<{ inbox: InboxRow; vouch?: Uint8Array<ArrayBuffer> } | undefined> {
  // Only inboxes made since their current passphrase was set: an older one is
  // sealed under a personal key that a reset or a recovery replaced.
  const since = teamWraps([...rows])
    .filter((w) => w.holder.kind === 'staff' && w.holder.staffId === staffId)
    .reduce((newest, w) => (w.createdAt > newest ? w.createdAt : newest), '');
  const theirs = rows
    .filter(isInbox)
    .filter((r) => r.holder.staffId === staffId && r.createdAt >= since);
  const vouched: InboxRow[] = [];
  for (const row of theirs)
    if (row.mac && (await verifyHmac(inboxMac, row.mac, inboxMacInput(row)))) vouched.push(row);
  if (vouched.length > 0) return { inbox: vouched[vouched.length - 1]! };
  const only = theirs.length === 1 ? theirs[0] : undefined;
  if (!only || only.publicKey.length !== 65) return undefined;
  return { inbox: only, vouch: await hmac(inboxMac, inboxMacInput(only)) };
}

/** A grant of generation `gen` to one inbox (a sealed box to its public key). */
export async function grantToInbox(
  inbox: InboxRow,
  gen: number,
  key: CryptoKey,
  now: number,
): Promise<GrantRow> {
  const id = `${GRANT_PREFIX}${crypto.randomUUID()}`;
  const recipient = await importBoxPublicKey(inbox.publicKey);
  return {
    id,
    holder: { kind: 'grant', gen, inboxId: inbox.id },
    sealed: await sealToBox(recipient, 'keyring', id, await grantPayload(gen, key)),
    createdAt: new Date(now).toISOString(),
  };
}

/** A grant of generation `gen` to the coordinators (and the recovery code): sealed under the coordinator key. */
export async function grantToCoordinators(
  coordinatorKey: CryptoKey,
  gen: number,
  key: CryptoKey,
  now: number,
): Promise<GrantRow> {
  const id = `${GRANT_PREFIX}${crypto.randomUUID()}`;
  return {
    id,
    holder: { kind: 'grant', gen },
    sealed: await sealRow(coordinatorKey, 'keyring', id, await grantPayload(gen, key)),
    createdAt: new Date(now).toISOString(),
  };
}

/** Rotated generations the holder's own wraps (same KEK) open. */
export async function openGenerationWraps(
  rows: readonly KeyWrapRow[],
  holder: (row: KeyWrapRow) => boolean,
  unwrap: (row: KeyWrapRow) => Promise<CryptoKey>,
): Promise<Map<number, CryptoKey>> {
  const found = new Map<number, CryptoKey>();
  for (const wrap of generationWraps([...rows]).filter(holder)) {
    const key = await unwrap(wrap).catch(() => undefined);
    if (key && wrap.gen !== undefined) found.set(wrap.gen, key);
  }
  return found;
}

/**
 * Picks up, in an unlocked session, generations that arrived since the unlock
 * (a sync pull, a merged file) with the keys the session already holds.
 * Returns the newest generation the keyring speaks of that this session still
 * lacks (0 when none): then the person must unlock again.
 */
export async function refreshGenerations(db: AplisDatabase, vault: Vault): Promise<number> {
  const rows = await db.keyring.toArray();
  const staffId = vault.session?.staffId;
  const personalKey = vault.personalKey;
  const found = await openGenerations(rows, {
    ...(staffId ? { staffId } : {}),
    ...(personalKey ? { personalKey } : {}),
    ...(vault.hasCoordinatorKey ? { coordinatorKey: vault.coordinatorKey } : {}),
  });
  const held = vault.teamKeys;
  for (const [gen, key] of [...found].sort(([a], [b]) => a - b))
    if (!held.has(gen)) vault.addTeamGeneration(gen, key);
  const newest = Math.max(newestGeneration(rows), vault.newerKeySeen);
  return newest > vault.teamGeneration ? newest : 0;
}

/**
 * The grants of a new team key generation for everyone but `leaving`: one to
 * each other staff member's inbox a coordinator can vouch for, and one to the
 * coordinators (keyring-store.ts `revokeStaff` decides whether to rotate) —
 * unless `coordinators` is false: when a former member may hold the
 * coordinator key (a coordinator was deactivated), a grant under it would
 * hand them the new key, so coordinators get it through their inboxes too.
 */
export async function rotationGrants(
  rows: KeyWrapRow[],
  vault: Vault,
  leaving: string,
  at: number,
  options: { coordinators?: boolean } = {},
) {
  const gen = Math.max(vault.teamGeneration, newestGeneration(rows)) + 1;
  if (gen > MAX_GENERATION) return undefined;
  const key = await generateDataKey();
  const inboxMac = await vault.coordinatorSubkey('inboxMac');
  const grants: GrantRow[] =
    options.coordinators === false
      ? []
      : [await grantToCoordinators(vault.coordinatorKey, gen, key, at)];
  const vouched: InboxRow[] = [];
  const others = new Set(
    teamWraps(rows).flatMap((w) =>
      w.holder.kind === 'staff' && w.holder.staffId !== leaving ? [w.holder.staffId] : [],
    ),
  );
  for (const other of others) {
    const trusted = await inboxToTrust(rows, other, inboxMac);
    if (!trusted) continue;
    grants.push(await grantToInbox(trusted.inbox, gen, key, at));
    if (trusted.vouch) vouched.push({ ...trusted.inbox, mac: trusted.vouch });
  }
  return { gen, key, rows: grants, vouched };
}

/** Staff whom the newest generation did not reach through an inbox grant or a wrap. */
export function staffWithoutNewestKey(rows: KeyWrapRow[]): Set<string> {
  const gen = newestGeneration(rows);
  const missing = new Set<string>();
  if (gen === 1) return missing;
  const inboxes = new Map(
    rows.flatMap((r) => (r.holder.kind === 'inbox' ? [[r.id, r.holder.staffId]] : [])),
  );
  const reached = new Set<string>();
  for (const row of rows) {
    if (row.holder.kind === 'grant' && row.holder.gen === gen && row.holder.inboxId)
      reached.add(inboxes.get(row.holder.inboxId) ?? '');
    if (isWrap(row) && row.gen === gen && row.holder.kind === 'staff')
      reached.add(row.holder.staffId);
  }
  for (const wrap of teamWraps(rows))
    if (wrap.holder.kind === 'staff' && !reached.has(wrap.holder.staffId))
      missing.add(wrap.holder.staffId);
  return missing;
}
