/**
 * Joining a device with a per-device server account (#16): the coordinator's
 * join code carries an account made for that one device, nothing of the join
 * is stored in the clear before the first unlock, a reload before then asks
 * for the same code again, and the coordinator can shut that device out.
 */
import type { Page } from '@playwright/test';
import { AplisPage, DEMO_PASSPHRASE } from './pages/aplis-page';
import { expect, test } from './sync-server';

test.describe.configure({ timeout: 360_000 });

const SLOW = { timeout: 60_000 };

/** What a join code carries (its format: "APLIS1:" and base64url JSON). */
function readCode(text: string): { u: string; p: string; k: string; d: string } {
  const body = text.trim().slice('APLIS1:'.length).replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as {
    u: string;
    p: string;
    k: string;
    d: string;
  };
}

/** Every IndexedDB store of the page, as one string (as at-rest.spec.ts reads them). */
async function indexedDbText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    const walk = (value: unknown): string => {
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
        const bytes = value instanceof Uint8Array ? value : new Uint8Array(value);
        let binary = '';
        for (const b of bytes) binary += String.fromCharCode(b);
        return new TextDecoder('utf-8', { fatal: false }).decode(bytes) + ' ' + btoa(binary);
      }
      if (Array.isArray(value)) return value.map(walk).join('\n');
      if (value && typeof value === 'object')
        return Object.entries(value)
          .map(([k, v]) => `${k}:${walk(v)}`)
          .join('\n');
      return String(value);
    };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
        });
        parts.push(`[${info.name}/${store}] ${walk(rows)}`);
      }
      db.close();
    }
    for (let i = 0; i < localStorage.length; i++)
      parts.push(`${localStorage.key(i)}=${localStorage.getItem(localStorage.key(i)!)}`);
    return parts.join('\n');
  });
}

