/**
 * Two devices of one organisation that sync through the suite's server: the
 * steps a coordinator and a facilitator take (Settings → Sync, a join code,
 * the welcome screen's "Join with a code"), in one place for the sync specs.
 * Device A is the test's own page; device B is a second browser context, as
 * a second laptop would be.
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ORIGIN } from '../fixtures';
import type { SyncServer } from '../sync-server';
import { AplisPage, DEMO_PASSPHRASE } from './aplis-page';

/** Sync arrives in seconds, but the machine is loaded: generous and bounded. */
export const SYNC_TIMEOUT = 30_000;

export const FACILITATOR = { name: 'Ilze K.', passphrase: 'paper boats on the daugava' };

export class SyncDevice {
  readonly aplis: AplisPage;

  constructor(
    readonly page: Page,
    readonly label: string,
  ) {
    this.aplis = new AplisPage(page);
  }

  get context(): BrowserContext {
    return this.page.context();
  }

  /** Settings → Sync, through the menu (a reload would lock the vault). */
  async openSync() {
    await this.aplis.goTo('Settings');
    await this.page.getByRole('link', { name: 'Open sync' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  }

  /** The state sentence of Settings → Sync (the page must be open). */
  get state() {
    return this.page.locator('.sync-state');
  }

  async expectSynced() {
    await expect(this.state).toHaveText('Everything is synced.', { timeout: SYNC_TIMEOUT });
  }

  /** "Sync now", then waits for the round to finish. */
  async syncNow() {
    const button = this.page.getByRole('button', { name: 'Sync now' });
    await button.click();
    await expect(button).toBeEnabled({ timeout: SYNC_TIMEOUT });
  }

  /**
   * The service worker controls the page and has the app cached, as on a
   * device that has been used before: only then do screens not yet opened
   * load offline. The reload locks; this unlocks again.
   */
  async cacheForOffline(passphrase: string) {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await this.page.reload();
    await this.aplis.unlock(passphrase);
    await expect
      .poll(() => this.page.evaluate(() => Boolean(navigator.serviceWorker.controller)))
      .toBe(true);
  }

  async goOffline() {
    await this.context.setOffline(true);
  }

  async goOnline() {
    await this.context.setOffline(false);
  }

  /** Groups → one group's page, by its name. */
  async openGroup(name: string) {
    await this.aplis.goTo('Groups');
    await this.page.getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible({
      timeout: SYNC_TIMEOUT,
    });
  }

  /** On a group's page (as a coordinator): Edit details → a new name → Save. */
  async renameGroup(to: string) {
    await this.page.getByRole('button', { name: 'Edit details' }).click();
    await this.page.getByLabel('Name of the group').fill(to);
    await this.page.getByRole('button', { name: 'Save details' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: to })).toBeVisible();
  }

  /** The header's sync line. */
  get syncLine() {
    return this.page.locator('.sync-line');
  }

  /**
   * The header counts changes made here that are not on the server yet
   * ("2 waiting", online or off): they are in this device's replica.
   */
  async expectWaiting() {
    await expect(this.syncLine, this.label).toContainText(/\d+ waiting/, {
      timeout: SYNC_TIMEOUT,
    });
  }

  /** The welcome screen's "Join with a code" (or the join-again screen): the code, then Join. */
  async enterJoinCode(code: string) {
    const start = this.page.getByRole('button', { name: 'Join with a code' });
    const field = this.page.getByLabel('Join code');
    // Whichever screen this is, once it is there.
    await expect(start.or(field).first()).toBeVisible({ timeout: SYNC_TIMEOUT });
    if (await start.isVisible()) await start.click();
    await field.fill(code);
    await this.page.getByRole('button', { name: 'Join', exact: true }).click();
  }
}

/** A coordinator adds a facilitator with their own passphrase (Settings → Manage staff). */
export async function addFacilitator(device: SyncDevice, name: string, passphrase: string) {
  const { page, aplis } = device;
  await aplis.goTo('Settings');
  await page.getByRole('link', { name: 'Manage staff' }).click();
  await page.getByLabel('Name as colleagues see it').fill(name);
  await page.getByRole('button', { name: 'Add and set their passphrase' }).click();
  await expect(page.getByRole('heading', { name: `Passphrase for ${name}` })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Repeat the passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Save the passphrase' }).click();
  await expect(
    page.getByRole('row', { name: new RegExp(`${name} facilitator can sign in`) }),
  ).toBeVisible({
    timeout: 20_000,
  });
}

export interface ServerAccount {
  name: string;
  password: string;
}

/** Connects the organisation on this (coordinator's) device to the test's database. */
export async function connect(device: SyncDevice, server: SyncServer, account?: ServerAccount) {
  await submitConnect(device, server, account);
  await device.expectSynced();
}

/**
 * Settings → Sync → the connect form filled in for `server`'s database →
 * Connect; with no `account`, one is made on the server for it.
 */
export async function submitConnect(device: SyncDevice, server: SyncServer, given?: ServerAccount) {
  const account = given ?? { name: `device-${server.database}`, password: 'correct horse battery' };
  if (!given) await server.createUser(account.name, account.password);
  await device.openSync();
  const { page } = device;
  await expect(page.getByLabel('Server address')).toHaveValue('');
  await page.getByLabel('Database name').fill(server.database);
  await page.getByLabel('Account name').fill(account.name);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Connect' }).click();
}

/** Makes a join code on the coordinator's device and returns its text. */
export async function makeJoinCode(device: SyncDevice): Promise<string> {
  await device.page.getByRole('button', { name: 'Make a join code' }).click();
  const code = device.page.getByTestId('join-code');
  await expect(code).toBeVisible({ timeout: SYNC_TIMEOUT });
  return ((await code.textContent()) ?? '').trim();
}

/** A fresh device (its own browser context) joins with a code, up to the unlock screen. */
export async function joinDevice(
  browser: Browser,
  code: string,
  foreign: string[],
): Promise<SyncDevice> {
  const context = await browser.newContext();
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(ORIGIN) && !url.startsWith('data:') && !url.startsWith('blob:'))
      foreign.push(url);
  });
  const device = new SyncDevice(await context.newPage(), 'B');
  await device.aplis.open('en');
  await device.enterJoinCode(code);
  await expect(device.page.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible({
    timeout: SYNC_TIMEOUT,
  });
  return device;
}

/**
 * The usual start: A is the demo organisation's coordinator (with a
 * facilitator added if asked), connected to the test's database; B has joined
 * with a code and is at its unlock screen — or, with `unlocked`, unlocked with
 * the demo passphrase, and with `offlineReady` also cached for offline, as a
 * device used before is.
 */
export async function twoDevices(
  page: Page,
  browser: Browser,
  server: SyncServer,
  foreign: string[],
  options: { facilitator?: boolean; unlocked?: boolean; offlineReady?: boolean } = {},
): Promise<{ a: SyncDevice; b: SyncDevice }> {
  const a = new SyncDevice(page, 'A');
  await a.aplis.open('en');
  await a.aplis.tryDemo();
  if (options.facilitator) await addFacilitator(a, FACILITATOR.name, FACILITATOR.passphrase);
  await connect(a, server);
  const code = await makeJoinCode(a);
  const b = await joinDevice(browser, code, foreign);
  if (options.unlocked || options.offlineReady) await b.aplis.unlock(DEMO_PASSPHRASE);
  if (options.offlineReady) await b.cacheForOffline(DEMO_PASSPHRASE);
  return { a, b };
}

export { DEMO_PASSPHRASE };
