import type { Page } from '@playwright/test';
import { expect, SyncServer, test } from './sync-server';
import { syncServerPort } from './sync-ports';

/** Collects the page's CSP violations from here on (the event fires in the page). */
async function watchViolations(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

test('the app page reaches a CouchDB-compatible server at /sync/ on its own origin, CSP and all', async ({
  page,
  aplis,
  syncServer,
}) => {
  await aplis.open('en');
  // The production build's policy is in force: only the page's own origin.
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(policy).toContain("connect-src 'self'");
  const violations = await watchViolations(page);

  const name = syncServer.sibling(`${syncServer.database}-made-by-page`);
  const outcome = await page.evaluate(async (database) => {
    const welcome = (await (await fetch('/sync/')).json()) as Record<string, unknown>;
    const created = await fetch(`/sync/${database}`, { method: 'PUT' });
    const written = await fetch(`/sync/${database}/doc-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, c: 'AAECAw==' }),
    });
    const read = (await (await fetch(`/sync/${database}/doc-1`)).json()) as unknown;
    return { welcome, created: created.status, written: written.status, read };
  }, name.database);

  // CouchDB's welcome: a JSON object with a "Welcome!" greeting and a version.
  expect(Object.values(outcome.welcome)).toContain('Welcome!');
  expect(outcome.welcome.version).toEqual(expect.any(String));
  expect(outcome.created).toBe(201);
  expect(outcome.written).toBe(201);
  expect(outcome.read).toMatchObject({ _id: 'doc-1', v: 1, c: 'AAECAw==' });
  // The doc really is on the server, not in some cache of the page's.
  expect((await name.dump()).map((doc) => [doc._id, doc.c])).toEqual([['doc-1', 'AAECAw==']]);
  expect(await violations()).toEqual([]);

  // And the same server at its own address is another origin: the page may not ask it.
  const direct = await page.evaluate(
    (url) =>
      fetch(url).then(
        () => 'reached',
        () => 'blocked',
      ),
    `http://127.0.0.1:${syncServerPort()}/`,
  );
  expect(direct).toBe('blocked');
  expect((await violations()).join()).toContain('connect-src');
  await name.destroy();
});

test('the sync server offers no admin console: /sync/_utils is not served, not even by the service worker', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  // Once the service worker controls the origin it answers navigations with the
  // app's page; /sync/ must still go to the server.
  await page.evaluate(() => navigator.serviceWorker.ready);
  for (const path of ['/sync/_utils', '/sync/_utils/', '/sync/_utils/index.html']) {
    const status = await page.evaluate(
      (p) => fetch(p, { redirect: 'manual' }).then((r) => r.status),
      path,
    );
    expect(status, path).toBe(404);
  }
  const navigation = await page.goto('/sync/_utils/');
  expect(navigation?.status()).toBe(404);
  await expect(page.getByText(/fauxton|project fauxton/i)).toHaveCount(0);
  await expect(page.locator('#root')).toHaveCount(0);
});

test('the fixture can take the server away mid-test and bring it back with its docs, and tamper with them', async ({
  syncServer,
}) => {
  const rev1 = await syncServer.put({
    _id: 'a',
    v: 1,
    c: Buffer.from('hello world').toString('base64'),
  });
  await syncServer.stop();
  await expect(fetch(`${SyncServer.url}/${syncServer.database}/a`)).rejects.toThrow();
  await syncServer.start();
  expect((await syncServer.get('a'))._rev).toBe(rev1);

  await syncServer.flipBit('a');
  const flipped = Buffer.from((await syncServer.get('a')).c as string, 'base64');
  expect(flipped.toString()).not.toBe('hello world');
  expect(flipped).toHaveLength('hello world'.length);

  await syncServer.replay('a', rev1);
  const replayed = await syncServer.get('a');
  expect(replayed.c).toBe(Buffer.from('hello world').toString('base64'));
  expect(replayed._rev.startsWith('3-')).toBe(true);

  const other = syncServer.sibling(`${syncServer.database}-other`);
  await other.create();
  await syncServer.copyTo('a', other);
  expect((await other.dump()).map((doc) => doc._id)).toEqual(['a']);
  expect(await syncServer.dumpText()).toContain('"_id":"a"');
  await other.destroy();

  // Accounts (a device's credential): the right password opens, a wrong one is refused.
  const user = `device-${syncServer.database}`;
  await syncServer.createUser(user, 'right password');
  const asUser = (password: string) =>
    fetch(`${SyncServer.url}/${syncServer.database}`, {
      headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
    }).then((r) => r.status);
  expect(await asUser('right password')).toBe(200);
  expect(await asUser('wrong password')).toBe(401);
  // An account may not create a database (CouchDB's answer); PouchDB Server
  // itself would crash here, and the server must stay up for the next test.
  const creating = await fetch(`${SyncServer.url}/${syncServer.database}-by-account`, {
    method: 'PUT',
    headers: { authorization: `Basic ${Buffer.from(`${user}:right password`).toString('base64')}` },
  });
  expect(creating.status).toBe(401);
  expect((await fetch(`${SyncServer.url}/`)).ok).toBe(true);
});
