/**
 * Unlocking: the throttle on wrong tries, opening the holder's wraps, and
 * what an unlock completes on the way (a personal key made at first unlock,
 * the coordinator key made for devices set up before roles were in the keys).
 */
import { VaultError } from '../crypto/errors';
import type { DeriveFn, KdfPolicy } from '../crypto/kdf';
import {
  createWraps,
  generateDataKey,
  normaliseRecoveryCode,
  openAnyWrap,
  unwrapWithKek,
  wrapWithKek,
  type KeyWrap,
} from '../crypto/keyring';
import { openBytes } from '../crypto/seal';
import { deriveSubkey } from '../crypto/subkeys';
import { importBoxPrivateKey, publicRawOf } from '../crypto/sealed-box';
import type { CoordinatorKeys, Vault } from '../crypto/vault';
import type { Staff } from '../domain/staff';
import {
  initialThrottle,
  recordFailure,
  waitRemaining,
  type ThrottleState,
} from '../domain/unlock-throttle';
import { checkBoxKey } from './box-key';
import { boxLedger } from './box-ledger';
import {
  BOX_AAD,
  BOX_ID,
  isWrap,
  newCoordinatorKeys,
  sameHolder,
  sameKdf,
  teamWraps,
} from './keyring-wraps';
import { rosterFromWraps, rosterStore, signRoster } from './keyring-roster';
// Who the roster revoked: a small chunk, loaded by the first try, not the first screen.
const revocation = () => import('./keyring-revocation');
// Team key generations (rotation) are read after the passphrase opened its wrap:
// loaded then, so they are not in the first screen's JavaScript.
const generations = () => import('./keyring-generations');
import type { SealedRepository } from './sealed-table';
import type { AplisDatabase, CoordinatorBoxRow, KeyWrapRow } from './schema';

/** Thrown instead of trying when the unlock screen must wait. */
export class UnlockThrottledError extends Error {
  readonly waitMs: number;
  constructor(waitMs: number) {
    super('unlock-throttled');
    this.name = 'UnlockThrottledError';
    this.waitMs = waitMs;
  }
}

export class WrongSecretError extends VaultError {
  readonly throttle: ThrottleState;
  constructor(throttle: ThrottleState) {
    super('wrong-passphrase');
    this.throttle = throttle;
  }
}

const THROTTLE_KEY = 'unlock-throttle';

export interface UnlockDeps {
  policy: KdfPolicy;
  derive: DeriveFn;
  now: () => number;
  staff: SealedRepository<Staff>;
}

