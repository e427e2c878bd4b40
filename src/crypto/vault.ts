/**
 * The unlocked session: holds the data key in memory, seals and opens rows.
 * Locking drops the key; every listener (the UI, the query cache) is told so
 * it can forget decrypted data too.
 *
 * One Vault per app instance, passed down through React context and to the
 * repositories, so tests make their own instead of stubbing a global.
 */
import { boxAccepts } from './box-policy';
import { DamagedRecordError, NewerKeyError, VaultError } from './errors';
import { isCoordinatorRecord, isPersonalRecord } from './key-classes';
import { isSealedBox, openBox, sealToBox, type BoxFormat } from './sealed-box';
import { openRow, openRowAt, sealedGeneration, sealRow, sealRowAt, type Sealed } from './seal';
import { deriveSubkey, type SubkeyPurpose } from './subkeys';

export interface VaultSession {
  staffId: string;
  /** Unlocked with the recovery code: a new passphrase must be set first. */
  viaRecovery: boolean;
}

/** What a coordinator's unlock adds: the coordinator data key and the sealed-box private key. */
export interface CoordinatorKeys {
  dataKey: CryptoKey;
  boxPrivateKey: CryptoKey;
  /** The public key derived from the private key (not the stored copy): bound into each box's key. */
  boxPublicRaw: Uint8Array<ArrayBuffer>;
}

/** A row opened: its payload, and whether it was a sealed box (and in which format). */
export interface Opened {
  value: unknown;
  box?: BoxFormat;
}

export interface OpenOptions {
  /** Only when the signed-in person holds a coordinator wrap (or the recovery code). */
  coordinator?: CoordinatorKeys;
  /** The coordinators' public key, so anyone can seal coordinators' records (a concern). */
  boxPublicKey?: CryptoKey;
  /**
   * The stored public key failed its MAC (db/box-key.ts): sealing a concern
   * to it is refused with `box-key-untrusted`, so the author keeps it as a draft.
   */
  boxKeyRefused?: boolean;
  /** The signed-in staff member's own key, for their personal drafts (key-classes.ts). */
  personalKey?: CryptoKey;
  /**
   * Team keys made by rotations (generation 2 and on, docs/key-hierarchy.md),
   * by generation. The data key passed to `open` is generation 1, the root:
   * every subkey is still derived from it.
   */
  generations?: ReadonlyMap<number, CryptoKey>;
}

type Listener = () => void;

export class Vault {
  #dataKey: CryptoKey | null = null;
  #session: VaultSession | null = null;
  #coordinator: CoordinatorKeys | null = null;
  #boxPublicKey: CryptoKey | null = null;
  #boxKeyRefused = false;
  #personalKey: CryptoKey | null = null;
  #generations = new Map<number, CryptoKey>();
  /** A team row of a generation this session does not hold was met: unlock again. */
  #newerKeySeen = 0;
  /** Subkeys derived this session, by parent and purpose; dropped with the keys on lock. */
  #subkeys = new Map<string, Promise<CryptoKey>>();
  readonly #listeners = new Set<Listener>();

  get isUnlocked(): boolean {
    return this.#dataKey !== null;
  }

  get session(): VaultSession | null {
    return this.#session;
  }

