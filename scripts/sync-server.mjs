#!/usr/bin/env node
// The development and test sync server: PouchDB Server (express-pouchdb, the
// CouchDB HTTP and replication API) on 127.0.0.1, for `npm start` and the e2e
// suite. Production uses Apache CouchDB (deploy/); this server has no real
// access control (see ../shared/design/toolchain.md) and must never face a network.
//
//   node scripts/sync-server.mjs [--port 5984] [--dir .sync-data | --in-memory]
//                                [--db name]... [--user name:password]...
//                                [--db-admin db:name]... [--control-port N] [--quiet]
//
// --dir        keep the databases in this folder (default .sync-data/, git-ignored)
// --in-memory  keep nothing on disk; everything is gone when the server stops
// --db         create this database at start if it does not exist (repeatable)
// --user name:password  create this account at start if it does not exist (repeatable);
//              with no _security set, every account may use every database
// --db-admin db:name  make this account an admin (and member) of that database's
//              _security, as deploy/README.md does for the coordinator's account on
//              CouchDB: it may then make per-device accounts for join codes, and only
//              the accounts named in _security may use that database (repeatable)
// --control-port  also listen on 127.0.0.1:N for POST /stop and POST /start, so a
//              test can take the server away mid-sync and bring it back with its data;
//              `?db=name` does it for one database only (tests run side by side)
//
// Prints "sync server ready on http://127.0.0.1:<port>/" once it accepts requests.
// Stops on SIGINT or SIGTERM. Its own log and config go to the data folder (a
// temporary one with --in-memory, removed on exit), never into the working directory.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.APLIS_SYNC_PORT ?? '5984' },
    dir: { type: 'string', default: '.sync-data' },
    'in-memory': { type: 'boolean', default: false },
    db: { type: 'string', multiple: true, default: [] },
    user: { type: 'string', multiple: true, default: [] },
    'db-admin': { type: 'string', multiple: true, default: [] },
    'control-port': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(args.port);
if (!Number.isInteger(port) || port <= 0) {
  console.error(`sync server: --port must be a port number, not "${args.port}"`);
  process.exit(2);
}

// Resolve PouchDB Server's own dependencies (its PouchDB 7 core and adapters
// live inside its folder), not whatever version sits at the top of node_modules.
const requireFromServer = createRequire(createRequire(import.meta.url).resolve('pouchdb-server'));
const express = requireFromServer('express');
const expressPouchDB = requireFromServer('express-pouchdb');
const PouchDB = requireFromServer('pouchdb-core')
  .plugin(requireFromServer('pouchdb-adapter-http'))
  .plugin(requireFromServer('pouchdb-replication'))
  .plugin(requireFromServer('pouchdb-mapreduce'));

const inMemory = args['in-memory'];
// Even in memory, express-pouchdb wants a log file and a config file.
const dataDir = inMemory ? mkdtempSync(join(tmpdir(), 'aplis-sync-')) : resolve(args.dir);
mkdirSync(dataDir, { recursive: true });

PouchDB.plugin(
  inMemory
    ? requireFromServer('pouchdb-adapter-memory')
    : requireFromServer('pouchdb-adapter-leveldb'),
);
const ServerPouchDB = PouchDB.defaults({ prefix: dataDir + sep });

const pouchApp = expressPouchDB(ServerPouchDB, {
  configPath: join(dataDir, 'config.json'),
  logPath: join(dataDir, 'log.txt'),
  // No Fauxton: an admin UI on the app's origin would be one click from the data.
  overrideMode: { exclude: ['routes/fauxton'] },
});

// Databases a test has taken offline (POST /stop?db=…): their requests are cut
// as if the server were down, while other tests' databases carry on.
const offlineDbs = new Set();
const openRequests = new Set();
function dbOf(url) {
  const first = (url ?? '').split(/[/?]/)[1] ?? '';
  try {
    return decodeURIComponent(first);
  } catch {
    return first;
  }
}

const app = express();
app.disable('x-powered-by');
app.use((req, res, next) => {
  if (offlineDbs.has(dbOf(req.url))) return req.socket.destroy();
  openRequests.add(req);
  res.on('close', () => openRequests.delete(req));
  next();
});
// PouchDB Server crashes when an account that is not an admin creates a
// database (toolchain.md). CouchDB answers 401 there: do the same, so the app
// meets production's answer and the server stays up. (No admins are set here,
// so a request that carries an account's credentials is a non-admin's.)
app.put(/^\/[^/_][^/]*\/?$/, (req, res, next) => {
  const signedIn = req.headers.authorization || /AuthSession=/.test(req.headers.cookie ?? '');
  if (!signedIn) return next();
  res.status(401).json({ error: 'unauthorized', reason: 'You are not a server admin.' });
});
app.use(pouchApp);

