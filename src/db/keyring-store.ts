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
import type { AplisDatabase, KeyWrapRow, TombstoneRow } from './schema';
import { tombstonesById } from './tombstones';
import { keyringUnlock } from './keyring-unlock';
import { isWrap, newCoordinatorKeys, teamWraps } from './keyring-wraps';
// Rotation is rare and needed only after an unlock: loaded then, not on the first screen.
const generations = () => import('./keyring-generations');
import { organisationRepository, staffRepository } from './repositories';
import { RosterError, rosterRole, rosterStore, withEntry, type Roster } from './keyring-roster';

export { UnlockThrottledError, WrongSecretError } from './keyring-unlock';
export { RosterError, rosterRole, type Roster } from './keyring-roster';

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
  const roster = rosterStore(db, vault, now);
  const { readThrottle, claimTry, clearThrottle, unlock } = keyringUnlock(db, vault, {
    policy,
    derive,
    now,
    staff,
  });

  /**
   * A new team key generation for everyone but `leaving`: a grant to each
   * other staff member's vouched inbox, and one to the coordinators (under the
   * coordinator key: every coordinator's passphrase and the recovery code open
   * it). None when the roster does not verify.
   *
   * When the coordinator key may be known to a former member — `leaving` held
   * it, or the roster lists a deactivated coordinator — the coordinator key does
   * not rotate (docs/key-hierarchy.md, limits), so no grant is sealed under it:
   * coordinators get the new key through their inboxes like everyone else, and
   * the recovery code is replaced by a new one whose wraps hold every
   * generation (shown once to the coordinator deactivating; the old code, which
   * a former coordinator may know, opens nothing written from now on).
   */
  async function prepareRotation(leaving: string) {
    const rows = await db.keyring.toArray();
    const heldCoordinatorKey = rows.some(
      (r) =>
        isWrap(r) &&
        r.key === 'coordinator' &&
        r.holder.kind === 'staff' &&
        r.holder.staffId === leaving,
    );
    const listed = await roster.ensure().catch(() => undefined);
    if (!listed) return undefined;
    const exposed =
      heldCoordinatorKey ||
      listed.entries.some((e) => e.role === 'coordinator' && (e.staffId === leaving || !e.active));
    const rotation = await (
      await generations()
    ).rotationGrants(rows, vault, leaving, now(), { coordinators: !exposed });
    const none: KeyWrap[] = [];
    if (!rotation || !exposed)
      return rotation && { ...rotation, recoveryCode: undefined, recoveryWraps: none };
    const recoveryCode = generateRecoveryCode();
    const recoveryWraps = await createWraps({
      teamKey: vault.dataKey,
      generations: new Map([...vault.teamKeys, [rotation.gen, rotation.key]]),
      coordinatorKey: vault.coordinatorKey,
      secret: recoveryCode,
      holder: { kind: 'recovery' },
      policy,
      derive,
    });
    return { ...rotation, recoveryCode, recoveryWraps };
  }

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
        const rosterRow = await roster.prepare({
          version: 1,
          entries: [{ staffId, role: 'coordinator', active: true }],
        });
        await db.transaction('rw', [db.keyring, db.organisation, db.staff, db.meta], async () => {
          await db.keyring.bulkAdd([...wraps, coordinator.row, rosterRow]);
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
      // Only the coordinators' roster says who is a coordinator, never the staff
      // row (team data: any team member can rewrite their own). A roster that
      // fails its MAC grants nobody: this throws `roster-damaged`. After a
      // recovery unlock (the root of trust) a damaged one is rebuilt from the wraps.
      const grant = coordinatorKey
        ? rosterRole(await roster.ensure({ repair: viaRecovery }), staffId) === 'coordinator'
        : false;
      const kdf = await staffKdf();
      // The person who will be signed in keeps (or, after a recovery unlock, gets) a personal key.
      const forMe = viaRecovery || vault.session?.staffId === staffId;
      const personalKey = forMe ? (vault.personalKey ?? (await generateDataKey())) : undefined;
      // Every rotated generation too, so old and new rows open with this passphrase.
      const generations = vault.teamKeys;
      const staffWraps = await createWraps({
        teamKey,
        generations,
        // Only coordinators get the coordinator key; a facilitator's passphrase never opens it.
        coordinatorKey: grant ? coordinatorKey : undefined,
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
          generations,
          coordinatorKey,
          secret: recoveryCode,
          holder: { kind: 'recovery' },
          policy,
          derive,
        });
      }
      const staleIds = async () =>
        (await db.keyring.toArray())
          .filter(isWrap)
          .filter(
            (w) =>
              (w.holder.kind === 'staff' && w.holder.staffId === staffId) ||
              (recoveryWraps.length > 0 && w.holder.kind === 'recovery'),
          )
          .map((w) => w.id);
      // Keyed tombstones (HMAC) are computed before the transaction, for the wraps seen now.
      const tombstones = await tombstonesById(vault, 'keyring', await staleIds(), now());
      await db.transaction('rw', [db.keyring, db.tombstones], async () => {
        const stale = await staleIds();
        await db.keyring.bulkDelete(stale);
        // Tombstones, so merging a backup does not bring the old wraps back.
        await db.tombstones.bulkPut(stale.flatMap((id) => tombstones.get(id) ?? []));
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

    /** Ids of staff members who hold a coordinator wrap on this device. */
    async staffWithCoordinatorKey(): Promise<Set<string>> {
      const wraps = (await db.keyring.where('holder.kind').equals('staff').toArray()).filter(
        isWrap,
      );
      return new Set(
        wraps.flatMap((w) =>
          w.holder.kind === 'staff' && w.key === 'coordinator' ? [w.holder.staffId] : [],
        ),
      );
    },

    /**
     * Removes every wrap of a staff member's passphrase: from now on it opens
     * nothing on this device. (Copies of the database exported earlier keep
     * their old wraps; that cannot be undone from here.)
     */
    async revokeStaff(staffId: string): Promise<number> {
      return (await this.deactivateStaff(staffId)).removed;
    },

    /**
     * `revokeStaff`, and in a coordinator's session the team key rotates
     * (prepareRotation). When the person was a coordinator (or one was
     * before), the recovery code is replaced: the new one is returned, to be
     * shown once.
     */
    async deactivateStaff(staffId: string): Promise<{ removed: number; recoveryCode?: string }> {
      if (vault.session?.staffId === staffId) throw new Error('cannot revoke the signed-in person');
      // A coordinator's session rotates the team key first (keyring-generations.ts): made and
      // sent to everyone else before the wraps go, so nothing written after opens with the old key.
      const rotation = vault.hasCoordinatorKey ? await prepareRotation(staffId) : undefined;
      // A coordinator's session also marks them inactive in the roster, so no
      // later reset gives a deactivated person the coordinator key again.
      const before = vault.hasCoordinatorKey ? await roster.ensure() : undefined;
      const entry = before?.entries.find((e) => e.staffId === staffId);
      const next =
        before && entry?.active ? withEntry(before, { ...entry, active: false }) : undefined;
      const signed = next ? await roster.prepare(next) : undefined;
      const replacesRecovery = (rotation?.recoveryWraps.length ?? 0) > 0;
      // With tombstones, so merging a backup from another device does not bring the wraps back.
      // A replaced recovery code's wraps go too.
      const theirs = (w: KeyWrapRow) => w.holder.kind === 'staff' && w.holder.staffId === staffId;
      const stale = async () =>
        (await db.keyring.toArray())
          .filter(isWrap)
          .filter((w) => theirs(w) || (replacesRecovery && w.holder.kind === 'recovery'));
      const wrapIds = async () => (await stale()).map((w) => w.id);
      // Keyed tombstones (HMAC) are computed before the transaction.
      const tombstones = await tombstonesById(vault, 'keyring', await wrapIds(), now());
      const removed = await db.transaction('rw', [db.keyring, db.tombstones], async () => {
        const wraps = await stale();
        const ids = wraps.map((w) => w.id);
        await db.keyring.bulkDelete(ids);
        await db.tombstones.bulkPut(ids.flatMap((id) => tombstones.get(id) ?? []));
        if (signed && before) await roster.commit(signed, before);
        if (rotation) {
          await db.keyring.bulkAdd([...rotation.rows, ...rotation.recoveryWraps]);
          for (const vouched of rotation.vouched) await db.keyring.put(vouched);
        }
        return wraps.filter(theirs).length;
      });
      // From now on this session seals team rows with the new key.
      if (rotation) vault.addTeamGeneration(rotation.gen, rotation.key);
      return rotation?.recoveryCode
        ? { removed, recoveryCode: rotation.recoveryCode }
        : { removed };
    },

    /**
     * Who did not get the newest team key through an inbox or a wrap (no inbox
     * a coordinator could vouch for): they need a coordinator to set their
     * passphrase on this device (setPassphrase wraps every generation).
     */
    async staffWithoutNewestKey(): Promise<Set<string>> {
      const rows = await db.keyring.toArray();
      return (await generations()).staffWithoutNewestKey(rows);
    },

    /**
     * The verified roster (coordinators' sessions only): built from the
     * coordinator wraps if the device has none yet; throws `roster-damaged`
     * when it fails its MAC.
     */
    roster(): Promise<Roster> {
      return roster.ensure();
    },

    /**
     * Adds a colleague: their staff row and their roster entry, in one
     * transaction. Only a coordinator's session can write the roster, so only
     * it can add a coordinator; a facilitator's session may add a facilitator
     * (staff row only — the roster counts anyone missing as a facilitator).
     * The coordinator key itself is given when they set their passphrase.
     */
    async addStaff(person: Staff): Promise<void> {
      if (!vault.hasCoordinatorKey) {
        if (person.role === 'coordinator') throw new RosterError('coordinators-only');
        await staff.put(person);
        return;
      }
      const before = await roster.ensure();
      if (before.entries.some((e) => e.staffId === person.id)) throw new Error('already listed');
      const signed = await roster.prepare(
        withEntry(before, { staffId: person.id, role: person.role, active: person.active }),
      );
      const row = await staff.toRow(person);
      await db.transaction('rw', [db.keyring, db.staff], async () => {
        await roster.commit(signed, before);
        await db.staff.put(row);
      });
    },

    /**
     * Makes a colleague a coordinator or a facilitator: the roster and their
     * staff row together. Making someone a facilitator removes their
     * coordinator wrap at once; making someone a coordinator gives them the
     * key the next time they type their passphrase here (setPassphrase).
     * Coordinators' sessions only; not for the signed-in person.
     */
    async setRole(staffId: string, role: Staff['role']): Promise<void> {
      if (!vault.hasCoordinatorKey) throw new RosterError('coordinators-only');
      if (vault.session?.staffId === staffId) throw new Error('cannot change own role');
      const person = await staff.get(staffId);
      if (!person) throw new Error('no such staff member');
      const before = await roster.ensure();
      const signed = await roster.prepare(
        withEntry(before, { staffId, role, active: person.active }),
      );
      const row = await staff.toRow({ ...person, role });
      const coordinatorWrapIds = async () =>
        (await db.keyring.toArray())
          .filter(isWrap)
          .filter(
            (w) =>
              w.key === 'coordinator' && w.holder.kind === 'staff' && w.holder.staffId === staffId,
          )
          .map((w) => w.id);
      // Keyed tombstones (HMAC) are computed before the transaction.
      const tombstones =
        role === 'coordinator'
          ? new Map<string, TombstoneRow>()
          : await tombstonesById(vault, 'keyring', await coordinatorWrapIds(), now());
      await db.transaction('rw', [db.keyring, db.staff, db.tombstones], async () => {
        await roster.commit(signed, before);
        await db.staff.put(row);
        if (role === 'coordinator') return;
        const ids = await coordinatorWrapIds();
        await db.keyring.bulkDelete(ids);
        await db.tombstones.bulkPut(ids.flatMap((id) => tombstones.get(id) ?? []));
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
