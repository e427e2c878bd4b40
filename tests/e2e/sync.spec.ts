/**
 * Team sync (#16) end to end: two browser contexts as two devices of one
 * organisation, and the suite's own server between them.
 */
import { expect, test } from './sync-server';
import { FACILITATOR, SYNC_TIMEOUT, twoDevices } from './pages/sync-devices';

test.describe.configure({ timeout: 180_000 });

test('a coordinator connects, makes a join code; a new device joins and a facilitator unlocks there with their own passphrase and sees the groups and participants', async ({
  page,
  browser,
  syncServer,
  foreignRequests,
}) => {
  const { b } = await twoDevices(page, browser, syncServer, foreignRequests, { facilitator: true });
  await b.aplis.unlock(FACILITATOR.passphrase);
  await b.aplis.goTo('Groups');
  await expect(b.page.getByRole('heading', { name: 'Lotus — Riga, autumn' })).toBeVisible({
    timeout: SYNC_TIMEOUT,
  });
  await b.aplis.goTo('Participants');
  await expect(b.page.getByRole('cell', { name: 'Alise' })).toBeVisible({ timeout: SYNC_TIMEOUT });
  await expect(b.page.locator('.signed-in')).toContainText(FACILITATOR.name, {
    timeout: SYNC_TIMEOUT,
  });
  await b.context.close();
});
