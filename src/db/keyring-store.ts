/**
 * Setting up, unlocking and re-keying the vault against the database. Unlocking
 * itself is in keyring-unlock.ts, reading the wraps in keyring-wraps.ts.
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
  openAnyWrap,
  type KeyWrap,
} from '../crypto/keyring';
import type { Vault } from '../crypto/vault';
import type { Organisation } from '../domain/organisation';
import type { Staff } from '../domain/staff';
import type { AplisDatabase } from './schema';
import { tombstonesFor } from './tombstones';
import { keyringUnlock } from './keyring-unlock';
import { isWrap, newCoordinatorKeys, teamWraps } from './keyring-wraps';
import { organisationRepository, staffRepository } from './repositories';

export { UnlockThrottledError, WrongSecretError } from './keyring-unlock';

export interface KeyringOptions {
  policy?: KdfPolicy;
  derive?: DeriveFn;
  now?: () => number;
}

export const ORGANISATION_ID = 'organisation';

export function keyringStore(db: AplisDatabase, vault: Vault, options: KeyringOptions = {}) {
  const policy = options.policy ?? productionKdfPolicy;
  const derive = options.derive ?? deriveBitsOffThread;
  const now = options.now ?? Date.now;
  const staff = staffRepository(db, vault);
  const organisation = organisationRepository(db, vault);
  const { readThrottle, claimTry, clearThrottle, unlock } = keyringUnlock(db, vault, {
    policy,
    derive,
    now,
    staff,
  });

  async function staffKdf() {
    const wraps = (await db.keyring.where('holder.kind').equals('staff').toArray()).filter(isWrap);
    return wraps[0]?.kdf;
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
      const coordinator = await newCoordinatorKeys(dataKey);
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
        const orgRow = await organisation.toRow({
          id: ORGANISATION_ID,
          ...input.organisation,
          createdAt,
        });
        const staffRow = await staff.toRow({
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

    unlock,

    /**
     * Gives `staffId` a new passphrase (after a recovery unlock, or from
     * Settings). The data key is re-wrapped; no row is re-encrypted. After a
     * recovery unlock the used recovery code is replaced by a new one.
     */
    async setPassphrase(staffId: string, passphrase: string): Promise<{ recoveryCode?: string }> {
      const teamKey = vault.dataKey;
      const viaRecovery = vault.session?.viaRecovery === true;
      const coordinatorKey = vault.hasCoordinatorKey ? vault.coordinatorKey : undefined;
      const person = await staff.get(staffId);
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

    /**
     * Checks a passphrase against the signed-in person's wrap without changing
     * any key (leaving a kiosk). Counts towards the same throttle as the unlock
     * screen: throws UnlockThrottledError while a wait is running.
     */
    async verifyPassphrase(staffId: string, passphrase: string): Promise<boolean> {
      await claimTry();
      const wraps = teamWraps(
        await db.keyring.where('holder.kind').equals('staff').toArray(),
      ).filter((w) => w.holder.kind === 'staff' && w.holder.staffId === staffId);
      try {
        await openAnyWrap(wraps, passphrase, policy, derive);
        await clearThrottle();
        return true;
      } catch (error) {
        if (error instanceof VaultError && error.code === 'wrong-passphrase') return false;
        throw error;
      }
    },
  };
}

export type KeyringStore = ReturnType<typeof keyringStore>;