const server = createServer(app);
const sockets = new Set();
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});

function listen() {
  return new Promise((done, fail) => {
    const onError = (error) => fail(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      done();
    });
  });
}

/** Cuts every open request to one database and refuses new ones until it is back. */
function takeOffline(db) {
  offlineDbs.add(db);
  for (const req of openRequests) if (dbOf(req.url) === db) req.socket.destroy();
}

/** Stops accepting requests and cuts every open one, as a crashed server would. */
function unlisten() {
  return new Promise((done) => {
    if (!server.listening) return done();
    server.close(() => done());
    server.closeAllConnections();
    for (const socket of sockets) socket.destroy();
  });
}

async function createDatabases(names) {
  for (const name of names) {
    const db = new ServerPouchDB(name);
    await db.info(); // opening creates it
    await db.close();
  }
}

/** Accounts go through the server's own /_users route, which hashes the password. */
async function createUsers(users) {
  for (const user of users) {
    const at = user.indexOf(':');
    if (at <= 0) throw new Error(`--user wants name:password, not "${user}"`);
    const name = user.slice(0, at);
    const response = await fetch(
      `http://127.0.0.1:${port}/_users/org.couchdb.user:${encodeURIComponent(name)}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password: user.slice(at + 1), roles: [], type: 'user' }),
      },
    );
    if (!response.ok && response.status !== 409)
      throw new Error(`could not create the account ${name}: ${response.status}`);
  }
}

/**
 * Adds an account to a database's _security admins and members (keeping who
 * is there already). Requests without an account are the server admin's here
 * (no admins are configured), as IT's curl with the admin account is on CouchDB.
 */
async function addDbAdmins(pairs) {
  for (const pair of pairs) {
    const at = pair.indexOf(':');
    if (at <= 0) throw new Error(`--db-admin wants db:name, not "${pair}"`);
    const db = pair.slice(0, at);
    const name = pair.slice(at + 1);
    const url = `http://127.0.0.1:${port}/${encodeURIComponent(db)}/_security`;
    const current = await (await fetch(url)).json();
    const add = (list = {}) => ({
      names: [...new Set([...(list.names ?? []), name])],
      roles: list.roles ?? [],
    });
    const response = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...current,
        admins: add(current.admins),
        members: add(current.members),
      }),
    });
    if (!response.ok)
      throw new Error(`could not make ${name} an admin of ${db}: ${response.status}`);
  }
}

let control;
async function startControl(controlPort) {
  control = createServer(async (req, res) => {
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://control');
    const db = url.searchParams.get('db');
    try {
      if (req.method === 'POST' && url.pathname === '/stop') {
        if (db) takeOffline(db);
        else await unlisten();
      } else if (req.method === 'POST' && url.pathname === '/start') {
        if (db) offlineDbs.delete(db);
        else if (!server.listening) await listen();
      } else if (!(req.method === 'GET' && url.pathname === '/status'))
        return reply(404, { error: 'not_found' });
      reply(200, { listening: server.listening, offline: [...offlineDbs] });
    } catch (error) {
      reply(500, { error: String(error) });
    }
  });
  await new Promise((done, fail) => {
    control.once('error', fail);
    control.listen(controlPort, '127.0.0.1', done);
  });
}

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  control?.close();
  await unlisten();
  if (inMemory) rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
// One bad request must not take the server (and, under `npm start`, the app) down.
process.on('uncaughtException', (error) => {
  console.error(`sync server: a request failed: ${error?.stack ?? error}`);
});
process.on('SIGTERM', () => void shutdown(0));

try {
  await createDatabases(args.db);
  await listen();
  await createUsers(args.user);
  await addDbAdmins(args['db-admin']);
  if (args['control-port']) await startControl(Number(args['control-port']));
} catch (error) {
  console.error(
    error?.code === 'EADDRINUSE'
      ? `sync server: port ${error.port} is already in use (choose another with --port)`
      : `sync server: ${error?.stack ?? error}`,
  );
  await shutdown(1);
}
if (!args.quiet) {
  const where = inMemory ? 'in memory' : `data in ${dataDir}`;
  console.log(
    `sync server ready on http://127.0.0.1:${port}/ (${where}; log: ${dataDir}${sep}log.txt)`,
  );
}
