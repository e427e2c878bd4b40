/**
 * Team sync (#16) end to end: two browser contexts as two devices of one
 * organisation, and the suite's own server between them.
 */
import { expect, test } from './sync-server';
import { MeetingModePage } from './pages/meeting-page';
import { FACILITATOR, SYNC_TIMEOUT, twoDevices } from './pages/sync-devices';

const LOTUS_TODAY = /Lotus — Riga, autumn — meeting 5/;

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

test('attendance marked on a device that is offline reaches the other device once it is back online', async ({
  page,
  browser,
  syncServer,
  foreignRequests,
}) => {
  const { a, b } = await twoDevices(page, browser, syncServer, foreignRequests, {
    offlineReady: true,
  });
  // B has the organisation: today's Lotus meeting is on its Today.
  await expect(b.page.getByRole('link', { name: LOTUS_TODAY })).toBeVisible({
    timeout: SYNC_TIMEOUT,
  });

  // A has today's meeting open, nobody marked yet.
  await a.aplis.goTo('Today');
  const onA = new MeetingModePage(a.page);
  await onA.openFromToday(LOTUS_TODAY);
  await expect(onA.count()).toContainText('Here: 0 of 7');

  await b.goOffline();
  const onB = new MeetingModePage(b.page);
  await onB.openFromToday(LOTUS_TODAY);
  await onB.mark('Alise', 'Present');
  await onB.mark('Beāte', 'Late');
  await onB.mark('Katrīna', 'Absent');
  await expect(onB.count()).toContainText('Here: 2 of 7');
  // The header says the marks wait on this device.
  await b.expectWaiting();
  // Nothing reached A meanwhile.
  await expect(onA.count()).toContainText('Here: 0 of 7');

  await b.goOnline();
  // A's open meeting shows B's marks, without a reload.
  await expect(onA.person('Alise').getByRole('radio', { name: 'Present' })).toBeChecked({
    timeout: SYNC_TIMEOUT,
  });
  await expect(onA.person('Beāte').getByRole('radio', { name: 'Late' })).toBeChecked();
  await expect(onA.person('Katrīna').getByRole('radio', { name: 'Absent' })).toBeChecked();
  await expect(onA.count()).toContainText('Here: 2 of 7');
  await expect(b.syncLine).toContainText('Synced', { timeout: SYNC_TIMEOUT });
  await b.context.close();
});
