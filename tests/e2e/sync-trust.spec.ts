/**
 * Team sync (#16) with a server that fails or cannot be trusted: it goes away
 * mid-push, or serves a damaged doc, an older revision again, or a doc of
 * another organisation. The devices lose nothing, take none of it, and say
 * so; and the server holds nothing readable (shared/design/sync.md "Trust").
 */
import { expect, test, type ServerDoc, type SyncServer } from './sync-server';
import { MeetingModePage } from './pages/meeting-page';
import {
  DEMO_PASSPHRASE,
  FACILITATOR,
  SYNC_TIMEOUT,
  connect,
  submitConnect,
  twoDevices,
  SyncDevice,
} from './pages/sync-devices';

test.describe.configure({ timeout: 240_000 });

const LOTUS = 'Lotus — Riga, autumn';
const LOTUS_TODAY = /Lotus — Riga, autumn — meeting 5/;
/** Another organisation's doc: one this device never held, that opens under none of its keys. */
const REFUSED_FOREIGN =
  /records? from the server did not open with your organisation’s keys — (it|they) most likely belongs? to another organisation — and (was|were) not used/;

/** Docs the server already had whose revision changed since `before`. */
async function changedSince(server: SyncServer, before: ServerDoc[]): Promise<ServerDoc[]> {
  const revs = new Map(before.map((doc) => [doc._id, doc._rev]));
  return (await server.dump()).filter((doc) => revs.has(doc._id) && revs.get(doc._id) !== doc._rev);
}

/**
 * A renames the Lotus group and B shows the new name; returns the docs that
 * the rename changed on the server (the group's, and any other it touched).
 */
async function renameOnAUntilBHasIt(
  a: SyncDevice,
  b: SyncDevice,
  server: SyncServer,
  from: string,
  to: string,
) {
  await expect(a.syncLine).toContainText('Synced', { timeout: SYNC_TIMEOUT });
  const before = await server.dump();
  await a.openGroup(from);
  await a.renameGroup(to);
  await expect(b.page.getByRole('heading', { level: 1, name: to })).toBeVisible({
    timeout: SYNC_TIMEOUT,
  });
  let changed: ServerDoc[] = [];
  await expect
    .poll(async () => (changed = await changedSince(server, before)).length, {
      timeout: SYNC_TIMEOUT,
    })
    .toBeGreaterThan(0);
  return { before, changed };
}

/** B is unlocked as the coordinator with the Lotus group's page open. */
async function devicesOnLotus(
  page: Parameters<typeof twoDevices>[0],
  browser: Parameters<typeof twoDevices>[1],
  server: SyncServer,
  foreign: string[],
) {
  const { a, b } = await twoDevices(page, browser, server, foreign, { unlocked: true });
  await b.openGroup(LOTUS);
  return { a, b };
}

/*
 * quietA: A is taken offline before the server tampers with a doc. A would
 * refuse it too and put its own copy back at once; a changes feed lists only
 * a doc's newest revision, so when A was quicker than B's next pull, B never
 * saw the tampered one and had nothing to refuse (1 of ~30 fresh-clone runs).
 */
/** Settings → Sync on B lists the refusal, and the header line asks for attention. */
async function expectRefusalShown(device: SyncDevice, text: RegExp) {
  await expect(device.syncLine).toContainText('Needs attention', { timeout: SYNC_TIMEOUT });
  await device.openSync();
  const refusals = device.page.getByRole('list', { name: 'Records that were not used' });
  await expect(refusals).toContainText(text, { timeout: SYNC_TIMEOUT });
}

