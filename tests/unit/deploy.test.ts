// @vitest-environment node
/**
 * deploy/ is what an NGO's IT volunteer runs in production, with no one from
 * the project watching: these hold its security settings to what the app
 * expects, so a careless edit (a header dropped, the policy changed in one
 * place only, Fauxton opened to the internet) fails here first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  contentSecurityPolicyDirectives,
  contentSecurityPolicyHeader,
  firstFrameScriptHash,
} from '../../src/app/csp';
import { firstFrameScript } from '../../vite.config';

const deploy = (file: string) =>
  readFileSync(join(import.meta.dirname, '../../deploy', file), 'utf8');
const caddyfile = deploy('Caddyfile');

/** The value of a header set in the Caddyfile's `header { … }` block. */
function header(name: string): string | undefined {
  const line = caddyfile
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()} `));
  return line
    ?.slice(name.length)
    .trim()
    .replace(/^"(.*)"$/, '$1');
}

/** The lines inside a `name { … }` block, nested blocks included. */
function block(opening: string): string[] {
  const lines = caddyfile
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const start = lines.findIndex((l) => l === `${opening} {`);
  expect(start, `a "${opening} {" block`).toBeGreaterThanOrEqual(0);
  let depth = 1;
  let end = start + 1;
  for (; end < lines.length && depth > 0; end += 1) {
    if (lines[end]!.endsWith('{')) depth += 1;
    if (lines[end] === '}') depth -= 1;
  }
  return lines.slice(start + 1, end - 1);
}

/** Caddy's `path` matcher: whole path, `*` matches anything, case-insensitive. */
function pathMatches(glob: string, path: string): boolean {
  const pattern = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 'i').test(path);
}

/** Whether the `@serverWide` matcher (which answers 404) catches a path CouchDB sees. */
function blockedFromOutside(couchPath: string): boolean {
  const lines = block('@serverWide');
  const globs = (prefix: string) =>
    lines
      .filter((l) => l.startsWith(prefix))
      .flatMap((l) => l.slice(prefix.length).trim().split(/\s+/));
  return (
    globs('path ').some((g) => pathMatches(g, couchPath)) &&
    !globs('not path ').some((g) => pathMatches(g, couchPath))
  );
}

function ini(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) sections.set(section[1]!, (current = new Map<string, string>()));
    else {
      const [key, ...value] = line.split('=');
      current.set(key!.trim(), value.join('=').trim());
    }
  }
  return sections;
}

describe('deploy/Caddyfile', () => {
  it("sends the app's own Content-Security-Policy, but for the scripts' rules, plus frame-ancestors 'none'", () => {
    expect(header('Content-Security-Policy')).toBe(contentSecurityPolicyHeader);
    // The meta tag's directives, nothing loosened: all of them but the two that rule scripts.
    const directives = header('Content-Security-Policy')!.split(/;\s*/);
    expect(directives).toEqual([
      ...contentSecurityPolicyDirectives.filter((d) => !/^(default|script)-src /.test(d)),
      "frame-ancestors 'none'",
    ]);
    expect(directives).toContain("connect-src 'self'");
    expect(contentSecurityPolicy).toContain("default-src 'self'");
  });

  it("allows one inline script, the first frame's as the build inlines it, by its hash in the page only", async () => {
    // The page's head carries the minified script inline (vite.config.ts);
    // with another hash the browser would block it, and the app, which that
    // script starts, would never start.
    const { hash } = await firstFrameScript(true);
    expect(firstFrameScriptHash).toBe(hash);
    const scriptSrc = contentSecurityPolicyDirectives.find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBe(`script-src 'self' ${hash}`);
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(scriptSrc).not.toContain('unsafe');
    // Not in the server's header: a header naming the hash would block the
    // script of the next version until the server reloaded its configuration.
    expect(header('Content-Security-Policy')).not.toMatch(/script-src|default-src|sha256/);
  });

  it('forbids framing, sniffing and referrers, and keeps browsers on HTTPS', () => {
    expect(header('X-Frame-Options')).toBe('DENY');
    expect(header('X-Content-Type-Options')).toBe('nosniff');
    expect(header('Referrer-Policy')).toBe('no-referrer');
    const maxAge = Number(/max-age=(\d+)/.exec(header('Strict-Transport-Security') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
  });

  it('passes /sync/ on to CouchDB on the same origin, prefix stripped, without a browser sign-in box', () => {
    const sync = block('handle_path /sync/*');
    expect(sync).toContain('reverse_proxy couchdb:5984 {');
    expect(caddyfile).toMatch(/reverse_proxy couchdb:5984 \{[^}]*header_down -WWW-Authenticate/);
    expect(sync).toContain('respond @serverWide 404');
  });

  it("keeps CouchDB's console and server-wide routes away from the internet, but not a database's own", () => {
    for (const path of [
      '/_utils',
      '/_utils/',
      '/_utils/index.html',
      '/_config',
      '/_node/_local/_config',
      '/_users/org.couchdb.user:someone',
      '/_users/_all_docs',
      '/_users',
      '/_all_dbs',
      '/_replicate',
      '/_scheduler/jobs',
      '/_UTILS/',
    ])
      expect(blockedFromOutside(path), path).toBe(true);
    for (const path of [
      '/_session',
      // A coordinator's app makes a joining device's own account (src/sync/device-accounts.ts).
      '/_users/org.couchdb.user:aplis-device-mis5g1k0-3f9a2c81d0e4',
      '/aplis',
      '/aplis/_changes',
      '/aplis/_bulk_docs',
      '/aplis/abc',
    ])
      expect(blockedFromOutside(path), path).toBe(false);
  });
});

describe('deploy/couchdb/local.ini', () => {
  const settings = ini(deploy('couchdb/local.ini'));
  const get = (section: string, key: string) => settings.get(section)?.get(key);

  it('lets nobody in without an account and keeps CORS off', () => {
    expect(get('chttpd', 'require_valid_user')).toBe('true');
    expect(get('chttpd_auth', 'require_valid_user')).toBe('true');
    expect(get('couchdb', 'default_security')).toBe('admin_only');
    expect(get('chttpd', 'enable_cors')).toBe('false');
    expect(settings.get('cors')?.get('origins')).toBeUndefined();
  });

  it("is a single node whose document limit fits Aplis's padded records (64 KiB steps, base64)", () => {
    expect(get('couchdb', 'single_node')).toBe('true');
    const limit = Number(get('couchdb', 'max_document_size'));
    expect(limit).toBeGreaterThanOrEqual(1024 * 1024);
    expect(get('chttpd', 'max_document_size')).toBe(String(limit));
    expect(Number(get('chttpd', 'max_http_request_size'))).toBeGreaterThan(limit * 10);
  });
});

describe('deploy/compose.yaml', () => {
  const compose = deploy('compose.yaml');

  it('runs the official CouchDB 3 image on a named volume, its admin from .env', () => {
    expect(compose).toMatch(/^\s+image: couchdb:3\b/m);
    expect(compose).toMatch(/^\s+- couchdb-data:\/opt\/couchdb\/data$/m);
    expect(compose).toMatch(/COUCHDB_PASSWORD: \$\{COUCHDB_PASSWORD:\?/);
    expect(compose).not.toMatch(/COUCHDB_PASSWORD: [^$]/);
  });

  it('publishes CouchDB on the loopback address only; the world reaches it through Caddy', () => {
    const published = [...compose.matchAll(/^\s+- '([\d.]*:?\d+:\d+(?:\/udp)?)'$/gm)].map(
      (m) => m[1],
    );
    const couchdb = published.filter((p) => p!.endsWith(':5984'));
    expect(couchdb).toEqual(['127.0.0.1:5984:5984']);
  });
});
