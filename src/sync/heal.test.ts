// @vitest-environment node
/**
 * What the server keeps and how it heals (issue #16), between two devices
 * (testing/sync-devices.ts): deleted and erased rows leave no body on the
 * server nor in the devices' replicas, an older body the server sends back is
 * overwritten once, a push cut off half-way loses and doubles nothing, and a
 * refused document is reported once.
 */
import { describe, expect, it } from 'vitest';
import { teamSyncKeys } from '../crypto/sync-cipher';
import { attendanceId } from '../domain/attendance-rules';
import { aParticipant } from '../db/backup/test-data';
import { erasureStore } from '../db/erasure';
import { setSeq } from '../db/sync/state';
import { aCohort } from '../testing/factories';
import { allDocs, deviceOn, stopsMidWrite, twoDevices, type Device } from '../testing/sync-devices';
import {
  dumpDatabase,
  makeTestVault,
  setUpOrganisation,
  TEST_PASSPHRASE,
} from '../testing/vault-fixture';
import {
  decodeDoc,
  docId,
  encodeRow,
  registerMarks,
  REGISTER_TABLE,
  type SyncRecord,
} from './codec';
import type { Replica, StoredDoc } from './replica';

const later = () => new Promise((r) => setTimeout(r, 5));

async function docOf(device: Device, table: string, rowId: string): Promise<string> {
  return docId(await teamSyncKeys(device.t.vault.dataKey), table, rowId);
}

/** Every leaf revision of a document, deleted ones included. */
async function leaves(replica: Replica, id: string): Promise<StoredDoc[]> {
  const open = await (
    replica as unknown as {
      get(id: string, o: { open_revs: 'all' }): Promise<{ ok?: StoredDoc }[]>;
    }
  ).get(id, { open_revs: 'all' });
  return open.flatMap((r) => (r.ok ? [r.ok] : []));
}

/**
 * The rows of every live document a replica holds, opened under the team key
 * (a register's marks each as a row of `attendance`), with their document's id.
 */
async function openRows(replica: Replica, device: Device) {
  const keys = await teamSyncKeys(device.t.vault.dataKey);
  const rows: { table: string; record: SyncRecord; docId: string }[] = [];
  for (const doc of await allDocs(replica)) {
    const decoded = await decodeDoc([keys], doc);
    if (!decoded.ok) continue;
    if (decoded.row.table === REGISTER_TABLE)
      for (const record of registerMarks(decoded.row))
        rows.push({ table: 'attendance', record, docId: doc._id });
    else rows.push({ ...decoded.row, docId: doc._id });
  }
  return rows;
}

async function expectNoBody(replicas: Replica[], id: string) {
  for (const replica of replicas) {
    await expect(replica.get(id)).rejects.toMatchObject({ status: 404 });
    const live = (await leaves(replica, id)).filter((l) => !l._deleted);
    expect(live).toEqual([]);
  }
}