test('the server stopped mid-push: after it is back, every mark arrives on the other device once, nothing lost', async ({
  page,
  browser,
  syncServer,
  foreignRequests,
}) => {
  const { a, b } = await twoDevices(page, browser, syncServer, foreignRequests, {
    unlocked: true,
  });
  const onB = new MeetingModePage(b.page);
  await onB.openFromToday(LOTUS_TODAY);
  await expect(onB.count()).toContainText('Here: 0 of 7', { timeout: SYNC_TIMEOUT });

  const onA = new MeetingModePage(a.page);
  await a.aplis.goTo('Today');
  await onA.openFromToday(LOTUS_TODAY);
  // The server goes away as A's first push of the marks is on its way.
  const pushing = a.page.waitForRequest(
    (request) => request.url().includes('/_bulk_docs') && request.method() === 'POST',
    { timeout: SYNC_TIMEOUT },
  );
  await onA.mark('Alise', 'Present');
  await onA.mark('Beāte', 'Present');
  await pushing;
  await syncServer.stop();
  await onA.mark('Diāna', 'Late');
  await onA.mark('Katrīna', 'Absent');
  await onA.mark('Nora', 'Present');
  await a.expectWaiting();

  await syncServer.start();
  await expect(onB.count()).toContainText('Here: 4 of 7', { timeout: 60_000 });
  await expect(onB.count()).toContainText(
    'present 3 · late 1 · left early 0 · excused 0 · absent 1 · not marked 2',
  );
  for (const [name, status] of [
    ['Alise', 'Present'],
    ['Beāte', 'Present'],
    ['Diāna', 'Late'],
    ['Katrīna', 'Absent'],
    ['Nora', 'Present'],
  ] as const)
    await expect(onB.person(name).getByRole('radio', { name: status })).toBeChecked();
  await expect(a.syncLine).toContainText('Synced', { timeout: SYNC_TIMEOUT });
  await expect(onA.count()).toContainText('Here: 4 of 7');
  // One copy of each row on the server: no conflicting revisions.
  expect(await syncServer.dumpText()).not.toContain('_conflicts');
  await b.context.close();
});

test('a doc with a flipped bit on the server is refused and reported on the device, which keeps its own copy', async ({
  page,
  browser,
  syncServer,
  foreignRequests,
}) => {
  const { a, b } = await devicesOnLotus(page, browser, syncServer, foreignRequests);
  const { changed } = await renameOnAUntilBHasIt(a, b, syncServer, LOTUS, 'Lotus — renamed');
  await a.goOffline(); // see quietA
  for (const doc of changed) await syncServer.flipBit(doc._id);

  await expectRefusalShown(
    b,
    /records? from the server (was|were) damaged and (was|were) not used/,
  );
  await b.openGroup('Lotus — renamed');
  await b.context.close();
});

test('an older revision served again by the server is refused, and the device keeps the newer one', async ({
  page,
  browser,
  syncServer,
  foreignRequests,
}) => {
  const { a, b } = await devicesOnLotus(page, browser, syncServer, foreignRequests);
  const first = await renameOnAUntilBHasIt(a, b, syncServer, LOTUS, 'Lotus — first name');
  const older = new Map(first.changed.map((doc) => [doc._id, doc._rev]));
  await renameOnAUntilBHasIt(a, b, syncServer, 'Lotus — first name', 'Lotus — second name');
  await a.goOffline(); // see quietA
  for (const [id, rev] of older) await syncServer.replay(id, rev);

  await expectRefusalShown(
    b,
    /records? from the server (was|were) older than the ones? on this device and (was|were) not used/,
  );
  await b.openGroup('Lotus — second name');
  await b.context.close();
});

test('a doc copied in from another organisation’s database is refused, and nothing local changes', async ({
  page,
  browser,
  syncServer,
  foreignRequests,
}) => {
  const { a, b } = await devicesOnLotus(page, browser, syncServer, foreignRequests);
  // Another organisation (a demo of its own, with its own keys) on the same server.
  const other = syncServer.sibling(`${syncServer.database}-other`);
  await other.create();
  const context = await browser.newContext();
  const c = new SyncDevice(await context.newPage(), 'C');
  await c.aplis.open('en');
  await c.aplis.tryDemo();
  // Pointed at A's database first: C stops at once, with the reason, and sends it nothing.
  // A and B step off the network meanwhile: a write of theirs landing late (one
  // in ~30 fresh-clone runs) would otherwise look like one of C's.
  await expect(a.syncLine).toContainText('Synced', { timeout: SYNC_TIMEOUT });
  await expect(b.syncLine).toContainText('Synced', { timeout: SYNC_TIMEOUT });
  await a.goOffline();
  await b.goOffline();
  const revisions = async () =>
    (await syncServer.dump()).map((doc) => `${doc._id} ${doc._rev}`).sort();
  let lotusDocs = await revisions();
  await expect
    .poll(async () => {
      const now = await revisions();
      const still = now.join() === lotusDocs.join();
      lotusDocs = now;
      return still;
    })
    .toBe(true);
  await submitConnect(c, syncServer);
  await expect(c.page.getByRole('alert')).toContainText(
    'That database belongs to another organisation.',
    { timeout: SYNC_TIMEOUT },
  );
  await expect(c.page.getByLabel('Database name')).toHaveValue('');
  expect(await revisions()).toEqual(lotusDocs);
  await a.goOnline();
  await b.goOnline();
  await connect(c, other);
  const theirs = await other.dump();
  expect(theirs.length).toBeGreaterThan(0);
  for (const doc of theirs.slice(0, 3)) await other.copyTo(doc._id, syncServer);
  await context.close();

  await expectRefusalShown(b, REFUSED_FOREIGN);
  await b.openGroup(LOTUS);
  // A, still on Settings → Sync, pulled them too and lists them as refused.
  await expect(a.page.getByRole('list', { name: 'Records that were not used' })).toContainText(
    REFUSED_FOREIGN,
    { timeout: SYNC_TIMEOUT },
  );
  await other.destroy();
  await b.context.close();
});

