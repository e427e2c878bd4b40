/**
 * Where this device keeps its sync connection: the server, database and
 * account, and the organisation sync secret (crypto/sync-cipher.ts).
 *
 * Once anyone has unlocked, all of it is one entry of `meta` **sealed under
 * the team key** (never localStorage). A device that has just joined with a
 * code has no team key yet, yet must pull the keyring before someone can
 * unlock: until the first unlock it keeps the join code's settings in a
 * `meta` entry in the clear. That gives someone holding the device then the
 * account and the secret, which open only the key wraps — which every device
 * keeps unencrypted anyway (they need a passphrase). The first unlock seals
 * them and deletes the clear entry.
 */
import { fromBase64, toBase64 } from '../../crypto/bytes';
import type { Vault } from '../../crypto/vault';
import type { AplisDatabase } from '../schema';

export interface SyncSettings {
  server: string;
  database: string;
  username: string;
  password: string;
  /** The organisation sync secret. */
  secret: Uint8Array<ArrayBuffer>;
}

const SEALED_KEY = 'sync:settings';
const PENDING_KEY = 'sync:pending-join';

interface Stored {
  server: string;
  database: string;
  username: string;
  password: string;
  secret: string;
}

function toStored(s: SyncSettings): Stored {
  return { ...s, secret: toBase64(s.secret) };
}

function fromStored(s: Stored): SyncSettings {
  return { ...s, secret: fromBase64(s.secret) };
}

function isStored(value: unknown): value is Stored {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['server', 'database', 'username', 'password', 'secret'].every(
    (k) => typeof v[k] === 'string',
  );
}

export function syncSettingsStore(db: AplisDatabase, vault: Vault) {
  return {
    /** Whether this device has a server (sealed, or a join not yet unlocked). */
    async connected(): Promise<boolean> {
      return (await db.meta.bulkGet([SEALED_KEY, PENDING_KEY])).some(Boolean);
    },

    /** Sealed settings, opened; the pending join's before the first unlock. */
    async read(): Promise<SyncSettings | undefined> {
      const [sealed, pending] = await db.meta.bulkGet([SEALED_KEY, PENDING_KEY]);
      if (pending && isStored(pending.value)) return fromStored(pending.value);
      if (!sealed || !vault.isUnlocked) return undefined;
      const value = await vault.unseal('meta', SEALED_KEY, sealed.value);
      return isStored(value) ? fromStored(value) : undefined;
    },

    async save(settings: SyncSettings): Promise<void> {
      const sealed = await vault.seal('meta', SEALED_KEY, toStored(settings));
      await db.transaction('rw', db.meta, async () => {
        await db.meta.put({ key: SEALED_KEY, value: sealed });
        await db.meta.delete(PENDING_KEY);
      });
    },

    async savePending(settings: SyncSettings): Promise<void> {
      await db.meta.put({ key: PENDING_KEY, value: toStored(settings) });
    },

    /** After an unlock: a pending join's settings are sealed and the clear copy goes. */
    async sealPending(): Promise<void> {
      const pending = await db.meta.get(PENDING_KEY);
      if (!pending || !isStored(pending.value) || !vault.isUnlocked) return;
      await this.save(fromStored(pending.value));
    },

    /** Whether this device holds any row at all (joining needs an empty device). */
    async isEmpty(): Promise<boolean> {
      return (await db.keyring.count()) === 0;
    },

    /** Forgets the server and every sync entry; the rows stay. */
    async forget(): Promise<void> {
      await db.meta.where('key').startsWith('sync:').delete();
    },

    /** Deletes the whole database (leave and wipe). */
    async wipe(): Promise<void> {
      db.close();
      await db.delete();
    },
  };
}

export type SyncSettingsStore = ReturnType<typeof syncSettingsStore>;
