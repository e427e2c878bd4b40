/**
 * Setting up, unlocking and re-keying the vault against the database.
 *
 * Key derivation and wrapping happen before the Dexie transaction that stores
 * the result, so a failure half-way (a full disk, a closed tab) leaves the
 * keyring exactly as it was.
 */
import { VaultError } from '../crypto/errors';
import {
  productionKdfPolicy,
  deriveBitsOffThread,
  type DeriveFn,
  type KdfPolicy,
} from '../crypto/kdf';
import {
  createWraps,
  generateDataKey,
  generateRecoveryCode,
  normaliseRecoveryCode,
  openAnyWrap,
  unwrapWithKek,
  wrapWithKek,
  type KeyWrap,
} from '../crypto/keyring';
import { openBytes, sealBytes } from '../crypto/seal';
import { generateBoxKeys, importBoxPrivateKey, importBoxPublicKey } from '../crypto/sealed-box';
import type { CoordinatorKeys, Vault } from '../crypto/vault';
import type { Organisation } from '../domain/organisation';
import type { Staff } from '../domain/staff';
import {
  initialThrottle,
  recordFailure,
  waitRemaining,
  type ThrottleState,
} from '../domain/unlock-throttle';
import type { AplisDatabase, CoordinatorBoxRow, KeyWrapRow } from './schema';
import { tombstonesFor } from './tombstones';
import { organisationRepository, staffRepository } from './repositories';

export interface KeyringOptions {
  policy?: KdfPolicy;
  derive?: DeriveFn;
  now?: () => number;
}

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
export const ORGANISATION_ID = 'organisation';
const BOX_ID = 'coordinator-box';
const BOX_AAD = 'aplis:keyring/coordinator-box';

function isWrap(row: KeyWrapRow): row is KeyWrap {
  return row.holder.kind !== 'box';
}

/** Wraps of the team key only: the ones that say a passphrase is right. */
const teamWraps = (rows: KeyWrapRow[]) => rows.filter(isWrap).filter((w) => !w.key);

/** Wraps made together share their KDF parameters, so one derived KEK opens them all. */
function sameKdf(a: KeyWrap['kdf'], b: KeyWrap['kdf']): boolean {
  return (
    a.iterations === b.iterations &&
    a.salt.length === b.salt.length &&
    a.salt.every((byte, i) => byte === b.salt[i])
  );
}

function sameHolder(a: KeyWrap['holder'], b: KeyWrap['holder']): boolean {
  if (a.kind === 'staff' && b.kind === 'staff') return a.staffId === b.staffId;
  return a.kind === b.kind;
}

/** A new coordinator data key and sealed-box key pair, the private half sealed under it. */
async function newCoordinatorKeys(): Promise<{
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
    sealedPrivateKey: await sealBytes(dataKey, BOX_AAD, box.privatePkcs8),
    createdAt: new Date().toISOString(),
  };
  return { keys: { dataKey, boxPrivateKey: box.privateKey }, row, publicKey: box.publicKey };
}

