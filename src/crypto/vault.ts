/**
 * The unlocked session: holds the data key in memory, seals and opens rows.
 * Locking drops the key; every listener (the UI, the query cache) is told so
 * it can forget decrypted data too.
 *
 * One Vault per app instance, passed down through React context and to the
 * repositories, so tests make their own instead of stubbing a global.
 */
import { VaultError } from './errors';
import { openRow, sealRow, type Sealed } from './seal';

export interface VaultSession {
  staffId: string;
  /** Unlocked with the recovery code: a new passphrase must be set first. */
  viaRecovery: boolean;
}

type Listener = () => void;

export class Vault {
  #dataKey: CryptoKey | null = null;
  #session: VaultSession | null = null;
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

  open(dataKey: CryptoKey, session: VaultSession): void {
    this.#dataKey = dataKey;
    this.#session = session;
    this.#emit();
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
    this.#emit();
  }

  seal(table: string, id: string, value: unknown): Promise<Sealed> {
    return sealRow(this.dataKey, table, id, value);
  }

  unseal(table: string, id: string, sealed: unknown): Promise<unknown> {
    return openRow(this.dataKey, table, id, sealed);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}
