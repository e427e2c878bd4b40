// @vitest-environment node
/**
 * The engine between two devices (testing/sync-devices.ts): two Dexie
 * databases, two vaults with the same team key, two in-memory replicas
 * replicating through a third standing in for the server. Deletions,
 * healing and interrupted pushes: heal.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { newSyncSecret } from '../crypto/sync-cipher';
import { attendanceId } from '../domain/attendance-rules';
import { CANARY, aParticipant } from '../db/backup/test-data';
import { erasureStore } from '../db/erasure';
import { aCohort } from '../testing/factories';
import { allDocs, deviceOn, twoDevices } from '../testing/sync-devices';
import { dumpDatabase, makeTestVault, setUpOrganisation } from '../testing/vault-fixture';

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
