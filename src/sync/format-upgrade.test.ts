// @vitest-environment node
/**
 * Documents written before format 2 (codec.ts): a server whose documents all
 * came from devices not yet upgraded still brings a new device everything,
 * and an upgraded device rewrites such a document in place, in format 2.
 */
import { describe, expect, it } from 'vitest';
import { secretSyncKeys, teamSyncKeys } from '../crypto/sync-cipher';
import { aParticipant } from '../db/backup/test-data';
import { allDocs, deviceOn, twoDevices } from '../testing/sync-devices';
import { memoryReplica } from '../testing/sync-fixture';
import { formatOneDoc } from '../testing/sync-format-one';
import { makeTestVault, TEST_PASSPHRASE } from '../testing/vault-fixture';
import { decodeDoc, docId, registerMarks, REGISTER_TABLE, type SyncRecord } from './codec';
import type { Replica } from './replica';

describe('sync documents of format 1', () => {
  it('bring a new device every row, the keyring included, and it writes its edits over them in format 2 (a mark in its meeting’s register, format 4)', async () => {
    const { server, secret, laptop } = await twoDevices();
    const person = aParticipant({ chosenName: 'Olena' });
    await laptop.t.repos.participants.put(person);
    const meetingId = crypto.randomUUID();
    const { id: markId } = await laptop.t.repos.attendance.put({
      id: crypto.randomUUID(),
      meetingId,
      participantId: person.id,
      status: 'late',
      time: '10:15',
    });
    await laptop.engine.syncNow();

    // The server as devices before the upgrade would have written it: every document format 1.
    const keySets = [await teamSyncKeys(laptop.t.vault.dataKey), await secretSyncKeys(secret)];
    const docs = (await allDocs(server)).filter((d) => !d._id.startsWith('_'));
    expect(docs.some((d) => d.v === 4)).toBe(true);
    // A register (format 4) was one format-1 document per mark then, each mark as sealed at rest.
    const atRest = (await laptop.t.db.registers.toArray()).flatMap((r) => r.marks);
    const old = (
      await Promise.all(
        docs.map(async (doc) => {
          const decoded = await decodeDoc(keySets, doc);
          if (!decoded.ok) throw new Error(`laptop's own document ${doc._id} does not open`);
          const { table, record } = decoded.row;
          if (table !== REGISTER_TABLE)
            return [{ ...(await formatOneDoc(decoded.keys, table, record)), _rev: doc._rev }];
          return [
            { _id: doc._id, _rev: doc._rev, _deleted: true },
            ...(await Promise.all(
              registerMarks(decoded.row).map((m) =>
                formatOneDoc(
                  decoded.keys,
                  'attendance',
                  atRest.find((r) => r.id === m.id) as unknown as SyncRecord,
                ),
              ),
            )),
          ];
        }),
      )
    ).flat();
    const markDoc = await docId(keySets[0]!, 'attendance', markId);
    expect(old.map((d) => d._id)).toContain(markDoc);
    await server.bulkDocs(old);
    expect(new Set((await allDocs(server)).map((d) => d.v))).toEqual(new Set([1]));

    // A new device joins, unlocks with the keyring it pulled, and gets every row.
    const phone = deviceOn(server, makeTestVault(), secret);
    await phone.engine.pullFromServer();
    await phone.t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const report = await phone.engine.syncNow();
    expect(report.refused).toEqual({});
    expect((await phone.t.repos.participants.get(person.id))?.chosenName).toBe('Olena');
    const marks = await phone.t.repos.attendance.listWhere('participantId', person.id);
    expect(marks.items.map((m) => [m.status, m.time])).toEqual([['late', '10:15']]);

    // Its edit goes out as format 2 under the same document, and the laptop reads it.
    const countBefore = (await allDocs(server)).length;
    await phone.t.repos.participants.put({ ...person, chosenName: 'Olena K.' });
    await phone.engine.syncNow();
    const after = await allDocs(server);
    expect(after.length).toBe(countBefore);
    const personDoc = await docId(keySets[0]!, 'participants', person.id);
    expect(after.find((d) => d._id === personDoc)?.v).toBe(2);
    await laptop.engine.syncNow();
    expect((await laptop.t.repos.participants.get(person.id))?.chosenName).toBe('Olena K.');

    // Its change of the mark goes out in the meeting's register (format 4), and the
    // mark's format-1 document is emptied: the server keeps one body of the mark.
    await phone.t.repos.attendance.put({
      id: markId,
      meetingId,
      participantId: person.id,
      status: 'present',
    });
    await phone.engine.syncNow();
    const now = await allDocs(server);
    expect(now.find((d) => d._id === markDoc)).toBeUndefined();
    const registerId = await docId(keySets[0]!, REGISTER_TABLE, meetingId);
    const register = now.find((d) => d._id === registerId);
    expect(register?.v).toBe(4);
    await laptop.engine.syncNow();
    const seen = await laptop.t.repos.attendance.listWhere('participantId', person.id);
    expect(seen.items.map((m) => m.status)).toEqual(['present']);
  });
});