test('the server holds nothing readable: no typed text, names, ids, dates or table names, only an id, a revision and ciphertext', async ({
  page,
  browser,
  syncServer,
  foreignRequests,
}) => {
  const { a, b } = await twoDevices(page, browser, syncServer, foreignRequests, {
    facilitator: true,
  });
  await b.aplis.unlock(FACILITATOR.passphrase);

  // Texts typed in this test, on both devices.
  const canaries = {
    group: 'Lotus canarygroup 5521',
    note: 'canarynote 8812 the group laughed',
    reason: 'canaryreason 3390 school exam',
  };
  await a.openGroup(LOTUS);
  await a.renameGroup(canaries.group);
  const onB = new MeetingModePage(b.page);
  await b.aplis.goTo('Today');
  await onB.openFromToday(/meeting 5/);
  await b.page.getByLabel('Notes', { exact: true }).fill(canaries.note);
  await onB.expectNotesSaved('Saved on this device.');
  await onB.mark('Diāna', 'Excused');
  await onB.person('Diāna').getByLabel('Reason').fill(canaries.reason);
  await onB.person('Diāna').getByLabel('Reason').blur();
  const meetingId = new URL(b.page.url()).pathname
    .split('/')
    .find((part) => /^[0-9a-f-]{36}$/.test(part));
  expect(meetingId).toBeTruthy();

  // A has what B wrote: it went through the server, into A's open (untouched) fields.
  const onA = new MeetingModePage(a.page);
  await a.aplis.goTo('Today');
  await onA.openFromToday(/meeting 5/);
  await expect(a.page.getByLabel('Notes', { exact: true })).toHaveValue(canaries.note, {
    timeout: SYNC_TIMEOUT,
  });
  await expect(onA.person('Diāna').getByLabel('Reason')).toHaveValue(canaries.reason, {
    timeout: SYNC_TIMEOUT,
  });

  // The ids of every participant and the table names, as this device knows them.
  const local = await a.page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('aplis');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error(String(request.error)));
    });
    const keys = (table: string) =>
      new Promise<string[]>((resolve) => {
        const request = db.transaction(table).objectStore(table).getAllKeys();
        request.onsuccess = () => resolve(request.result.map(String));
      });
    const tables = Array.from(db.objectStoreNames);
    const result = {
      tables,
      participants: await keys('participants'),
      meetings: await keys('meetings'),
    };
    db.close();
    return result;
  });
  expect(local.participants.length).toBe(14);
  expect(local.meetings).toContain(meetingId);

  const dump = await syncServer.dumpText();
  const docs = await syncServer.dump();
  expect(docs.length).toBeGreaterThan(100);
  // Each doc: an opaque id, a revision, a format number and one ciphertext field.
  for (const doc of docs) expect(Object.keys(doc).sort()).toEqual(['_id', '_rev', 'c', 'v']);
  const typed = [
    ...Object.values(canaries),
    'canarygroup',
    'canarynote',
    'canaryreason',
    FACILITATOR.name,
    FACILITATOR.passphrase,
    DEMO_PASSPHRASE,
    'correct horse battery',
    // Names the demo holds, which the devices show.
    'Alise',
    'Beāte',
    'Diāna',
    'Lotus',
    'Riga',
  ];
  for (const text of typed) expect(dump, text).not.toContain(text);
  for (const id of [...local.participants, ...local.meetings]) expect(dump, id).not.toContain(id);
  expect(dump).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  const outside = '(?<![A-Za-z0-9+/=])';
  for (const table of local.tables)
    expect(dump, table).not.toMatch(new RegExp(`${outside}${table}(?![A-Za-z0-9+/=])`, 'i'));
  await b.context.close();
});