test('a join code carries an account for that one device; nothing of it is kept in the clear before the first unlock; a reload asks for the same code again; the coordinator shuts the device out', async ({
  page,
  aplis,
  browser,
  syncServer,
}) => {
  const coordinator = { name: `coord-${syncServer.database}`, password: 'office password 1' };
  await syncServer.createUser(coordinator.name, coordinator.password);
  await syncServer.makeAdmin(coordinator.name);

  // Device A: the demo organisation's coordinator connects it.
  await aplis.open('en');
  await aplis.tryDemo();
  await openSyncInApp(aplis);
  await page.getByLabel('Database name').fill(syncServer.database);
  await page.getByLabel('Account name').fill(coordinator.name);
  await page.getByLabel('Password').fill(coordinator.password);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByText('Everything is synced.')).toBeVisible(SLOW);

  await page.getByRole('button', { name: 'Make a join code' }).click();
  const codeText = ((await page.getByTestId('join-code').textContent()) ?? '').trim();
  expect(codeText).toMatch(/^APLIS1:/);
  const inCode = readCode(codeText);
  // Its own account, not the coordinator's; the server lets it in.
  expect(inCode.u).toMatch(/^aplis-device-/);
  expect(inCode.u).not.toBe(coordinator.name);
  expect(inCode.p).not.toContain(coordinator.password);
  expect((await syncServer.security()).members?.names).toContain(inCode.u);
  expect(await syncServer.statusFor(inCode.u, inCode.p)).toBe(200);
  await expect(page.getByText('This code carries your own server account')).toHaveCount(0);
  const devices = page.getByRole('region', { name: 'Devices that joined' });
  await expect(devices.getByText(`Server account: ${inCode.u}`)).toBeVisible();

  // Device B joins with the code, and pulls.
  const context = await browser.newContext();
  const b = await context.newPage();
  const onB = new AplisPage(b);
  await onB.open('en');
  await b.getByRole('button', { name: 'Join with a code' }).click();
  await b.getByLabel('Join code').fill(codeText);
  await b.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(b.getByLabel('Passphrase')).toBeVisible(SLOW);

  // Before anyone unlocks: the password, the account and the organisation secret are nowhere at rest.
  const stored = await indexedDbText(b);
  expect(stored).toContain('[aplis'); // the dump reached the app's databases
  expect(stored).toContain('sync:joining');
  for (const secret of [
    inCode.p,
    inCode.u,
    inCode.k,
    Buffer.from(inCode.k, 'base64url').toString('base64'),
  ])
    expect(stored).not.toContain(secret);

  // Closed before anyone unlocked: the same code is asked for again, and works again here.
  await b.reload();
  await expect(b.getByRole('heading', { name: 'Enter the join code again' })).toBeVisible(SLOW);
  await b.getByLabel('Join code').fill(codeText);
  await b.getByRole('button', { name: 'Join', exact: true }).click();
  await onB.unlock(DEMO_PASSPHRASE);
  // The organisation's rows arrive (sealed, so only counted here)…
  await expect
    .poll(() => participantRows(b), { timeout: 60_000, intervals: [1000] })
    .toBeGreaterThan(0);
  // …and the settings were sealed at that unlock: a reload now asks only for the passphrase.
  await b.reload();
  await onB.unlock(DEMO_PASSPHRASE);
  await onB.goTo('Participants');
  await expect(b.getByRole('cell', { name: 'Alise' })).toBeVisible(SLOW);
  const after = await indexedDbText(b);
  expect(after).not.toContain('sync:joining');
  expect(after).not.toContain(inCode.p);

  // Another device with the same code is refused.
  const third = await context.browser()!.newContext();
  const c = await third.newPage();
  await new AplisPage(c).open('en');
  await c.getByRole('button', { name: 'Join with a code' }).click();
  await c.getByLabel('Join code').fill(codeText);
  await c.getByRole('button', { name: 'Join', exact: true }).click();
  // It fetches the whole (sealed) database before it can tell: slow on a busy machine.
  await expect(c.getByRole('alert')).toContainText('This join code has already been used.', {
    timeout: 150_000,
  });
  await expect(c.getByLabel('Join code')).toHaveValue(codeText);
  await third.close();

  // The coordinator shuts device B out: the server refuses its account from then on.
  await devices.getByRole('button', { name: /^Shut out device 1/ }).click();
  await devices.getByRole('button', { name: 'Yes, shut it out' }).click();
  await expect(
    devices.getByText('Done. That device can no longer reach the server.'),
  ).toBeVisible();
  await expect(devices.getByText(`Server account: ${inCode.u}`)).toHaveCount(0);
  expect(await syncServer.statusFor(inCode.u, inCode.p)).not.toBe(200);
  expect(await syncServer.statusFor(coordinator.name, coordinator.password)).toBe(200);
  await context.close();
});

test('where the coordinator’s account is not an admin of the database, the code carries that account and the screen says so', async ({
  page,
  aplis,
  syncServer,
}) => {
  const coordinator = { name: `plain-${syncServer.database}`, password: 'office password 2' };
  await syncServer.createUser(coordinator.name, coordinator.password);
  await aplis.open('en');
  await aplis.tryDemo();
  await openSyncInApp(aplis);
  await page.getByLabel('Database name').fill(syncServer.database);
  await page.getByLabel('Account name').fill(coordinator.name);
  await page.getByLabel('Password').fill(coordinator.password);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByText('Everything is synced.')).toBeVisible(SLOW);
  await page.getByRole('button', { name: 'Make a join code' }).click();
  await expect(page.getByText('This code carries your own server account')).toBeVisible();
  const codeText = ((await page.getByTestId('join-code').textContent()) ?? '').trim();
  expect(readCode(codeText).u).toBe(coordinator.name);
  expect((await syncServer.security()).members?.names ?? []).toEqual([]);
});

/** How many participant rows device B holds (they are sealed: only their number shows). */
function participantRows(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('aplis');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('participants').objectStore('participants').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error ?? new Error('IndexedDB count failed'));
        };
      }),
  );
}

async function openSyncInApp(aplis: AplisPage) {
  await aplis.visit('/settings/sync');
  await expect(aplis.page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
}
