/**
 * The e2e sync server, as a test sees it: `test` from here adds `syncServer`,
 * a database of its own on the suite's in-memory server (started by
 * playwright.config.ts), and ways to do to it what a failing or hostile server
 * would: stop and restart it mid-sync, dump it, edit a doc, flip a bit.
 *
 * The page reaches the server at `/sync/<database>` (same origin, through the
 * preview's proxy); this file talks to it directly from Node, as its operator
 * would, so none of it counts as a request of the app's.
 */
import { test as base, expect, ORIGIN } from './fixtures';
import { syncControlPort, syncServerPort } from './sync-ports';

export interface ServerDoc {
  _id: string;
  _rev: string;
  [field: string]: unknown;
}

/** A doc to write: a new one has no `_rev` yet. */
export interface NewServerDoc {
  _id: string;
  _rev?: string;
  [field: string]: unknown;
}

let databases = 0;

export class SyncServer {
  /** The server's own address (not the page's: the page uses `/sync/`). */
  static readonly url = `http://127.0.0.1:${syncServerPort()}`;
  private static readonly control = `http://127.0.0.1:${syncControlPort()}`;

  constructor(
    /** The database this test uses; unique, so tests side by side do not meet. */
    readonly database: string,
  ) {}

  /** A database name no other test uses (CouchDB names: lower case, start with a letter). */
  static uniqueName(worker: number): string {
    databases += 1;
    return `t${Date.now().toString(36)}-w${worker}-${databases}`;
  }

  /** Where the page finds this database: same origin, through the proxy. */
  get pagePath(): string {
    return `/sync/${this.database}`;
  }

  /** Another database on the same server (for "a doc from another organisation"). */
  sibling(name: string): SyncServer {
    return new SyncServer(name);
  }

  async create(): Promise<void> {
    const response = await this.request('PUT', '');
    if (response.status !== 201 && response.status !== 412)
      throw new Error(`could not create ${this.database}: ${response.status}`);
  }

  async destroy(): Promise<void> {
    await this.request('DELETE', '');
  }

  /**
   * Takes the server away, as if it had crashed: open requests (a push in
   * flight, a live pull) are cut and new ones refused. By default only this
   * test's database goes; `everything` stops the whole server (every test's).
   */
  async stop({ everything = false } = {}): Promise<void> {
    await this.control('stop', everything);
  }

  /** Brings it back with everything it held. */
  async start({ everything = false } = {}): Promise<void> {
    await this.control('start', everything);
  }

  async restart(options: { everything?: boolean } = {}): Promise<void> {
    await this.stop(options);
    await this.start(options);
  }

  /** Every doc as the server holds it (`_all_docs?include_docs=true`), design docs left out. */
  async dump(): Promise<ServerDoc[]> {
    const body = (await this.json('GET', '/_all_docs?include_docs=true')) as {
      rows: { doc: ServerDoc }[];
    };
    return body.rows.map((row) => row.doc).filter((doc) => !doc._id.startsWith('_design/'));
  }

  /** The dump exactly as the server sends it, for looking for strings that must not be there. */
  async dumpText(): Promise<string> {
    const response = await this.request('GET', '/_all_docs?include_docs=true&conflicts=true');
    return response.text();
  }

  /** One doc; `rev` reads an older revision, `conflicts` lists the conflicting ones. */
  async get(id: string, query: { rev?: string; conflicts?: boolean; revs?: boolean } = {}) {
    const params = new URLSearchParams(
      Object.entries(query).map(([key, value]) => [key, String(value)]),
    );
    return (await this.json('GET', `/${encodeURIComponent(id)}?${params}`)) as ServerDoc & {
      _conflicts?: string[];
      _revisions?: { start: number; ids: string[] };
    };
  }

  /** Writes a doc as a new revision (as a server, or anyone with its admin, could). */
  async put(doc: NewServerDoc): Promise<string> {
    const body = (await this.json('PUT', `/${encodeURIComponent(doc._id)}`, doc)) as {
      rev: string;
    };
    return body.rev;
  }

  /** Changes a doc on the server: the devices see a new revision with the edited body. */
  async edit(id: string, change: (doc: ServerDoc) => ServerDoc): Promise<string> {
    const current = await this.get(id);
    return this.put({ ...change(structuredClone(current)), _id: id, _rev: current._rev });
  }

