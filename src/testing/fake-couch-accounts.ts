/**
 * A `fetch` that answers like CouchDB 3 for the few routes per-device
 * accounts use (src/sync/device-accounts.ts): `/{db}/_security` (anyone
 * signed in reads it; only a database admin writes it) and
 * `/_users/org.couchdb.user:{name}` (any account may create another, as long
 * as it sets no roles). Accounts are checked by Basic auth; a wrong password
 * is a 401, as on the real server.
 */
interface Security {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
}

export interface FakeCouch {
  fetch: typeof fetch;
  accounts: Map<string, { password: string; roles: string[] }>;
  security: Map<string, Security>;
  /** Every request, as "METHOD path" (for tests that say what was asked). */
  requests: string[];
  /** Whether `name:password` may read the database, as CouchDB's `_security` decides. */
  mayRead(database: string, name: string, password: string): boolean;
}

export function fakeCouch(options: {
  database: string;
  admins?: string[];
  accounts: Record<string, string>;
  /** Whether signed-in accounts may create accounts in `_users` (CouchDB 3: only once IT allows it). */
  usersOpen?: boolean;
}): FakeCouch {
  const accounts = new Map(
    Object.entries(options.accounts).map(([name, password]) => [name, { password, roles: [] }]),
  );
  const security = new Map<string, Security>([
    [
      options.database,
      {
        admins: { names: options.admins ?? [], roles: [] },
        members: { names: [], roles: [] },
      },
    ],
  ]);
  const requests: string[] = [];

  const reply = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });

  /** The signed-in account's name; undefined without one or with a wrong password. */
  function signedIn(headers: Headers): string | undefined {
    const auth = headers.get('authorization');
    if (!auth?.startsWith('Basic ')) return undefined;
    const [name, ...rest] = atob(auth.slice(6)).split(':');
    const account = accounts.get(name!);
    return account && account.password === rest.join(':') ? name : undefined;
  }

  const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) =>
    Promise.resolve(answer(input, init))) as typeof fetch;

  function answer(input: RequestInfo | URL, init?: RequestInit): Response {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? 'GET';
    const path = decodeURIComponent(url.pathname.replace(/^\/sync/, ''));
    requests.push(`${method} ${path}`);
    const user = signedIn(new Headers(init?.headers));
    if (user === undefined)
      return reply(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' });
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;

    const users = /^\/_users\/org\.couchdb\.user:(.+)$/.exec(path);
    if (users) {
      const name = users[1]!;
      if (method !== 'PUT') return reply(404, { error: 'not_found' });
      if (options.usersOpen === false)
        return reply(403, { error: 'forbidden', reason: 'You are not allowed to access this db.' });
      const doc = body as { name?: string; password?: string; roles?: string[] };
      if (accounts.has(name)) return reply(409, { error: 'conflict' });
      if (doc.name !== name || typeof doc.password !== 'string')
        return reply(400, { error: 'bad_request' });
      if (doc.roles?.length)
        return reply(403, { error: 'forbidden', reason: 'Only _admin may set roles' });
      accounts.set(name, { password: doc.password, roles: [] });
      return reply(201, { ok: true, id: `org.couchdb.user:${name}`, rev: '1-a' });
    }

    const sec = /^\/([^/_][^/]*)\/_security$/.exec(path);
    if (sec) {
      const current = security.get(sec[1]!);
      if (!current) return reply(404, { error: 'not_found' });
      if (method === 'GET') return reply(200, current);
      if (method !== 'PUT') return reply(405, { error: 'method_not_allowed' });
      if (!current.admins.names.includes(user))
        return reply(401, { error: 'unauthorized', reason: 'You are not a db or server admin.' });
      security.set(sec[1]!, body as Security);
      return reply(200, { ok: true });
    }
    return reply(404, { error: 'not_found' });
  }

  return {
    fetch: fetchImpl,
    accounts,
    security,
    requests,
    mayRead(database, name, password) {
      const account = accounts.get(name);
      const s = security.get(database);
      if (!account || account.password !== password || !s) return false;
      const open = s.members.names.length === 0 && s.members.roles.length === 0;
      return open || s.admins.names.includes(name) || s.members.names.includes(name);
    },
  };
}

export const FAKE_ORIGIN = 'https://aplis.example.org';
