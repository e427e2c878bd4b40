/**
 * Deactivating a colleague reaches the team's other devices (#16,
 * docs/key-hierarchy.md "Revocation travels"): after A deactivates a
 * facilitator, B's unlock screen refuses their passphrase with the ordinary
 * message, and the coordinator still unlocks B.
 */
import { expect, test } from './sync-server';
import {
  DEMO_PASSPHRASE,
  FACILITATOR,
  SYNC_TIMEOUT,
  twoDevices,
  type SyncDevice,
} from './pages/sync-devices';

test.describe.configure({ timeout: 240_000 });

const REFUSED = 'That passphrase did not open Aplis';

async function openStaff(device: SyncDevice) {
  await device.aplis.goTo('Settings');
  await device.page.getByRole('link', { name: 'Manage staff' }).click();
}

test('a facilitator deactivated on A can no longer unlock B', async ({
  page,
  browser,
  syncServer,
}) => {
  const foreign: string[] = [];
  const { a, b } = await twoDevices(page, browser, syncServer, foreign, { facilitator: true });

  // Before: the facilitator's passphrase opens B (its wraps came with the join).
  await b.aplis.unlock(FACILITATOR.passphrase);
  await b.aplis.lock();
  await b.aplis.unlock(DEMO_PASSPHRASE);

  await openStaff(a);
  a.page.once('dialog', (dialog) => void dialog.accept());
  await a.page.getByRole('button', { name: `Deactivate ${FACILITATOR.name}` }).click();
  await expect(
    a.page.getByRole('row', { name: new RegExp(`${FACILITATOR.name}.*deactivated`) }),
  ).toBeVisible();

  // A has sent everything (the staff row, the roster, the emptied wraps, the new key).
  await a.openSync();
  await a.syncNow();
  await a.expectSynced();

  // B hears of it. The staff row may arrive a page before the roster, so B is
  // let catch up fully before the lock: until then B cannot know.
  await openStaff(b);
  await expect(
    b.page.getByRole('row', { name: new RegExp(`${FACILITATOR.name}.*deactivated`) }),
  ).toBeVisible({ timeout: SYNC_TIMEOUT });
  await b.openSync();
  await b.syncNow();
  await b.expectSynced();

  await b.aplis.lock();
  await b.page.getByLabel('Passphrase', { exact: true }).fill(FACILITATOR.passphrase);
  await b.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(b.page.getByText(REFUSED)).toBeVisible();
  await expect(b.page.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible();

  await b.aplis.unlock(DEMO_PASSPHRASE);
  expect(foreign).toEqual([]);
  await b.context.close();
});