/**
 * `replica` as a build that does not know `format` yet sees it: every document
 * of that format or newer its changes feed brings reads as one it cannot open.
 */
function readingBefore(format: number, replica: Replica): Replica {
  return new Proxy(replica, {
    get(target, prop, receiver) {
      if (prop !== 'changes') return Reflect.get(target, prop, receiver) as unknown;
      return (options: Parameters<Replica['changes']>[0] & { style?: string }) => {
        // Replication's own feed (style all_docs) passes through; the engine's pull is read here.
        if (options.style) return target.changes(options);
        return readOld(options);
      };
      async function readOld(options: Parameters<Replica['changes']>[0]) {
        const page = await target.changes(options);
        return {
          ...page,
          results: page.results.map((c) =>
            c.doc && c.doc.v >= format ? { ...c, doc: { ...c.doc, v: 99 } } : c,
          ),
        };
      }
    },
  });
}

describe('documents refused before the device could read their format', () => {
  it('are read again once after the app is upgraded, and the rows they hold arrive', async () => {
    const { server, secret, laptop } = await twoDevices();
    // A device that joined earlier and holds the keyring.
    const replica = memoryReplica('tablet-upgrade');
    const tablet = deviceOn(server, makeTestVault(), secret, replica);
    await tablet.engine.pullFromServer();
    await tablet.t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    await tablet.engine.syncNow();

    const person = aParticipant({ chosenName: 'Marta' });
    await laptop.t.repos.participants.put(person);
    await laptop.engine.syncNow();

    // The tablet still runs a build that reads format 1 only: it refuses the new documents.
    const old = deviceOn(server, tablet.t, secret, readingBefore(2, replica));
    const before = await old.engine.syncNow();
    // (Builds before 2026-12-04 counted such documents as damaged; from then on, as a newer version's.)
    expect(before.refused.newer ?? 0).toBeGreaterThan(0);
    expect(await tablet.t.repos.participants.get(person.id)).toBeUndefined();
    // Builds before this one never wrote which format they read.
    await tablet.t.db.meta.delete('sync:reads-format');

    // The upgraded build on the same replica: the feed has gone past those documents.
    const gets: string[] = [];
    const counted = new Proxy(replica, {
      get(target, prop, receiver) {
        if (prop !== 'get') return Reflect.get(target, prop, receiver) as unknown;
        return (id: string, options?: Parameters<Replica['get']>[1]) => {
          gets.push(id);
          return target.get(id, options);
        };
      },
    });
    const upgraded = deviceOn(server, tablet.t, secret, counted);
    const after = await upgraded.engine.syncNow();
    expect(after.refused).toEqual({});
    expect((await tablet.t.repos.participants.get(person.id))?.chosenName).toBe('Marta');
    const personDoc = await docId(
      await teamSyncKeys(tablet.t.vault.dataKey),
      'participants',
      person.id,
    );
    expect(gets).toContain(personDoc);

    // Once: the next pull does not read them again.
    gets.length = 0;
    await upgraded.engine.syncNow();
    expect(gets).not.toContain(personDoc);
  });
});