export function keyringUnlock(db: AplisDatabase, vault: Vault, deps: UnlockDeps) {
  const { policy, derive, now } = deps;

  async function readThrottle(): Promise<ThrottleState> {
    const row = await db.meta.get(THROTTLE_KEY);
    return (row?.value as ThrottleState | undefined) ?? initialThrottle;
  }

  /**
   * Counts a try as failed *before* its key is derived, in one IndexedDB
   * transaction: overlapping read-write transactions run one after another,
   * in this tab and in every other, so parallel tries each count and none
   * gets a derivation the throttle did not allow. A try that succeeds clears
   * the count again (`clearThrottle`). Refused while a wait is running.
   */
  function claimTry(): Promise<ThrottleState> {
    return db.transaction('rw', db.meta, async () => {
      const throttle = await readThrottle();
      const wait = waitRemaining(throttle, now());
      if (wait > 0) throw new UnlockThrottledError(wait);
      const counted = recordFailure(throttle, now());
      await db.meta.put({ key: THROTTLE_KEY, value: counted });
      return counted;
    });
  }

  async function clearThrottle(): Promise<void> {
    await db.meta.put({ key: THROTTLE_KEY, value: initialThrottle });
  }

  async function boxRow(): Promise<CoordinatorBoxRow | undefined> {
    const row = await db.keyring.get(BOX_ID);
    return row?.holder.kind === 'box' ? (row as CoordinatorBoxRow) : undefined;
  }

  /**
   * The coordinator keys for a holder whose team wrap just opened under `kek`,
   * or undefined when the holder has no coordinator wrap.
   */
  async function openCoordinatorKeys(
    rows: KeyWrapRow[],
    opened: KeyWrap,
    kek: CryptoKey,
    secret: string,
  ): Promise<CoordinatorKeys | undefined> {
    // A holder may have more than one (a passphrase changed on another device:
    // a merged file adds the new wraps and never deletes the old ones), so the
    // one this secret opens is used.
    const wraps = rows
      .filter(isWrap)
      .filter((w) => w.key === 'coordinator' && sameHolder(w.holder, opened.holder));
    const box = await boxRow();
    if (wraps.length === 0 || !box) return undefined;
    const together = wraps.filter((w) => sameKdf(w.kdf, opened.kdf));
    let dataKey: CryptoKey | undefined;
    for (const wrap of together) {
      dataKey = await unwrapWithKek(wrap, kek).catch(() => undefined);
      if (dataKey) break;
    }
    if (!dataKey) {
      const others = wraps.filter((w) => !sameKdf(w.kdf, opened.kdf));
      if (others.length === 0) throw new VaultError('wrong-passphrase');
      ({ dataKey } = await openAnyWrap(others, secret, policy, derive));
    }
    const pkcs8 = new Uint8Array(await openBytes(dataKey, BOX_AAD, box.sealedPrivateKey));
    try {
      return {
        dataKey,
        boxPrivateKey: await importBoxPrivateKey(pkcs8),
        // From the private key, not the stored public key: that one anyone can swap (box-key.ts).
        boxPublicRaw: await publicRawOf(pkcs8),
      };
    } finally {
      pkcs8.fill(0);
    }
  }

  /**
   * The personal key of a staff holder whose team wrap just opened under
   * `kek`: unwrapped, or made and wrapped now (first unlock since personal
   * keys came, or since a colleague set this person's passphrase). Best
   * effort: without it only personal drafts are unavailable this session.
   */
  async function openOrMakePersonalKey(
    rows: KeyWrapRow[],
    opened: KeyWrap,
    kek: CryptoKey,
  ): Promise<CryptoKey | undefined> {
    if (opened.holder.kind !== 'staff') return undefined;
    const holder = opened.holder;
    const personalWraps = (all: KeyWrapRow[]) =>
      all
        .filter(isWrap)
        .filter(
          (w) => w.key === 'personal' && sameHolder(w.holder, holder) && sameKdf(w.kdf, opened.kdf),
        );
    const personalWrap = (all: KeyWrapRow[]) => personalWraps(all)[0];
    try {
      // More than one after a merge (see openCoordinatorKeys): the one this secret opens.
      for (const existing of personalWraps(rows)) {
        const key = await unwrapWithKek(existing, kek).catch(() => undefined);
        if (key) return key;
      }
      const personalKey = await generateDataKey();
      const id = crypto.randomUUID();
      const made: KeyWrap = {
        id,
        holder,
        key: 'personal',
        kdf: opened.kdf,
        wrapped: await wrapWithKek(personalKey, kek, id),
        createdAt: new Date(now()).toISOString(),
      };
      // Another tab unlocking at the same moment may have been first: then use its key.
      const first = await db.transaction('rw', db.keyring, async () => {
        const other = personalWrap(await db.keyring.toArray());
        if (!other) await db.keyring.add(made);
        return other;
      });
      return first ? await unwrapWithKek(first, kek) : personalKey;
    } catch {
      return undefined;
    }
  }

  /**
   * Devices set up before roles were in the keys have no coordinator key. The
   * first coordinator to unlock makes one, wraps it for themselves and starts
   * the roster with themselves as its only coordinator; other coordinators are
   * made coordinators again from Settings → Staff (with a confirmation).
   *
   * Only on a device with no trace of roles at all: no box row, no roster, no
   * coordinator wrap. A missing box row on a device that has any of those is
   * damage (or someone deleting it to be made "first coordinator"), not an
   * upgrade — whatever the staff rows, which any team member can rewrite, say.
   * On a truly old device the staff rows are all there is, and every team
   * member could already read everything; that first step trusts them once.
   */
  async function upgradeToCoordinatorKey(opened: KeyWrap, secret: string): Promise<void> {
    if (opened.holder.kind !== 'staff') return;
    if (await hasRoles()) return;
    const me = await deps.staff.get(opened.holder.staffId);
    if (me?.role !== 'coordinator' || !me.active) return;
    const coordinator = await newCoordinatorKeys(vault.dataKey);
    const [, coordinatorWrap] = await createWraps({
      teamKey: vault.dataKey,
      coordinatorKey: coordinator.keys.dataKey,
      secret,
      holder: opened.holder,
      policy,
      derive,
      kdf: opened.kdf,
    });
    const rosterMac = await deriveSubkey(coordinator.keys.dataKey, 'rosterMac');
    const roster = await signRoster(
      rosterMac,
      {
        version: 1,
        entries: rosterFromWraps([...(await db.keyring.toArray()), coordinatorWrap!]),
      },
      now,
    );
    const made = await db.transaction('rw', db.keyring, async () => {
      if (await hasRoles()) return false; // another tab was first
      await db.keyring.bulkAdd([coordinatorWrap!, coordinator.row, roster]);
      return true;
    });
    if (made) vault.addCoordinatorKeys(coordinator.keys, coordinator.publicKey);
  }

  /**
   * Every rotated team key generation this holder reaches with what unlocking
   * already gave: its own wraps with a `gen` (the same KEK), its inboxes'
   * grants (personal key), the coordinators' grants (coordinator key).
   */
  async function openTeamGenerations(
    opened: KeyWrap,
    kek: CryptoKey,
    staffId: string,
    personalKey: CryptoKey | undefined,
    coordinator: CoordinatorKeys | undefined,
  ): Promise<Map<number, CryptoKey>> {
    const { openGenerations, openGenerationWraps } = await generations();
    const all = await db.keyring.toArray();
    const own = await openGenerationWraps(
      all,
      (row) => isWrap(row) && sameHolder(row.holder, opened.holder) && sameKdf(row.kdf, opened.kdf),
      (row) => unwrapWithKek(row as KeyWrap, kek),
    );
    const granted = await openGenerations(all, {
      ...(staffId ? { staffId } : {}),
      ...(personalKey ? { personalKey } : {}),
      ...(coordinator ? { coordinatorKey: coordinator.dataKey } : {}),
    });
    for (const [gen, key] of granted) if (!own.has(gen)) own.set(gen, key);
    return own;
  }

  async function ensureInbox(staffId: string, personalKey: CryptoKey): Promise<void> {
    const inboxIds = (all: KeyWrapRow[]) =>
      all
        .filter((r) => r.holder.kind === 'inbox' && r.holder.staffId === staffId)
        .map((r) => r.id)
        .join();
    const { hasOwnInbox, makeInbox } = await generations();
    const rows = await db.keyring.toArray();
    if (await hasOwnInbox(rows, staffId, personalKey)) return;
    const inbox = await makeInbox(staffId, personalKey, now());
    await db.transaction('rw', db.keyring, async () => {
      // Another tab unlocking at the same moment may have been first: then the next unlock checks.
      if (inboxIds(await db.keyring.toArray()) === inboxIds(rows)) await db.keyring.add(inbox);
    });
  }

  /** Whether this device has ever had roles in its keys. */
  async function hasRoles(): Promise<boolean> {
    const rows = await db.keyring.toArray();
    return rows.some(
      (row) =>
        row.holder.kind === 'box' ||
        row.holder.kind === 'roster' ||
        (isWrap(row) && row.key === 'coordinator'),
    );
  }

  /**
   * Unlocks with a staff passphrase or the recovery code. Wrong secrets count
   * towards the throttle. `keyringComplete: false` (a join whose records are
   * still arriving): the keyring may be only partly here, so nothing is made
   * from its absence — no coordinator key, roster or inbox that may already
   * exist on the server; the next unlock does what was left.
   */
  async function unlock(
    secret: string,
    via: 'passphrase' | 'recovery',
    { keyringComplete = true }: { keyringComplete?: boolean } = {},
  ): Promise<void> {
    const counted = await claimTry();
    const kind = via === 'recovery' ? 'recovery' : 'staff';
    // Wraps of someone the roster marks inactive open nothing, as if they were
    // gone (they are dropped after the next unlock that can): the same
    // "wrong passphrase", and a refused try changes nothing but the throttle.
    const { dropRevokedWraps, revokedStaff } = await revocation();
    const revoked = await revokedStaff(db);
    const rows = (await db.keyring.where('holder.kind').equals(kind).toArray()).filter(
      (r) => !(r.holder.kind === 'staff' && revoked.staff.has(r.holder.staffId)),
    );
    const candidate = via === 'recovery' ? normaliseRecoveryCode(secret) : secret;
    try {
      const { wrap, dataKey, kek } = await openAnyWrap(teamWraps(rows), candidate, policy, derive);
      await clearThrottle();
      const staffId = wrap.holder.kind === 'staff' ? wrap.holder.staffId : '';
      const coordinator = await openCoordinatorKeys(rows, wrap, kek, candidate);
      const personalKey = await openOrMakePersonalKey(rows, wrap, kek);
      const generations = await openTeamGenerations(wrap, kek, staffId, personalKey, coordinator);
      const box = await boxRow();
      const boxKey = box ? await checkBoxKey(db, box, dataKey, coordinator, now) : undefined;
      vault.open(
        dataKey,
        { staffId, viaRecovery: via === 'recovery' },
        {
          ...(coordinator ? { coordinator } : {}),
          ...(personalKey ? { personalKey } : {}),
          ...(boxKey?.publicKey ? { boxPublicKey: boxKey.publicKey } : {}),
          ...(boxKey?.refused ? { boxKeyRefused: true } : {}),
          generations,
        },
      );
      // A staff member's inbox for keys rotated later (keyring-generations.ts). Best effort.
      if (personalKey && staffId && keyringComplete)
        await ensureInbox(staffId, personalKey).catch(() => undefined);
      // A keyring still arriving makes nothing (above): the next unlock does.
      if (keyringComplete) {
        // Best effort: if it fails (a full disk), the next unlock tries again.
        if (!box) await upgradeToCoordinatorKey(wrap, candidate).catch(() => undefined);
        // A device whose roles came before the roster: build it now from who holds
        // a coordinator wrap. Best effort too; a damaged roster is reported where
        // it would be used (granting the coordinator key), not here.
        else if (coordinator)
          await rosterStore(db, vault, now)
            .ensure()
            .catch(() => undefined);
      }
      // Once per device: rows already in the box tables may never be replaced by a box.
      await boxLedger(db)
        .sweep()
        .catch(() => undefined);
      // Wraps of people the roster marks inactive (a deactivation that arrived while
      // this device was offline or locked): a coordinator's unlock checks the roster's
      // MAC and drops them all. Best effort: the next unlock tries again.
      await dropRevokedWraps(db, vault, now).catch(() => undefined);
    } catch (error) {
      if (error instanceof VaultError && error.code === 'wrong-passphrase')
        throw new WrongSecretError(counted);
      throw error;
    }
  }

  return { readThrottle, claimTry, clearThrottle, unlock };
}
