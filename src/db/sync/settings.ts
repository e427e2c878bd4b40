/**
 * Where this device keeps its sync connection: the server, database and
 * account, and the organisation sync secret (crypto/sync-cipher.ts).
 *
 * All of it is one entry of `meta` **sealed under the team key** (never
 * localStorage, never in the clear). A device that has just joined with a
 * code has no team key until someone unlocks: until then the controller
 * keeps the code's settings in memory only (controller.ts), and `meta` holds
 * just a marker that a join is waiting for its first unlock — the code's
 * random id, when it runs out and nothing else. If the page is closed before
 * anyone unlocks, the marker tells the unlock screen to ask for the join code
 * again. The first unlock seals the settings and removes the marker.
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

/** Where the sealed settings are (row-upgrade.ts re-seals them after a key rotation). */
export const SYNC_SETTINGS_KEY = 'sync:settings';
const SEALED_KEY = SYNC_SETTINGS_KEY;
/** Where builds before this one kept a join's settings in the clear: removed when found. */
const LEGACY_PENDING_KEY = 'sync:pending-join';
const JOINING_KEY = 'sync:joining';
/** A random id of this device, so the code it joined with works again here (and only here). */
const DEVICE_KEY = 'sync:device';

/** A join waiting for its first unlock: nothing secret. */
export interface JoiningMarker {
  /** The join code's random id. */
  code: string;
  /** When the code stops working (epoch ms). */
  expiresAt: number;
}

function isMarker(value: unknown): value is JoiningMarker {
  const v = value as Partial<JoiningMarker> | null | undefined;
  return typeof v?.code === 'string' && typeof v.expiresAt === 'number';
}

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
    /** Whether this device has a server (sealed, or a join waiting for its first unlock). */
    async connected(): Promise<boolean> {
      return (await db.meta.bulkGet([SEALED_KEY, JOINING_KEY])).some(Boolean);
    },

    /** The sealed settings, opened (only while unlocked). */
    async read(): Promise<SyncSettings | undefined> {
      const sealed = await db.meta.get(SEALED_KEY);
      if (!sealed || !vault.isUnlocked) return undefined;
      const value = await vault.unseal('meta', SEALED_KEY, sealed.value);
      return isStored(value) ? fromStored(value) : undefined;
    },

    /** Seals the settings; a join's marker (and any clear copy of old) goes. */
    async save(settings: SyncSettings): Promise<void> {
      const sealed = await vault.seal('meta', SEALED_KEY, toStored(settings));
      await db.transaction('rw', db.meta, async () => {
        await db.meta.put({ key: SEALED_KEY, value: sealed });
        await db.meta.bulkDelete([JOINING_KEY, LEGACY_PENDING_KEY]);
      });
    },

    /** Notes that a join waits for its first unlock (its settings stay in memory). */
    async markJoining(marker: JoiningMarker): Promise<void> {
      await db.meta.put({
        key: JOINING_KEY,
        value: { code: marker.code, expiresAt: marker.expiresAt },
      });
    },

    /** The join waiting for its first unlock, if any. */
    async joining(): Promise<JoiningMarker | undefined> {
      const row = await db.meta.get(JOINING_KEY);
      return isMarker(row?.value) ? row.value : undefined;
    },

    /**
     * A join's settings that an older build kept in the clear: read once and
     * deleted, so the controller holds them in memory like a fresh join's.
     */
    async takeLegacyPending(): Promise<SyncSettings | undefined> {
      const row = await db.meta.get(LEGACY_PENDING_KEY);
      if (!row) return undefined;
      await db.meta.delete(LEGACY_PENDING_KEY);
      return isStored(row.value) ? fromStored(row.value) : undefined;
    },

    /** This device's random id (made on first use; not secret). */
    async deviceId(): Promise<string> {
      const row = await db.meta.get(DEVICE_KEY);
      if (typeof row?.value === 'string') return row.value;
      const id = crypto.randomUUID();
      await db.meta.put({ key: DEVICE_KEY, value: id });
      return id;
    },

    /**
     * Before joining again a device whose earlier join was never unlocked:
     * what that join pulled (key wraps only: nobody could open anything
     * else) and its bookkeeping go, so the pull starts clean. The device id
     * stays.
     */
    async clearUnopenedJoin(): Promise<void> {
      await db.transaction('rw', db.keyring, db.meta, async () => {
        await db.keyring.clear();
        await db.meta
          .where('key')
          .startsWith('sync:')
          .and((row) => row.key !== DEVICE_KEY)
          .delete();
      });
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
