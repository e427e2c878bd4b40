/**
 * Where the organisation's CouchDB is, from a device's sync settings. No
 * imports beyond types, so the first screen's controller and the lazy engine
 * chunk share it without pulling PouchDB in.
 */
import type { SyncSettings } from '../db/sync/settings';

/** The server's address: '' means this app's own origin, under `/sync/`. */
export function serverUrl(settings: Pick<SyncSettings, 'server'>, origin: string): string {
  return settings.server.trim() === ''
    ? `${origin}/sync`
    : settings.server.trim().replace(/\/+$/, '');
}

/** The organisation's database on that server. */
export function remoteUrl(
  settings: Pick<SyncSettings, 'server' | 'database'>,
  origin: string,
): string {
  return `${serverUrl(settings, origin)}/${encodeURIComponent(settings.database)}`;
}
