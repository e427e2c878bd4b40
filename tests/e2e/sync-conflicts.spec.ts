/**
 * Team sync (#16): two devices that changed the same thing while apart end
 * up agreeing, by the rules of the design (shared/design/sync.md "Conflicts"), and
 * the server keeps no losing revision.
 */
import { expect, SyncServer, test } from './sync-server';
import { MeetingModePage } from './pages/meeting-page';
import { DEMO_PASSPHRASE, SYNC_TIMEOUT, twoDevices } from './pages/sync-devices';

test.describe.configure({ timeout: 240_000 });

const LOTUS = 'Lotus — Riga, autumn';

/** How many docs on the server have had two revisions side by side (a conflict, removed or not). */
async function docsWithSeveralLeaves(server: SyncServer): Promise<number> {
  const response = await fetch(`${SyncServer.url}/${server.database}/_changes?style=all_docs`);
  const body = (await response.json()) as { results: { changes: unknown[] }[] };
  return body.results.filter((r) => r.changes.length > 1).length;
}

test('two devices rename the same group while offline: after reconnecting both show the later name and the server keeps no losing revision', async ({
  page,
  browser,
  syncServer,
  foreignRequests,
}) => {
  const { a, b } = await twoDevices(page, browser, syncServer, foreignRequests, {
    offlineReady: true,
  });
  await a.cacheForOffline(DEMO_PASSPHRASE);
  await a.openGroup(LOTUS);
  await b.openGroup(LOTUS);

  await a.goOffline();
  await b.goOffline();
  await a.renameGroup('Lotus canary-rename-A');
  // A's rename is written and waits in its replica; only then does B rename:
  // the later write wins (same version, later time).
  await a.expectWaiting();
  await b.renameGroup('Lotus canary-rename-B');
  // Both renames are in their device's replica, on their way to the server.
  await b.expectWaiting();
  // The count may stand for an earlier write of B's: give the outbox (a pass
  // every 3 s) two passes, so B's rename is in its replica before B is online;
  // otherwise B pulls A's rename first, writes its own on top of it, and no
  // conflict ever reaches the server for this test to see resolved.
  await b.page.waitForTimeout(7000);

  await a.goOnline();
  await expect(a.syncLine).toContainText('Synced', { timeout: SYNC_TIMEOUT });
  await b.goOnline();

  for (const device of [a, b])
    await expect(
      device.page.getByRole('heading', { level: 1, name: 'Lotus canary-rename-B' }),
      device.label,
    ).toBeVisible({ timeout: SYNC_TIMEOUT });
  // The list agrees on both, with one Lotus group only.
  for (const device of [a, b]) {
    await device.aplis.goTo('Groups');
    await expect(device.page.getByRole('link', { name: 'Lotus canary-rename-B' })).toBeVisible();
    await expect(
      device.page.getByRole('link', { name: /Lotus canary-rename-A|Riga, autumn/ }),
    ).toHaveCount(0);
  }
  // The renames did meet on the server as two revisions of one doc (its
  // changes feed lists every leaf, the removed one as deleted), and every
  // conflicting revision was decided and removed from the server.
  await expect
    .poll(() => docsWithSeveralLeaves(syncServer), { timeout: SYNC_TIMEOUT })
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await syncServer.dumpText()).includes('_conflicts'), {
      timeout: SYNC_TIMEOUT,
    })
    .toBe(false);
  await b.context.close();
});

test('a participant erased on one device while another edits them offline is gone from both after reconnecting', async ({
  page,
  browser,
  syncServer,
  foreignRequests,
}) => {
  const { a, b } = await twoDevices(page, browser, syncServer, foreignRequests, {
    offlineReady: true,
  });
  await expect(b.page.getByRole('link', { name: /Lotus — Riga, autumn — meeting 5/ })).toBeVisible({
    timeout: SYNC_TIMEOUT,
  });

  // B, offline, marks Alise at today's meeting.
  await b.goOffline();
  const onB = new MeetingModePage(b.page);
  await onB.openFromToday(/Lotus — Riga, autumn — meeting 5/);
  await onB.mark('Alise', 'Present');
  await onB.mark('Beāte', 'Present');

  // Meanwhile A erases Alise's records.
  await a.aplis.goTo('Participants');
  const row = a.page
    .getByRole('row')
    .filter({ has: a.page.getByRole('cell', { name: 'Alise', exact: true }) });
  await row.getByRole('link').first().click();
  await expect(
    a.page.getByRole('heading', { level: 1, name: 'Participant’s journey' }),
  ).toBeVisible();
  await a.page.getByRole('button', { name: /^Erase the records of / }).click();
  await a.page.getByRole('button', { name: 'Delete for good' }).click();
  await expect(a.page.getByText('The records were erased.')).toBeVisible({ timeout: SYNC_TIMEOUT });
  await a.aplis.goTo('Participants');
  await expect(a.page.getByRole('cell', { name: 'Alise', exact: true })).toHaveCount(0);

  await b.goOnline();
  // B's roster loses her; Beāte's mark, made at the same time, stays.
  await expect(onB.person('Alise')).toHaveCount(0, { timeout: SYNC_TIMEOUT });
  await expect(onB.person('Beāte').getByRole('radio', { name: 'Present' })).toBeChecked();
  await b.aplis.goTo('Participants');
  await expect(b.page.getByRole('cell', { name: 'Beāte', exact: true })).toBeVisible();
  await expect(b.page.getByRole('cell', { name: 'Alise', exact: true })).toHaveCount(0);
  // A stays without her after B's edit arrived, and has Beāte's mark.
  const onA = new MeetingModePage(a.page);
  await a.aplis.goTo('Today');
  await onA.openFromToday(/Lotus — Riga, autumn — meeting 5/);
  await expect(onA.person('Beāte').getByRole('radio', { name: 'Present' })).toBeChecked({
    timeout: SYNC_TIMEOUT,
  });
  await expect(onA.person('Alise')).toHaveCount(0);
  await a.aplis.goTo('Participants');
  await expect(a.page.getByRole('cell', { name: 'Alise', exact: true })).toHaveCount(0);
  await b.context.close();
});