export function keyringStore(db: AplisDatabase, vault: Vault, options: KeyringOptions = {}) {
  const policy = options.policy ?? productionKdfPolicy;
  const derive = options.derive ?? deriveBitsOffThread;
  const now = options.now ?? Date.now;

  async function readThrottle(): Promise<ThrottleState> {
    const row = await db.meta.get(THROTTLE_KEY);
    return (row?.value as ThrottleState | undefined) ?? initialThrottle;
  }

  async function staffKdf() {
    const staff = (await db.keyring.where('holder.kind').equals('staff').toArray()).filter(isWrap);
    return staff[0]?.kdf;
  }

  async function boxRow(): Promise<CoordinatorBoxRow | undefined> {
    const row = await db.keyring.get(BOX_ID);
    return row && !isWrap(row) ? row : undefined;
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
    const wrap = rows
      .filter(isWrap)
      .find((w) => w.key === 'coordinator' && sameHolder(w.holder, opened.holder));
    const box = await boxRow();
    if (!wrap || !box) return undefined;
    const { dataKey } = sameKdf(wrap.kdf, opened.kdf)
      ? { dataKey: await unwrapWithKek(wrap, kek) }
      : await openAnyWrap([wrap], secret, policy, derive);
    const pkcs8 = await openBytes(dataKey, BOX_AAD, box.sealedPrivateKey);
    return { dataKey, boxPrivateKey: await importBoxPrivateKey(new Uint8Array(pkcs8)) };
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
    const personalWrap = (all: KeyWrapRow[]) =>
      all
        .filter(isWrap)
        .find(
          (w) => w.key === 'personal' && sameHolder(w.holder, holder) && sameKdf(w.kdf, opened.kdf),
        );
    try {
      const existing = personalWrap(rows);
      if (existing) return await unwrapWithKek(existing, kek);
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
   * first coordinator to unlock makes one and wraps it for themselves; other
   * coordinators get their wrap when a coordinator next sets their passphrase,
   * and the recovery code when it is next replaced.
   */
  async function upgradeToCoordinatorKey(opened: KeyWrap, secret: string): Promise<void> {
    if (opened.holder.kind !== 'staff') return;
    const me = await staffRepository(db, vault).get(opened.holder.staffId);
    if (me?.role !== 'coordinator') return;
    const coordinator = await newCoordinatorKeys();
    const [, coordinatorWrap] = await createWraps({
      teamKey: vault.dataKey,
      coordinatorKey: coordinator.keys.dataKey,
      secret,
      holder: opened.holder,
      policy,
      derive,
      kdf: opened.kdf,
    });
    const made = await db.transaction('rw', db.keyring, async () => {
      if (await db.keyring.get(BOX_ID)) return false; // another tab was first
      await db.keyring.bulkAdd([coordinatorWrap!, coordinator.row]);
      return true;
    });
    if (made) vault.addCoordinatorKeys(coordinator.keys, coordinator.publicKey);
  }

  return {
    async isSetUp(): Promise<boolean> {
      return (await db.keyring.count()) > 0;
    },

    readThrottle,

    /**
     * Creates the organisation, its first coordinator and the vault. Returns
     * the recovery code, which is shown once and never stored in the clear.
     */
    async createOrganisation(input: {
      organisation: Omit<Organisation, 'createdAt' | 'id'>;
      coordinator: Pick<Staff, 'displayName' | 'languages'>;
      passphrase: string;
      demo?: boolean;
    }): Promise<{ recoveryCode: string; staffId: string }> {
      if (await this.isSetUp()) throw new Error('already set up');
      const dataKey = await generateDataKey();
      const staffId = crypto.randomUUID();
      const recoveryCode = generateRecoveryCode();
      const coordinator = await newCoordinatorKeys();
      const coordinatorKey = coordinator.keys.dataKey;
      const personalKey = await generateDataKey();
      const wraps = (
        await Promise.all([
          createWraps({
            teamKey: dataKey,
            coordinatorKey,
            personalKey,
            secret: input.passphrase,
            holder: { kind: 'staff', staffId },
            policy,
            derive,
          }),
          createWraps({
            teamKey: dataKey,
            coordinatorKey,
            secret: recoveryCode,
            holder: { kind: 'recovery' },
            policy,
            derive,
          }),
        ])
      ).flat();
      vault.open(
        dataKey,
        { staffId, viaRecovery: false },
        { coordinator: coordinator.keys, boxPublicKey: coordinator.publicKey, personalKey },
      );
      try {
        const createdAt = new Date(now()).toISOString();
        const orgRow = await organisationRepository(db, vault).toRow({
          id: ORGANISATION_ID,
          ...input.organisation,
          createdAt,
        });
        const staffRow = await staffRepository(db, vault).toRow({
          id: staffId,
          displayName: input.coordinator.displayName,
          languages: input.coordinator.languages,
          role: 'coordinator',
          active: true,
          createdAt,
        });
        await db.transaction('rw', [db.keyring, db.organisation, db.staff, db.meta], async () => {
          await db.keyring.bulkAdd([...wraps, coordinator.row]);
          await db.organisation.add(orgRow);
          await db.staff.add(staffRow);
          await db.meta.put({ key: 'demo', value: input.demo === true });
        });
      } catch (error) {
        vault.lock();
        throw error;
      }
      return { recoveryCode, staffId };
    },

    /** Unlocks with a staff passphrase or the recovery code. Wrong secrets count towards the throttle. */
    async unlock(secret: string, via: 'passphrase' | 'recovery'): Promise<void> {
      const throttle = await readThrottle();
      const wait = waitRemaining(throttle, now());
      if (wait > 0) throw new UnlockThrottledError(wait);
      const kind = via === 'recovery' ? 'recovery' : 'staff';
      const rows = await db.keyring.where('holder.kind').equals(kind).toArray();
      const candidate = via === 'recovery' ? normaliseRecoveryCode(secret) : secret;
      try {
        const { wrap, dataKey, kek } = await openAnyWrap(
          teamWraps(rows),
          candidate,
          policy,
          derive,
        );
        await db.meta.put({ key: THROTTLE_KEY, value: initialThrottle });
        const staffId = wrap.holder.kind === 'staff' ? wrap.holder.staffId : '';
        const coordinator = await openCoordinatorKeys(rows, wrap, kek, candidate);
        const personalKey = await openOrMakePersonalKey(rows, wrap, kek);
        const box = await boxRow();
        vault.open(
          dataKey,
          { staffId, viaRecovery: via === 'recovery' },
          {
            ...(coordinator ? { coordinator } : {}),
            ...(personalKey ? { personalKey } : {}),
            ...(box ? { boxPublicKey: await importBoxPublicKey(box.publicKey) } : {}),
          },
        );
        // Best effort: if it fails (a full disk), the next unlock tries again.
        if (!box) await upgradeToCoordinatorKey(wrap, candidate).catch(() => undefined);
      } catch (error) {
        if (error instanceof VaultError && error.code === 'wrong-passphrase') {
          const next = recordFailure(throttle, now());
          await db.meta.put({ key: THROTTLE_KEY, value: next });
          throw new WrongSecretError(next);
        }
        throw error;
      }
    },

    /**
     * Gives `staffId` a new passphrase (after a recovery unlock, or from
     * Settings). The data key is re-wrapped; no row is re-encrypted. After a
     * recovery unlock the used recovery code is replaced by a new one.
     */
    async setPassphrase(staffId: string, passphrase: string): Promise<{ recoveryCode?: string }> {
      const teamKey = vault.dataKey;
      const viaRecovery = vault.session?.viaRecovery === true;
      const coordinatorKey = vault.hasCoordinatorKey ? vault.coordinatorKey : undefined;
      const person = await staffRepository(db, vault).get(staffId);
      const kdf = await staffKdf();
      // The person who will be signed in keeps (or, after a recovery unlock, gets) a personal key.
      const forMe = viaRecovery || vault.session?.staffId === staffId;
      const personalKey = forMe ? (vault.personalKey ?? (await generateDataKey())) : undefined;
      const staffWraps = await createWraps({
        teamKey,
        // Only coordinators get the coordinator key; a facilitator's passphrase never opens it.
        coordinatorKey: person?.role === 'coordinator' ? coordinatorKey : undefined,
        // Their own drafts stay readable after a change of their own passphrase. Someone
        // else's passphrase set here gets a new personal key at their next unlock.
        personalKey,
        secret: passphrase,
        holder: { kind: 'staff', staffId },
        policy,
        derive,
        kdf,
      });
      let recoveryCode: string | undefined;
      let recoveryWraps: KeyWrap[] = [];
      if (viaRecovery) {
        recoveryCode = generateRecoveryCode();
        recoveryWraps = await createWraps({
          teamKey,
          coordinatorKey,
          secret: recoveryCode,
          holder: { kind: 'recovery' },
          policy,
          derive,
        });
      }
      await db.transaction('rw', [db.keyring, db.tombstones], async () => {
        const old = (await db.keyring.toArray()).filter(isWrap);
        const stale = old.filter(
          (w) =>
            (w.holder.kind === 'staff' && w.holder.staffId === staffId) ||
            (recoveryWraps.length > 0 && w.holder.kind === 'recovery'),
        );
        await db.keyring.bulkDelete(stale.map((w) => w.id));
        // Tombstones, so merging a backup does not bring the old wraps back.
        await db.tombstones.bulkPut(
          tombstonesFor(
            'keyring',
            stale.map((w) => w.id),
            now(),
          ),
        );
        await db.keyring.bulkAdd([...staffWraps, ...recoveryWraps]);
      });
      // After a recovery unlock, the person choosing the new passphrase becomes
      // the one signed in; the session stays "via recovery" until the caller
      // has shown the new code. Setting a colleague's passphrase changes nothing here.
      if (viaRecovery) vault.update({ staffId });
      if (personalKey && !vault.personalKey) vault.addPersonalKey(personalKey);
      return recoveryCode ? { recoveryCode } : {};
    },

    /** Ids of staff members who have a passphrase on this device. */
    async staffWithPassphrase(): Promise<Set<string>> {
      const wraps = teamWraps(await db.keyring.where('holder.kind').equals('staff').toArray());
      return new Set(wraps.flatMap((w) => (w.holder.kind === 'staff' ? [w.holder.staffId] : [])));
    },

    /**
     * Removes every wrap of a staff member's passphrase: from now on it opens
     * nothing on this device. (Copies of the database exported earlier keep
     * their old wraps; that cannot be undone from here.)
     */
    async revokeStaff(staffId: string): Promise<number> {
      if (vault.session?.staffId === staffId) throw new Error('cannot revoke the signed-in person');
      // With tombstones, so merging a backup from another device does not bring the wraps back.
      return db.transaction('rw', [db.keyring, db.tombstones], async () => {
        const ids = await db.keyring
          .where('holder.kind')
          .equals('staff')
          .filter((w) => w.holder.kind === 'staff' && w.holder.staffId === staffId) // both keys
          .primaryKeys();
        await db.keyring.bulkDelete(ids);
        await db.tombstones.bulkPut(tombstonesFor('keyring', ids, now()));
        return ids.length;
      });
    },

    /** Checks a passphrase against the signed-in person's wrap without changing anything. */
    async verifyPassphrase(staffId: string, passphrase: string): Promise<boolean> {
      const wraps = teamWraps(
        await db.keyring.where('holder.kind').equals('staff').toArray(),
      ).filter((w) => w.holder.kind === 'staff' && w.holder.staffId === staffId);
      try {
        await openAnyWrap(wraps, passphrase, policy, derive);
        return true;
      } catch (error) {
        if (error instanceof VaultError && error.code === 'wrong-passphrase') return false;
        throw error;
      }
    },
  };
}

export type KeyringStore = ReturnType<typeof keyringStore>;
