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
  createWrap,
  generateDataKey,
  generateRecoveryCode,
  normaliseRecoveryCode,
  openAnyWrap,
  type KeyWrap,
} from '../crypto/keyring';
import type { Vault } from '../crypto/vault';
import type { Organisation } from '../domain/organisation';
import type { Staff } from '../domain/staff';
import {
  initialThrottle,
  recordFailure,
  waitRemaining,
  type ThrottleState,
} from '../domain/unlock-throttle';
import type { AplisDatabase } from './schema';
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

export function keyringStore(db: AplisDatabase, vault: Vault, options: KeyringOptions = {}) {
  const policy = options.policy ?? productionKdfPolicy;
  const derive = options.derive ?? deriveBitsOffThread;
  const now = options.now ?? Date.now;

  async function readThrottle(): Promise<ThrottleState> {
    const row = await db.meta.get(THROTTLE_KEY);
    return (row?.value as ThrottleState | undefined) ?? initialThrottle;
  }

  async function staffKdf() {
    const existing = await db.keyring.where('holder.kind').equals('staff').first();
    return existing?.kdf;
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
      const [staffWrap, recoveryWrap] = await Promise.all([
        createWrap({
          dataKey,
          secret: input.passphrase,
          holder: { kind: 'staff', staffId },
          policy,
          derive,
        }),
        createWrap({ dataKey, secret: recoveryCode, holder: { kind: 'recovery' }, policy, derive }),
      ]);
      vault.open(dataKey, { staffId, viaRecovery: false });
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
          await db.keyring.bulkAdd([staffWrap, recoveryWrap]);
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
      const wraps = await db.keyring.where('holder.kind').equals(kind).toArray();
      const candidate = via === 'recovery' ? normaliseRecoveryCode(secret) : secret;
      try {
        const { wrap, dataKey } = await openAnyWrap(wraps, candidate, policy, derive);
        await db.meta.put({ key: THROTTLE_KEY, value: initialThrottle });
        const staffId = wrap.holder.kind === 'staff' ? wrap.holder.staffId : '';
        vault.open(dataKey, { staffId, viaRecovery: via === 'recovery' });
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
      const dataKey = vault.dataKey;
      const viaRecovery = vault.session?.viaRecovery === true;
      const kdf = await staffKdf();
      const staffWrap = await createWrap({
        dataKey,
        secret: passphrase,
        holder: { kind: 'staff', staffId },
        policy,
        derive,
        ...(kdf ? { kdf } : {}),
      });
      let recoveryCode: string | undefined;
      let recoveryWrap: KeyWrap | undefined;
      if (viaRecovery) {
        recoveryCode = generateRecoveryCode();
        recoveryWrap = await createWrap({
          dataKey,
          secret: recoveryCode,
          holder: { kind: 'recovery' },
          policy,
          derive,
        });
      }
      await db.transaction('rw', db.keyring, async () => {
        const old = await db.keyring.toArray();
        const stale = old.filter(
          (w) =>
            (w.holder.kind === 'staff' && w.holder.staffId === staffId) ||
            (recoveryWrap !== undefined && w.holder.kind === 'recovery'),
        );
        await db.keyring.bulkDelete(stale.map((w) => w.id));
        await db.keyring.bulkAdd(recoveryWrap ? [staffWrap, recoveryWrap] : [staffWrap]);
      });
      // After a recovery unlock, the person choosing the new passphrase becomes
      // the one signed in; the session stays "via recovery" until the caller
      // has shown the new code. Setting a colleague's passphrase changes nothing here.
      if (viaRecovery) vault.update({ staffId });
      return recoveryCode ? { recoveryCode } : {};
    },

    /** Ids of staff members who have a passphrase on this device. */
    async staffWithPassphrase(): Promise<Set<string>> {
      const wraps = await db.keyring.where('holder.kind').equals('staff').toArray();
      return new Set(wraps.flatMap((w) => (w.holder.kind === 'staff' ? [w.holder.staffId] : [])));
    },

    /**
     * Removes every wrap of a staff member's passphrase: from now on it opens
     * nothing on this device. (Copies of the database exported earlier keep
     * their old wraps; that cannot be undone from here.)
     */
    async revokeStaff(staffId: string): Promise<number> {
      if (vault.session?.staffId === staffId) throw new Error('cannot revoke the signed-in person');
      return db.keyring
        .where('holder.kind')
        .equals('staff')
        .filter((w) => w.holder.kind === 'staff' && w.holder.staffId === staffId)
        .delete();
    },

    /** Checks a passphrase against the signed-in person's wrap without changing anything. */
    async verifyPassphrase(staffId: string, passphrase: string): Promise<boolean> {
      const wraps = (await db.keyring.where('holder.kind').equals('staff').toArray()).filter(
        (w) => w.holder.kind === 'staff' && w.holder.staffId === staffId,
      );
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
