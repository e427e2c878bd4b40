/**
 * The plain `meta` table: device preferences and bookkeeping that are about
 * no person (auto-lock minutes, quick-exit target, a meeting's timer, the
 * shared-screen switch, the demo flag). Read before the vault opens, so
 * nothing here is sealed — and nothing about a person may ever go in.
 */
import type { AplisDatabase } from './schema';

export interface MetaStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
}

export function metaStore(db: AplisDatabase): MetaStore {
  return {
    async get<T>(key: string) {
      return (await db.meta.get(key))?.value as T | undefined;
    },
    async put(key, value) {
      await db.meta.put({ key, value });
    },
  };
}
