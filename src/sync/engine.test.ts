// @vitest-environment node
/**
 * The engine between two devices (testing/sync-devices.ts): two Dexie
 * databases, two vaults with the same team key, two in-memory replicas
 * replicating through a third standing in for the server. Deletions,
 * healing and interrupted pushes: heal.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { newSyncSecret } from '../crypto/sync-cipher';
import { attendanceId } from '../domain/attendance-rules';
import { CANARY, aParticipant } from '../db/backup/test-data';
import { erasureStore } from '../db/erasure';
import { aCohort } from '../testing/factories';
import { allDocs, deviceOn, twoDevices } from '../testing/sync-devices';
import { memoryReplica } from '../testing/sync-fixture';
import { SyncEngine, type Progress } from './engine';
import {
  dumpDatabase,
  makeTestVault,
  setUpOrganisation,
  TEST_PASSPHRASE,
  testKdfPolicy,
} from '../testing/vault-fixture';

describe('sync engine', () => {
  it('brings a change on one device to the other, both ways', async () => {
    const { laptop, tablet } = await twoDevices();
    const person = aParticipant({ chosenName: 'Līga' });
    await laptop.t.repos.participants.put(person);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    expect((await tablet.t.repos.participants.get(person.id))?.chosenName).toBe('Līga');

    await tablet.t.repos.participants.put({ ...person, chosenName: 'Līga B.' });
    await tablet.engine.syncNow();
    await laptop.engine.syncNow();
    expect((await laptop.t.repos.participants.get(person.id))?.chosenName).toBe('Līga B.');
  });

  it('shows the server no names, row ids, dates or table names', async () => {
    const { server, laptop, staffId } = await twoDevices();
    const person = aParticipant({ chosenName: CANARY });
    const cohort = aCohort('Pavasaris');
    await laptop.t.repos.participants.put(person);
    await laptop.t.repos.cohorts.put(cohort);
    await laptop.engine.syncNow();
    const dump = JSON.stringify(await allDocs(server));
    expect(dump.length).toBeGreaterThan(1000);
    for (const secret of [
      CANARY,
      person.id,
      cohort.id,
      staffId,
      'participants',
      'cohorts',
      'keyring',
      'running',
    ])
      expect(dump).not.toContain(secret);
    expect(dump).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // Sizes come in buckets: every body is one of a few lengths.
    const sizes = new Set((await allDocs(server)).map((d) => d.c.length));
    expect(sizes.size).toBeLessThanOrEqual(4);
  });

  it('converges on one winner when both devices edit the same cohort, and removes the loser', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const cohort = aCohort('Rudens');
    await laptop.t.repos.cohorts.put(cohort);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    await laptop.t.repos.cohorts.put({ ...cohort, name: 'Rudens A' });
    await new Promise((r) => setTimeout(r, 5));
    await tablet.t.repos.cohorts.put({ ...cohort, name: 'Rudens B' });
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    await laptop.engine.syncNow();
    const a = (await laptop.t.repos.cohorts.get(cohort.id))?.name;
    const b = (await tablet.t.repos.cohorts.get(cohort.id))?.name;
    expect(a).toBe(b);
    expect(b).toBe('Rudens B'); // same version: the later write wins
    for (const replica of [server, laptop.engine.local, tablet.engine.local])
      for (const doc of await allDocs(replica)) {
        const withConflicts = await replica.get(doc._id, { conflicts: true });
        expect(withConflicts._conflicts ?? []).toEqual([]);
      }
  });

  it('keeps an erased participant gone on both devices though the other edited them', async () => {
    const { laptop, tablet, staffId } = await twoDevices();
    const person = aParticipant({ chosenName: 'Marta' });
    await laptop.t.repos.participants.put(person);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    await tablet.t.repos.participants.put({ ...person, chosenName: 'Marta K.' });
    await erasureStore(laptop.t.db, laptop.t.repos).erase(person.id, staffId);
    await tablet.engine.syncNow();
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    expect(await laptop.t.repos.participants.get(person.id)).toBeUndefined();
    expect(await tablet.t.repos.participants.get(person.id)).toBeUndefined();
  });

  it('keeps attendance marks made on each device for different people in one meeting', async () => {
    const { laptop, tablet } = await twoDevices();
    const meetingId = crypto.randomUUID();
    const [p1, p2] = [crypto.randomUUID(), crypto.randomUUID()];
    await laptop.t.repos.attendance.put({
      id: attendanceId(meetingId, p1),
      meetingId,
      participantId: p1,
      status: 'present',
    });
    await tablet.t.repos.attendance.put({
      id: attendanceId(meetingId, p2),
      meetingId,
      participantId: p2,
      status: 'absent',
    });
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    await laptop.engine.syncNow();
    for (const device of [laptop, tablet]) {
      const marks = await device.t.repos.attendance.listWhere('meetingId', meetingId);
      expect(marks.items.map((m) => m.participantId).sort()).toEqual([p1, p2].sort());
    }
  });

  it('refuses a bit-flipped document as damaged and changes nothing here', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const person = aParticipant({ chosenName: 'Anna' });
    await laptop.t.repos.participants.put(person);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    // The server (or someone on the way) flips a bit of one body.
    const [doc] = (await allDocs(server)).filter((d) => !d._id.startsWith('_'));
    const bytes = atob(doc!.c);
    const flipped = btoa(
      bytes.slice(0, 40) + String.fromCharCode(bytes.charCodeAt(40) ^ 1) + bytes.slice(41),
    );
    await server.bulkDocs([{ ...doc, c: flipped }]);
    const before = await dumpDatabase(tablet.t.db);
    await tablet.engine.local.replicate.from(server);
    const report = await tablet.engine.pull();
    expect(report.refused).toEqual({ damaged: 1 });
    const after = await dumpDatabase(tablet.t.db);
    expect(withoutSyncMeta(after)).toEqual(withoutSyncMeta(before));
  });

  it('refuses an older body replayed on the server as older', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const person = aParticipant({ chosenName: 'Anna' });
    await laptop.t.repos.participants.put(person);
    await laptop.engine.syncNow();
    const before = await allDocs(server);
    await laptop.t.repos.participants.put({ ...person, chosenName: 'Anna L.' });
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    const newer = await allDocs(server);
    const replayed = newer.find((d) => before.find((o) => o._id === d._id && o.c !== d.c))!;
    const old = before.find((o) => o._id === replayed._id)!;
    await server.bulkDocs([{ ...replayed, c: old.c }]);
    await tablet.engine.local.replicate.from(server);
    const report = await tablet.engine.pull();
    expect(report.refused).toEqual({ older: 1 });
    expect((await tablet.t.repos.participants.get(person.id))?.chosenName).toBe('Anna L.');
  });

  it("does not open again the documents it pushed itself, but opens another device's edit of one", async () => {
    const { laptop, tablet } = await twoDevices();
    const people = Array.from({ length: 30 }, (_, i) => aParticipant({ chosenName: `P${i}` }));
    for (const person of people) await laptop.t.repos.participants.put(person);
    // Counts decryptions only (nothing here encrypts or decrypts by itself).
    // eslint-disable-next-line no-restricted-properties
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    try {
      // Push, then the pull round brings the laptop's own 30 documents back from the server.
      await laptop.engine.syncNow();
      expect(decrypt.mock.calls.length).toBeLessThan(people.length);
    } finally {
      decrypt.mockRestore();
    }
    await tablet.engine.syncNow();
    await tablet.t.repos.participants.put({ ...people[0]!, chosenName: 'P0 edited' });
    await tablet.engine.syncNow();
    await laptop.engine.syncNow();
    expect((await laptop.t.repos.participants.get(people[0]!.id))?.chosenName).toBe('P0 edited');
  });

  it('tells how far a fetch and a big pull are, ending at their totals', async () => {
    const { server, laptop, secret } = await twoDevices();
    for (let i = 0; i < 12; i++)
      await laptop.t.repos.participants.put(aParticipant({ chosenName: `P${i}` }));
    await laptop.engine.syncNow();
    const t = makeTestVault();
    const engine = new SyncEngine({
      db: t.db,
      vault: t.vault,
      local: memoryReplica('device'),
      remote: server,
      secret,
      policy: testKdfPolicy,
      pageSize: 5,
    });
    const fetched: Progress[] = [];
    await engine.fetch((p) => fetched.push(p));
    const onServer = (await server.info()).doc_count;
    expect(fetched.at(0)).toEqual({ done: 0, total: onServer });
    expect(fetched.at(-1)).toEqual({ done: onServer, total: onServer });
    await engine.pull(); // locked: the key wraps only, as a join does
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const pulled: Progress[] = [];
    const report = await engine.pull((p) => pulled.push(p));
    expect(report.applied).toBeGreaterThanOrEqual(12);
    expect(pulled.length).toBeGreaterThan(3);
    const dones = pulled.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(pulled.at(-1)!.done).toBe(pulled.at(-1)!.total);
    expect(await t.db.participants.count()).toBe(await laptop.t.db.participants.count());
  });

  it('says a database of another organisation is foreign', async () => {
    const { server } = await twoDevices();
    const stranger = makeTestVault();
    await setUpOrganisation(stranger);
    const device = deviceOn(server, stranger, newSyncSecret());
    const report = await device.engine.pullFromServer();
    expect(report.foreign).toBe(true);
    expect(report.applied).toBe(0);
  });
});

function withoutSyncMeta(dump: Record<string, unknown[]>) {
  return { ...dump, meta: dump.meta!.filter((m) => !String(m).includes('"sync:')) };
}