  /**
   * Flips one bit of a base64 field (by default the ciphertext `c`, in its middle),
   * as a damaged disk or a meddling server would; returns the new revision.
   */
  async flipBit(id: string, field = 'c', bit?: number): Promise<string> {
    return this.edit(id, (doc) => {
      const value = doc[field];
      if (typeof value !== 'string') throw new Error(`${id} has no string field "${field}"`);
      const bytes = Buffer.from(value, 'base64');
      const at = bit ?? bytes.length * 4;
      bytes[at >> 3]! ^= 1 << (at & 7);
      return { ...doc, [field]: bytes.toString('base64') };
    });
  }

  /** Serves an older revision's body again, as the newest: a replay. */
  async replay(id: string, olderRev: string): Promise<string> {
    const older = await this.get(id, { rev: olderRev });
    return this.edit(id, () => ({ ...older }));
  }

  /** Copies a doc (same id and body) into another database: "a doc from another organisation". */
  async copyTo(id: string, target: SyncServer): Promise<string> {
    const { _rev: _dropped, ...doc } = await this.get(id);
    const existing = await target.request('GET', `/${encodeURIComponent(id)}`);
    const rev = existing.ok ? ((await existing.json()) as ServerDoc)._rev : undefined;
    return target.put(rev ? { ...doc, _rev: rev } : doc);
  }

  /**
   * Creates a CouchDB account (a device's credential). The test server has no
   * `_security` on its databases, so any account may use any of them.
   */
  async createUser(name: string, password: string): Promise<void> {
    const response = await fetch(
      `${SyncServer.url}/_users/org.couchdb.user:${encodeURIComponent(name)}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password, roles: [], type: 'user' }),
      },
    );
    if (!response.ok && response.status !== 409)
      throw new Error(`could not create the account ${name}: ${response.status}`);
  }

  /**
   * Makes an account an admin (and member) of this database's `_security`,
   * as deploy/README.md has IT do for the coordinator's account: it may then
   * make per-device accounts, and only the accounts named there get in.
   */
  async makeAdmin(name: string): Promise<void> {
    const response = await this.request('PUT', '/_security', {
      admins: { names: [name], roles: [] },
      members: { names: [name], roles: [] },
    });
    if (!response.ok) throw new Error(`could not make ${name} an admin: ${response.status}`);
  }

  /** This database's `_security`, as the server holds it. */
  async security(): Promise<{
    admins?: { names?: string[]; roles?: string[] };
    members?: { names?: string[]; roles?: string[] };
  }> {
    return (await this.json('GET', '/_security')) as Awaited<ReturnType<SyncServer['security']>>;
  }

  /** The HTTP status this account gets reading this database (200: it may). */
  async statusFor(name: string, password: string): Promise<number> {
    const response = await fetch(`${SyncServer.url}/${encodeURIComponent(this.database)}`, {
      headers: { authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` },
    });
    return response.status;
  }

  private async control(action: 'stop' | 'start', everything: boolean): Promise<void> {
    const query = everything ? '' : `?db=${encodeURIComponent(this.database)}`;
    const response = await fetch(`${SyncServer.control}/${action}${query}`, { method: 'POST' });
    if (!response.ok) throw new Error(`sync server ${action}: ${response.status}`);
  }

  private request(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${SyncServer.url}/${encodeURIComponent(this.database)}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  private async json(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await this.request(method, path, body);
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${method} ${this.database}${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  }
}

/**
 * The app's /sync/ must lead to this suite's server. A preview left running
 * from `npm start` (reused outside CI) proxies to the development server
 * instead, and every sync test would fail in confusing ways: say so plainly.
 */
async function sameServerBehindTheApp(): Promise<void> {
  const uuid = async (url: string) => ((await (await fetch(url)).json()) as { uuid?: string }).uuid;
  const [direct, viaApp] = await Promise.all([
    uuid(`${SyncServer.url}/`),
    uuid(`${ORIGIN}/sync/`).catch(() => undefined),
  ]);
  if (!direct || direct !== viaApp)
    throw new Error(
      `${ORIGIN}/sync/ does not lead to the e2e sync server on ${SyncServer.url}: ` +
        'stop any other `vite preview`/`npm start` on that port (or set E2E_PORT) and run again.',
    );
}

export const test = base.extend<{ syncServer: SyncServer }>({
  // Playwright needs the (empty) object pattern to see the fixture has no dependencies.
  // eslint-disable-next-line no-empty-pattern
  syncServer: async ({}, use, testInfo) => {
    await sameServerBehindTheApp();
    const server = new SyncServer(SyncServer.uniqueName(testInfo.workerIndex));
    await server.create();
    await use(server);
    // Leave the server as the next test expects it: up, and without this test's data.
    await server.start({ everything: true });
    await server.start();
    await server.destroy();
  },
});

export { expect };
