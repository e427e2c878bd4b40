/**
 * Sync tests in node: PouchDB built from its core, the memory adapter and
 * replication (pouchdb-browser needs a browser's `self` and IndexedDB
 * adapter), and a third in-memory database standing in for the server.
 * Loaded by name so their node typings stay out of the app's type check.
 */
import type { Replica, ReplicaFactory } from '../sync/replica';

interface PouchStatic {
  new (name: string, options: { adapter: string }): Replica;
  plugin(plugin: unknown): PouchStatic;
}

const load = (name: string) => import(/* @vite-ignore */ name) as Promise<{ default: unknown }>;

const PouchDB = (await load('pouchdb-core')).default as PouchStatic;
PouchDB.plugin((await load('pouchdb-adapter-memory')).default).plugin(
  (await load('pouchdb-replication')).default,
);

/** A fresh in-memory database (names are shared within the process: each is unique). */
export const memoryReplica: ReplicaFactory = (name) =>
  new PouchDB(`${name}-${crypto.randomUUID()}`, { adapter: 'memory' });

export function memoryServer(): Replica {
  return memoryReplica('server');
}