describe('registers of format 4 on a device that read format 3', () => {
  it('are refused until the app is upgraded, then read again once, and the marks arrive', async () => {
    const { server, secret, laptop } = await twoDevices();
    const replica = memoryReplica('tablet-four');
    const tablet = deviceOn(server, makeTestVault(), secret, replica);
    await tablet.engine.pullFromServer();
    await tablet.t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    await tablet.engine.syncNow();

    const person = aParticipant({ chosenName: 'Ilze' });
    await laptop.t.repos.participants.put(person);
    const meetingId = crypto.randomUUID();
    await laptop.t.repos.attendance.put({
      id: crypto.randomUUID(),
      meetingId,
      participantId: person.id,
      status: 'excused',
      reason: 'At the doctor',
    });
    await laptop.engine.syncNow();

    // The build before format 4: the register is a format it does not know, refused (told as a newer version's).
    const old = deviceOn(server, tablet.t, secret, readingBefore(4, replica));
    expect((await old.engine.syncNow()).refused).toEqual({ newer: 1 });
    expect((await tablet.t.repos.participants.get(person.id))?.chosenName).toBe('Ilze');
    expect((await tablet.t.repos.attendance.listWhere('meetingId', meetingId)).items).toEqual([]);
    // That build read format 3 at most (and said so after its pull).
    await tablet.t.db.meta.put({ key: 'sync:reads-format', value: 3 });

    const upgraded = deviceOn(server, tablet.t, secret, replica);
    expect((await upgraded.engine.syncNow()).refused).toEqual({});
    const marks = await tablet.t.repos.attendance.listWhere('meetingId', meetingId);
    expect(marks.items.map((m) => [m.status, m.reason])).toEqual([['excused', 'At the doctor']]);
    expect((await tablet.t.db.meta.get('sync:reads-format'))?.value).toBe(4);
  });
});

describe('documents of a format newer than this build reads', () => {
  it('are never written over nor removed here: this device’s edits wait for its upgrade, nothing lost on either side', async () => {
    const { server, laptop } = await twoDevices();
    const person = aParticipant({ chosenName: 'Anna' });
    await laptop.t.repos.participants.put(person);
    const meetingId = crypto.randomUUID();
    const mark = await laptop.t.repos.attendance.put({
      id: crypto.randomUUID(),
      meetingId,
      participantId: person.id,
      status: 'present',
    });
    await laptop.engine.syncNow();
    expect(await laptop.engine.waiting()).toBe(0);

    // A device already on a newer build rewrites both documents in a format this build does not know.
    const keys = await teamSyncKeys(laptop.t.vault.dataKey);
    const ids = [
      await docId(keys, 'participants', person.id),
      await docId(keys, REGISTER_TABLE, meetingId),
    ];
    const future = await Promise.all(
      ids.map(async (id) => ({ ...(await server.get(id)), v: 99, c: `future body of ${id}` })),
    );
    await server.bulkDocs(future);
    const onServer = async () =>
      (await allDocs(server)).filter((d) => ids.includes(d._id)).map((d) => [d.v, d.c]);
    const written = await onServer();

    // This device edits both and syncs, twice (its pull refuses the newer bodies; the push must not replace them).
    await laptop.t.repos.participants.put({ ...person, chosenName: 'Anna B.' });
    await laptop.t.repos.attendance.put({ ...mark, status: 'late' });
    // Told once, as a newer version's documents (Settings → Sync: update this device), not as damage.
    expect((await laptop.engine.syncNow()).refused).toEqual({ newer: 2 });
    expect((await laptop.engine.syncNow()).refused).toEqual({});

    expect(await onServer()).toEqual(written);
    // Its edits are kept here and still waiting to go, not counted as sent.
    expect((await laptop.t.repos.participants.get(person.id))?.chosenName).toBe('Anna B.');
    const marks = await laptop.t.repos.attendance.listWhere('meetingId', meetingId);
    expect(marks.items.map((m) => m.status)).toEqual(['late']);
    expect(await laptop.engine.waiting()).toBe(2);
  });
});