describe('sync keeps no body of what was deleted', () => {
  it('empties a deleted group’s document on the server and on both devices', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const cohort = aCohort('Ziema');
    await laptop.t.repos.cohorts.put(cohort);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    const id = await docOf(laptop, 'cohorts', cohort.id);
    const body = await server.get(id);

    await laptop.t.repos.cohorts.delete(cohort.id);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();

    expect(await tablet.t.repos.cohorts.get(cohort.id)).toBeUndefined();
    await expectNoBody([server, laptop.engine.local, tablet.engine.local], id);
    // The devices' replicas are compacted: the old body cannot be read back there.
    for (const replica of [laptop.engine.local, tablet.engine.local])
      await expect(replica.get(id, { rev: body._rev })).rejects.toMatchObject({ status: 404 });
    // The tombstone still travels, as its own document.
    const tombs = (await openRows(server, laptop)).filter((r) => r.table === 'tombstones');
    expect(tombs.map((t) => t.record.table)).toContain('cohorts');
  });

  it('after an erasure the server holds none of the person’s rows, only the marker', async () => {
    const { server, laptop, tablet, staffId } = await twoDevices();
    const person = aParticipant({ chosenName: 'Marta' });
    const meetingId = crypto.randomUUID();
    await laptop.t.repos.participants.put(person);
    await laptop.t.repos.attendance.put({
      id: attendanceId(meetingId, person.id),
      meetingId,
      participantId: person.id,
      status: 'present',
    });
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    const theirs = (await openRows(server, laptop)).filter(
      (r) => r.record.id === person.id || r.table === 'attendance',
    );
    expect(theirs.map((r) => r.table).sort()).toEqual(['attendance', 'participants']);
    const ids = theirs.map((r) => r.docId);

    await erasureStore(laptop.t.db, laptop.t.repos).erase(person.id, staffId);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();

    expect(await tablet.t.repos.participants.get(person.id)).toBeUndefined();
    for (const id of ids)
      await expectNoBody([server, laptop.engine.local, tablet.engine.local], id);
    const left = await openRows(server, laptop);
    expect(left.filter((r) => r.table === 'participants' || r.table === 'attendance')).toEqual([]);
    expect(JSON.stringify(left)).not.toContain(person.id);
    expect(left.filter((r) => r.table === 'tombstones' && r.record.erased === true)).toHaveLength(
      1,
    );
  });

  it.each([
    ['reaches the server before the erasure', true],
    ['reaches the server after the erasure', false],
  ])(
    'does not bring an erased person back when an offline edit of them %s',
    async (_, editFirst) => {
      const { server, laptop, tablet, staffId } = await twoDevices();
      const person = aParticipant({ chosenName: 'Ilze' });
      await laptop.t.repos.participants.put(person);
      await laptop.engine.syncNow();
      await tablet.engine.syncNow();
      // Offline, the tablet edits them; its engine takes the edit into its replica.
      await tablet.t.repos.participants.put({ ...person, chosenName: 'Ilze V.' });
      await tablet.engine.push();
      if (editFirst) await tablet.engine.local.replicate.to(server);
      await erasureStore(laptop.t.db, laptop.t.repos).erase(person.id, staffId);
      await laptop.engine.syncNow();
      await tablet.engine.syncNow();
      await laptop.engine.syncNow();
      await tablet.engine.syncNow();

      expect(await laptop.t.repos.participants.get(person.id)).toBeUndefined();
      expect(await tablet.t.repos.participants.get(person.id)).toBeUndefined();
      const id = await docOf(laptop, 'participants', person.id);
      await expectNoBody([server, laptop.engine.local, tablet.engine.local], id);
    },
  );

  it('keeps a deleted group deleted though the other device edited it offline before', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const cohort = aCohort('Vasara');
    await laptop.t.repos.cohorts.put(cohort);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    await tablet.t.repos.cohorts.put({ ...cohort, name: 'Vasara B' });
    await tablet.engine.push();
    await tablet.engine.local.replicate.to(server);
    await later();
    await laptop.t.repos.cohorts.delete(cohort.id);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    await laptop.engine.syncNow();

    expect(await laptop.t.repos.cohorts.get(cohort.id)).toBeUndefined();
    expect(await tablet.t.repos.cohorts.get(cohort.id)).toBeUndefined();
    await expectNoBody(
      [server, laptop.engine.local, tablet.engine.local],
      await docOf(laptop, 'cohorts', cohort.id),
    );
  });

  it('still brings back a group edited after it was deleted elsewhere (the newer write wins)', async () => {
    const { laptop, tablet } = await twoDevices();
    const cohort = aCohort('Rudens');
    await laptop.t.repos.cohorts.put(cohort);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    await laptop.t.repos.cohorts.delete(cohort.id);
    await later();
    await tablet.t.repos.cohorts.put({ ...cohort, name: 'Rudens B' });
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    await laptop.engine.syncNow();
    expect((await laptop.t.repos.cohorts.get(cohort.id))?.name).toBe('Rudens B');
    expect((await tablet.t.repos.cohorts.get(cohort.id))?.name).toBe('Rudens B');
  });
});

describe('sync heals an older body on the server', () => {
  it('puts its newer copy back over a replayed one, once, and a new device gets the newer one', async () => {
    const { server, secret, laptop, tablet } = await twoDevices();
    const person = aParticipant({ chosenName: 'Anna' });
    await laptop.t.repos.participants.put(person);
    await laptop.engine.syncNow();
    const id = await docOf(laptop, 'participants', person.id);
    const old = await server.get(id);
    await laptop.t.repos.participants.put({ ...person, chosenName: 'Anna L.' });
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    // The server sends the older body again, as the newest revision.
    await server.bulkDocs([{ ...(await server.get(id)), c: old.c }]);

    expect((await tablet.engine.syncNow()).refused).toEqual({ older: 1 });
    expect((await tablet.t.repos.participants.get(person.id))?.chosenName).toBe('Anna L.');
    expect((await server.get(id)).c).not.toBe(old.c);
    const newcomer = deviceOn(server, makeTestVault(), secret);
    await newcomer.engine.pullFromServer();
    await newcomer.t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    await newcomer.engine.syncNow();
    expect((await newcomer.t.repos.participants.get(person.id))?.chosenName).toBe('Anna L.');

    // Replayed again: refused again, but not written back a second time (no loop).
    await server.bulkDocs([{ ...(await server.get(id)), c: old.c }]);
    const again = await server.get(id);
    expect((await tablet.engine.syncNow()).refused).toEqual({ older: 1 });
    expect((await server.get(id))._rev).toBe(again._rev);
    expect((await tablet.engine.syncNow()).refused).toEqual({});
    expect((await tablet.t.repos.participants.get(person.id))?.chosenName).toBe('Anna L.');
  });
});

