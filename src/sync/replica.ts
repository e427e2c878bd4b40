/**
 * The part of PouchDB the engine uses, typed by hand: a local replica of the
 * sync documents and a remote database (the server). `pouchdb-browser` is
 * loaded only by engine.ts's caller, through `import()`; tests hand in a
 * PouchDB built for node with the memory adapter.
 */
import type { SyncDoc } from './codec';

export interface StoredDoc extends SyncDoc {
  _rev: string;
  _conflicts?: string[];
  _deleted?: boolean;
}

export interface ChangesResult {
  results: { id: string; seq: string | number; deleted?: boolean; doc?: StoredDoc }[];
  last_seq: string | number;
}

export interface BulkResult {
  ok?: boolean;
  id?: string;
  rev?: string;
  error?: string | boolean;
  status?: number;
}

export interface ReplicationEmitter {
  on(event: string, listener: (info: unknown) => void): ReplicationEmitter;
  cancel(): void;
  /** A two-way sync's push side (PouchDB's Sync.push). */
  push?: ReplicationEmitter;
}

export interface ReplicateOptions {
  live?: boolean;
  retry?: boolean;
  batch_size?: number;
  batches_limit?: number;
  back_off_function?: (delay: number) => number;
  /** Start after this sequence of the source (PouchDB writes it as the checkpoint first). */
  since?: number;
  /** Only these documents (a join code's record, sent alone). */
  doc_ids?: string[];
}

export interface Replica {
  bulkDocs(docs: object[]): Promise<BulkResult[]>;
  allDocs(options: { keys: string[] }): Promise<{
    rows: {
      key: string;
      id?: string;
      value?: { rev: string; deleted?: boolean };
      error?: string;
    }[];
  }>;
  get(id: string, options?: { rev?: string; conflicts?: boolean }): Promise<StoredDoc>;
  changes(options: {
    since: string | number;
    limit: number;
    include_docs: true;
    conflicts: true;
  }): Promise<ChangesResult>;
  info(): Promise<{ doc_count: number; update_seq: string | number }>;
  replicate: {
    to(target: Replica | string, options?: ReplicateOptions): Promise<unknown> & ReplicationEmitter;
    from(
      target: Replica | string,
      options?: ReplicateOptions,
    ): Promise<unknown> & ReplicationEmitter;
  };
  sync(target: Replica | string, options?: ReplicateOptions): ReplicationEmitter;
  /** Drops the bodies of revisions no longer current (deleted documents, removed conflicts). */
  compact(): Promise<unknown>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
}

/** `new PouchDB(name, options)`. */
export type ReplicaFactory = (
  name: string,
  options?: {
    adapter?: string;
    skip_setup?: boolean;
    auth?: { username: string; password: string };
  },
) => Replica;