  /** The data key, for re-wrapping only (add a staff member, new recovery code). */
  get dataKey(): CryptoKey {
    if (!this.#dataKey) throw new VaultError('locked');
    return this.#dataKey;
  }

  /** True when this session can open coordinators' records (screenings, concerns, audit). */
  get hasCoordinatorKey(): boolean {
    return this.#coordinator !== null;
  }

  /** The coordinator data key, for re-wrapping only (a new coordinator, a new recovery code). */
  get coordinatorKey(): CryptoKey {
    if (!this.#coordinator) throw new VaultError('coordinators-only');
    return this.#coordinator.dataKey;
  }

  /** The personal key, for re-wrapping under a new passphrase only; undefined after a recovery unlock. */
  get personalKey(): CryptoKey | undefined {
    return this.#personalKey ?? undefined;
  }

  /** The newest team key generation this session holds: what team rows are sealed with. */
  get teamGeneration(): number {
    return Math.max(1, ...this.#generations.keys());
  }

  /** Every team key generation this session holds, 1 (the root) first, for re-wrapping only. */
  get teamKeys(): ReadonlyMap<number, CryptoKey> {
    const keys = new Map([[1, this.dataKey]]);
    for (const gen of [...this.#generations.keys()].sort((a, b) => a - b))
      keys.set(gen, this.#generations.get(gen)!);
    return keys;
  }

  /**
   * The newest generation of a team row this session could not open because it
   * holds no key for it (0 when none): the key was rotated elsewhere.
   */
  get newerKeySeen(): number {
    return this.#newerKeySeen;
  }

  open(dataKey: CryptoKey, session: VaultSession, options: OpenOptions = {}): void {
    this.#dataKey = dataKey;
    this.#generations = new Map([...(options.generations ?? [])].filter(([gen]) => gen >= 2));
    this.#newerKeySeen = 0;
    this.#session = session;
    this.#coordinator = options.coordinator ?? null;
    this.#boxPublicKey = options.boxPublicKey ?? null;
    this.#boxKeyRefused = options.boxKeyRefused === true;
    this.#personalKey = options.personalKey ?? null;
    this.#subkeys = new Map();
    this.#emit();
  }

  /** Adds the coordinator keys to an open session (first coordinator unlock after an upgrade). */
  addCoordinatorKeys(keys: CoordinatorKeys, boxPublicKey: CryptoKey): void {
    if (!this.#dataKey) throw new VaultError('locked');
    this.#coordinator = keys;
    this.#boxPublicKey = boxPublicKey;
    this.#boxKeyRefused = false;
    this.#subkeys.clear();
    this.#emit();
  }

  /** A team key generation learnt during this session (a rotation here, or one picked up from a grant). */
  addTeamGeneration(generation: number, key: CryptoKey): void {
    if (!this.#dataKey) throw new VaultError('locked');
    if (!Number.isInteger(generation) || generation < 2) throw new RangeError('generation');
    this.#generations.set(generation, key);
    if (this.#newerKeySeen <= this.teamGeneration) this.#newerKeySeen = 0;
    this.#emit();
  }

  /** A personal key made during this session (a new passphrase after a recovery unlock). */
  addPersonalKey(key: CryptoKey): void {
    if (!this.#dataKey) throw new VaultError('locked');
    this.#personalKey = key;
  }

  update(session: Partial<VaultSession>): void {
    if (!this.#session) throw new VaultError('locked');
    this.#session = { ...this.#session, ...session };
    this.#emit();
  }

  lock(): void {
    if (!this.#dataKey && !this.#session) return;
    this.#dataKey = null;
    this.#session = null;
    this.#coordinator = null;
    this.#boxPublicKey = null;
    this.#boxKeyRefused = false;
    this.#personalKey = null;
    this.#generations = new Map();
    this.#newerKeySeen = 0;
    this.#subkeys = new Map();
    this.#emit();
  }

  /** An HMAC key derived from the team key for one purpose (crypto/subkeys.ts). */
  teamSubkey(purpose: SubkeyPurpose): Promise<CryptoKey> {
    return this.#subkey('team', this.dataKey, purpose);
  }

  /** An HMAC key derived from the coordinator key for one purpose; coordinators only. */
  coordinatorSubkey(purpose: SubkeyPurpose): Promise<CryptoKey> {
    return this.#subkey('coordinator', this.coordinatorKey, purpose);
  }

  #subkey(parent: string, key: CryptoKey, purpose: SubkeyPurpose): Promise<CryptoKey> {
    const cacheKey = `${parent}:${purpose}`;
    let derived = this.#subkeys.get(cacheKey);
    if (!derived) {
      derived = deriveSubkey(key, purpose);
      this.#subkeys.set(cacheKey, derived);
    }
    return derived;
  }

  #personal(table: string): CryptoKey {
    if (!this.#personalKey) throw new VaultError('no-personal-key', table);
    return this.#personalKey;
  }

  /** Seals a row's payload; `version` goes into the additional data (seal.ts). */
  seal(table: string, id: string, value: unknown, version?: number): Promise<Sealed> {
    const teamKey = this.dataKey; // throws when locked
    if (isPersonalRecord(table, id)) {
      if (!this.#personalKey) return Promise.reject(new VaultError('no-personal-key', table));
      return sealRow(this.#personalKey, table, id, value, version);
    }
    if (!isCoordinatorRecord(table, id)) {
      // Always the newest team key: a colleague deactivated since cannot open it.
      const generation = this.teamGeneration;
      if (generation === 1) return sealRow(teamKey, table, id, value, version);
      return sealRowAt(this.#generations.get(generation)!, generation, table, id, value, version);
    }
    if (this.#coordinator) return sealRow(this.#coordinator.dataKey, table, id, value, version);
    // Without the coordinator key only a new concern (and what raising it writes) may go in a
    // box: version 1 (or a caller from before row versions), and a payload box-policy allows.
    if ((version !== undefined && version !== 1) || !boxAccepts(table, id, value))
      return Promise.reject(new VaultError('coordinators-only', table));
    if (this.#boxPublicKey) return sealToBox(this.#boxPublicKey, table, id, value, version);
    if (this.#boxKeyRefused) return Promise.reject(new VaultError('box-key-untrusted', table));
    return Promise.reject(new VaultError('coordinators-only', table));
  }

  async unseal(table: string, id: string, sealed: unknown, version?: number): Promise<unknown> {
    return (await this.unsealRow(table, id, sealed, version)).value;
  }

  /**
   * Opens a row and says whether it was a sealed box. A box opens only in a
   * coordinator's session, only as version 1 (or a row from before versions),
   * and only where box-policy.ts allows one; whether it is *new* on this
   * device is for the caller to check (db/box-ledger.ts).
   */
  async unsealRow(table: string, id: string, sealed: unknown, version?: number): Promise<Opened> {
    const teamKey = this.dataKey; // throws when locked
    if (isPersonalRecord(table, id)) {
      return { value: await openRow(this.#personal(table), table, id, sealed, version) };
    }
    if (!isCoordinatorRecord(table, id))
      return { value: await this.#openTeamRow(teamKey, table, id, sealed, version) };
    const coordinator = this.#coordinator;
    if (!coordinator) throw new VaultError('coordinators-only', table);
    if (sealed instanceof Uint8Array && isSealedBox(sealed)) {
      const box = await openBox(
        { privateKey: coordinator.boxPrivateKey, publicRaw: coordinator.boxPublicRaw },
        table,
        id,
        sealed,
        version,
      ).catch(() => undefined); // 1 in 2^32: an ordinary row whose IV starts like a box.
      if (box) {
        if ((version !== undefined && version !== 1) || !boxAccepts(table, id, box.value))
          throw new DamagedRecordError(table, id);
        return { value: box.value, box: box.format };
      }
    }
    return { value: await openRow(coordinator.dataKey, table, id, sealed, version) };
  }

  /** A team row, under the generation its header names (seal.ts), or generation 1. */
  async #openTeamRow(
    root: CryptoKey,
    table: string,
    id: string,
    sealed: unknown,
    version?: number,
  ): Promise<unknown> {
    const generation = sealedGeneration(sealed);
    if (generation !== undefined) {
      const key = this.#generations.get(generation);
      if (key) {
        const value = await openRowAt(key, generation, table, id, sealed as Uint8Array, version)
          // 1 in 2^32: a generation-1 row whose IV happens to start like a header.
          .catch(() => undefined);
        if (value !== undefined) return value;
      } else if (generation > this.teamGeneration) {
        const value = await openRow(root, table, id, sealed, version).catch(() => undefined);
        if (value !== undefined) return value;
        if (generation > this.#newerKeySeen) {
          this.#newerKeySeen = generation;
          this.#emit();
        }
        throw new NewerKeyError(table, id, generation);
      }
    }
    return openRow(root, table, id, sealed, version);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}