describe('sync cut off half-way', () => {
  it('loses and doubles nothing when the server stops in the middle of a push', async () => {
    const { server, secret, laptop, tablet } = await twoDevices();
    const people = Array.from({ length: 30 }, (_, i) => aParticipant({ chosenName: `P${i}` }));
    await laptop.t.repos.participants.bulkPut(people);
    const stopping = stopsMidWrite(server, 10);
    const cut = deviceOn(stopping.replica, laptop.t, secret, laptop.engine.local);
    await expect(cut.engine.syncNow()).rejects.toThrow('The server stopped');
    expect(stopping.control.failures).toBe(1);
    const ids = await Promise.all(people.map((p) => docOf(laptop, 'participants', p.id)));
    const there = (await server.allDocs({ keys: ids })).rows.filter((r) => r.value).length;
    expect(there).toBeGreaterThan(0);
    expect(there).toBeLessThan(people.length);

    // The app starts again: a new engine over the same database and replica.
    const restarted = deviceOn(server, laptop.t, secret, laptop.engine.local);
    await restarted.engine.syncNow();
    await tablet.engine.syncNow();
    const names = await Promise.all(
      people.map(async (p) => (await tablet.t.repos.participants.get(p.id))?.chosenName),
    );
    expect(names).toEqual(people.map((p) => p.chosenName));
    for (const id of ids) {
      const doc = await server.get(id, { conflicts: true });
      expect(doc._rev).toMatch(/^1-/); // written once
      expect(doc._conflicts ?? []).toEqual([]);
    }
  });

  it('takes an interrupted push into the replica up again where it stopped', async () => {
    const { secret, laptop, tablet } = await twoDevices();
    const people = Array.from({ length: 30 }, (_, i) => aParticipant({ chosenName: `Q${i}` }));
    await laptop.t.repos.participants.bulkPut(people);
    const stopping = stopsMidWrite(laptop.engine.local, 10);
    const cut = deviceOn(laptop.engine.local, laptop.t, secret, stopping.replica);
    await expect(cut.engine.push()).rejects.toThrow('The server stopped');
    expect(await laptop.engine.waiting()).toBe(people.length);

    await laptop.engine.syncNow();
    expect(await laptop.engine.waiting()).toBe(0);
    await tablet.engine.syncNow();
    for (const p of people) {
      expect((await tablet.t.repos.participants.get(p.id))?.chosenName).toBe(p.chosenName);
      const doc = await laptop.engine.local.get(await docOf(laptop, 'participants', p.id));
      expect(doc._rev).toMatch(/^1-/);
    }
  });
});

describe('sync reports a refusal once', () => {
  it('reports a damaged document once, though it is read again, and changes nothing here', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const person = aParticipant({ chosenName: 'Anna' });
    await laptop.t.repos.participants.put(person);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    const doc = await server.get(await docOf(laptop, 'participants', person.id));
    const bytes = atob(doc.c);
    const flipped = btoa(
      bytes.slice(0, 40) + String.fromCharCode(bytes.charCodeAt(40) ^ 1) + bytes.slice(41),
    );
    await server.bulkDocs([{ ...doc, c: flipped }]);
    const before = await dumpDatabase(tablet.t.db);

    expect((await tablet.engine.syncNow()).refused).toEqual({ damaged: 1 });
    expect((await tablet.engine.syncNow()).refused).toEqual({});
    await setSeq(tablet.t.db, 0); // the whole feed read again
    expect((await tablet.engine.pull()).refused).toEqual({});
    const after = await dumpDatabase(tablet.t.db);
    expect(withoutSyncMeta(after)).toEqual(withoutSyncMeta(before));
    expect((await tablet.t.repos.participants.get(person.id))?.chosenName).toBe('Anna');
  });

  it('reports a document sealed under another organisation’s key once', async () => {
    const { server, tablet } = await twoDevices();
    const stranger = makeTestVault();
    await setUpOrganisation(stranger);
    const foreign = await encodeRow(
      await teamSyncKeys(stranger.vault.dataKey),
      'participants',
      aParticipant(),
    );
    await server.bulkDocs([foreign]);
    const before = await dumpDatabase(tablet.t.db);
    const first = await tablet.engine.syncNow();
    expect(first.foreign).toBe(false);
    // Not "damaged": this device never held that document, so it says whose it likely is.
    expect(first.refused).toEqual({ foreign: 1 });
    expect((await tablet.engine.syncNow()).refused).toEqual({});
    expect(withoutSyncMeta(await dumpDatabase(tablet.t.db))).toEqual(withoutSyncMeta(before));
  });
});

function withoutSyncMeta(dump: Record<string, unknown[]>) {
  return { ...dump, meta: dump.meta!.filter((m) => !String(m).includes('"sync:')) };
}
