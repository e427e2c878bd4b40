/**
 * The lazy half of sync: PouchDB and the engine, imported only from here and
 * only through `import()` (controller.ts), so neither is in the first
 * screen's JavaScript.
 */
import PouchDB from 'pouchdb-browser/lib/index.es.js';
import type { SyncSettings } from '../db/sync/settings';
import type { Replica } from './replica';
import { remoteUrl } from './server-url';

export { SyncEngine } from './engine';

/** The local replica's IndexedDB name. */
export const REPLICA_NAME = 'aplis-sync';

export function openReplicas(
  settings: SyncSettings,
  origin: string,
): { local: Replica; remote: Replica } {
  const local = new PouchDB(REPLICA_NAME) as Replica;
  const remote = new PouchDB(remoteUrl(settings, origin), {
    skip_setup: true,
    auth: { username: settings.username, password: settings.password },
  }) as Replica;
  return { local, remote };
}
