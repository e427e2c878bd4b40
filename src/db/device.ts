/**
 * The database as a whole, for the composition root: stepping aside when
 * another tab opens a newer version, and wiping the device (the demo). Above
 * src/db nothing holds the Dexie object itself.
 */
import type { AplisDatabase } from './schema';

export interface DeviceDatabase {
  /**
   * Calls `listener` when another tab opened a newer version of the
   * database; the caller should lock and reload. Returns the unsubscribe.
   */
  onVersionChange(listener: () => void): () => void;
  /** Closes this tab's connection, so the other tab's upgrade can go ahead. */
  close(): void;
  /**
   * Deletes the whole database: every table, the keyring and `meta`. For the
   * demo organisation; the caller then leaves the page, which forgets the keys.
   */
  wipe(): Promise<void>;
}

export function deviceDatabase(db: AplisDatabase): DeviceDatabase {
  return {
    onVersionChange(listener) {
      db.on('versionchange', listener);
      return () => db.on('versionchange').unsubscribe(listener);
    },
    close() {
      db.close();
    },
    wipe() {
      return db.delete();
    },
  };
}
