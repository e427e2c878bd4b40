/**
 * Joining a device with a per-device server account (#16): the coordinator's
 * join code carries an account made for that one device, nothing of the join
 * is stored in the clear before the first unlock, a reload before then asks
 * for the same code again, and the coordinator can shut that device out.
 */
import type { Page } from '@playwright/test';
import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { connect, SyncDevice } from './pages/sync-devices';
import { dumpStorage } from './storage-dump';
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
  await connect(new SyncDevice(page, 'A'), syncServer, coordinator);

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
  const deviceB = new SyncDevice(await context.newPage(), 'B');
  const { page: b, aplis: onB } = deviceB;
  await onB.open('en');
  await deviceB.enterJoinCode(codeText);
  await expect(b.getByLabel('Passphrase')).toBeVisible(SLOW);

  // Before anyone unlocks: the password, the account and the organisation secret are nowhere at rest.
  const stored = await dumpStorage(b);
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
  await deviceB.enterJoinCode(codeText);
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
  const after = await dumpStorage(b);
  expect(after).not.toContain('sync:joining');
  expect(after).not.toContain(inCode.p);

  // Another device with the same code is refused.
  const third = await context.browser()!.newContext();
  const deviceC = new SyncDevice(await third.newPage(), 'C');
  const c = deviceC.page;
  await deviceC.aplis.open('en');
  await deviceC.enterJoinCode(codeText);
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
  await connect(new SyncDevice(page, 'A'), syncServer, coordinator);
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
