// @vitest-environment node
/**
 * A meeting's attendance register as one sync document (format 4, codec.ts;
 * format 3 still read): what goes on the server, and that every mark inside it
 * is still judged on its own — merged per person's mark, refused per mark,
 * replays caught per mark, bound to its meeting (a slim mark pasted into
 * another register does not open), and an erased person's marks gone from
 * every register.
 */
import { describe, expect, it } from 'vitest';
import { teamSyncKeys, type SyncKeys } from '../crypto/sync-cipher';
import { aParticipant } from '../db/backup/test-data';
import { erasureStore } from '../db/erasure';
import type { Participant } from '../domain/participant';
import { rowStamp } from '../db/sync/state';
import { allDocs, deviceOn, type Device } from '../testing/sync-devices';
import { twoDevices } from '../testing/sync-devices';
import type { Replica, StoredDoc } from './replica';
import {
  decodeDoc,
  docId,
  encodeRegister,
  encodeRow,
  FULL_REGISTER_FORMAT,
  isRegisterFormat,
  isSlimMark,
  registerMarks,
  REGISTER_FORMAT,
  REGISTER_TABLE,
  type SyncRecord,
} from './codec';

const later = () => new Promise((r) => setTimeout(r, 5));

async function keysOf(device: Device): Promise<SyncKeys> {
  return teamSyncKeys(device.t.vault.dataKey);
}

/** Every register on a replica, opened: document id, revision, meeting, marks. */
async function registers(replica: Replica, device: Device) {
  const keys = await keysOf(device);
  const out: { doc: StoredDoc; meetingId: string; marks: SyncRecord[] }[] = [];
  for (const doc of await allDocs(replica)) {
    if (!isRegisterFormat(doc.v)) continue;
    const decoded = await decodeDoc([keys], doc);
    if (!decoded.ok) throw new Error('a register does not open');
    out.push({ doc, meetingId: decoded.row.record.id, marks: registerMarks(decoded.row) });
  }
  return out;
}

async function statusesOf(device: Device, meetingId: string) {
  const marks = await device.t.repos.attendance.listWhere('meetingId', meetingId);
  return Object.fromEntries(marks.items.map((m) => [m.participantId, m.status]));
}

async function aMeeting(device: Device, people: readonly Participant[]) {
  const meetingId = crypto.randomUUID();
  for (const p of people) await device.t.repos.participants.put(p);
  const marks = [];
  for (const p of people)
    marks.push(
      await device.t.repos.attendance.put({
        id: crypto.randomUUID(),
        meetingId,
        participantId: p.id,
        status: 'present',
      }),
    );
  return { meetingId, marks };
}

describe('register documents (format 4)', () => {
  it('open only as a register of one meeting, under their own id', async () => {
    const { laptop } = await twoDevices();
    const keys = await keysOf(laptop);
    const meetingId: string = crypto.randomUUID();
    const mark = (id: string, meeting = meetingId) => ({
      id,
      meetingId: meeting,
      participantId: 'p',
      version: 1,
      updatedAt: 1,
      sealed: new Uint8Array(40),
    });
    const doc = await encodeRegister(keys, meetingId, [mark('a'), mark('b')]);
    expect(doc._id).toBe(await docId(keys, REGISTER_TABLE, meetingId));
    const opened = await decodeDoc([keys], doc);
    expect(opened.ok && registerMarks(opened.row).map((m) => m.id)).toEqual(['a', 'b']);
    // A mark of another meeting, or one id twice: the whole document is refused.
    for (const marks of [[mark('a'), mark('b', 'elsewhere')], [mark('a'), mark('a')], []])
      expect(await decodeDoc([keys], await encodeRegister(keys, meetingId, marks))).toEqual({
        ok: false,
        reason: 'damaged',
      });
    // A row body relabelled as a register, or a register as a row, does not open.
    const row = await encodeRow(keys, 'cohorts', { id: 'c', updatedAt: 1 });
    expect((await decodeDoc([keys], { ...row, v: REGISTER_FORMAT })).ok).toBe(false);
    expect((await decodeDoc([keys], { ...doc, v: 2 })).ok).toBe(false);
  });

  it('carry a meeting’s marks in one document, and a deleted mark leaves it', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const people = [aParticipant(), aParticipant(), aParticipant()];
    const { meetingId, marks } = await aMeeting(laptop, people);
    await laptop.engine.syncNow();
    const [register, ...others] = await registers(server, laptop);
    expect(others).toEqual([]);
    expect(register!.meetingId).toBe(meetingId);
    expect(register!.marks.map((m) => m.id).sort()).toEqual(marks.map((m) => m.id).sort());
    // No per-mark documents went out.
    const keys = await keysOf(laptop);
    const ids = new Set((await allDocs(server)).map((d) => d._id));
    for (const m of marks) expect(ids.has(await docId(keys, 'attendance', m.id))).toBe(false);

    await tablet.engine.syncNow();
    expect(Object.keys(await statusesOf(tablet, meetingId))).toHaveLength(3);
    await tablet.t.repos.attendance.deleteMark(marks[0]!);
    await tablet.engine.syncNow();
    const [after] = await registers(server, laptop);
    expect(after!.marks.map((m) => m.id).sort()).toEqual(
      marks
        .slice(1)
        .map((m) => m.id)
        .sort(),
    );
    await laptop.engine.syncNow();
    expect(Object.keys(await statusesOf(laptop, meetingId))).toHaveLength(2);
  });

  it('merge two devices’ revisions per person’s mark, and keep one revision', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const [anna, olena, marta] = [aParticipant(), aParticipant(), aParticipant()];
    const { meetingId, marks } = await aMeeting(laptop, [anna, olena, marta]);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    // Offline, each marks a different person of the same meeting; both reach the server.
    await laptop.t.repos.attendance.put({ ...marks[0]!, status: 'late' });
    await later();
    await tablet.t.repos.attendance.put({ ...marks[1]!, status: 'excused' });
    await laptop.engine.push();
    await tablet.engine.push();
    await laptop.engine.local.replicate.to(server);
    await tablet.engine.local.replicate.to(server);
    const [register] = await registers(server, laptop);
    const conflicted = await server.get(register!.doc._id, { conflicts: true });
    expect(conflicted._conflicts).toHaveLength(1);

    await tablet.engine.syncNow();
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    const expected = { [anna.id]: 'late', [olena.id]: 'excused', [marta.id]: 'present' };
    for (const device of [laptop, tablet])
      expect(await statusesOf(device, meetingId)).toEqual(expected);
    const resolved = await server.get(register!.doc._id, { conflicts: true });
    expect(resolved._conflicts ?? []).toEqual([]);
    const [merged] = await registers(server, laptop);
    expect(merged!.marks).toHaveLength(3);
  });

  it('refuse a damaged mark inside a register alone, once, and apply the others', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const people = [aParticipant(), aParticipant(), aParticipant()];
    const { meetingId } = await aMeeting(laptop, people);
    await laptop.engine.syncNow();
    const [register] = await registers(server, laptop);
    // Someone holding the sync key (not the mark's sealing key) alters one mark's sealed bytes.
    expect(register!.marks.every((m) => isSlimMark(m))).toBe(true);
    const marks = register!.marks.map((m, i) => {
      if (i !== 0) return m;
      const w = new Uint8Array(m.w as Uint8Array);
      w[w.length - 1]! ^= 1;
      return { ...m, w };
    });
    const forged = await encodeRegister(await keysOf(laptop), meetingId, marks);
    await server.bulkDocs([{ ...forged, _rev: register!.doc._rev }]);

    expect((await tablet.engine.syncNow()).refused).toEqual({ damaged: 1 });
    const opened = await tablet.t.repos.attendance.listWhere('meetingId', meetingId);
    expect(opened.items).toHaveLength(2);
    expect(opened.items.map((m) => m.id).sort()).toEqual(
      register!.marks
        .slice(1)
        .map((m) => m.id)
        .sort(),
    );
    expect((await tablet.engine.syncNow()).refused).toEqual({});
  });

  it('refuse a mark cut from one meeting’s register and pasted into another, alone, and keep the meetings as they were', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const [anna, olena, marta] = [aParticipant(), aParticipant(), aParticipant()];
    const one = await aMeeting(laptop, [anna, olena]);
    const two = await aMeeting(laptop, [marta]);
    await laptop.engine.syncNow();
    const regs = await registers(server, laptop);
    const first = regs.find((r) => r.meetingId === one.meetingId)!;
    const second = regs.find((r) => r.meetingId === two.meetingId)!;
    expect(first.doc.v).toBe(REGISTER_FORMAT);
    // Someone holding the sync key moves Anna's mark into the second meeting's register
    // (and leaves the first without it): its sealed part is not touched.
    const annas = first.marks.find((m) => m.id === one.marks[0]!.id)!;
    expect(isSlimMark(annas)).toBe(true);
    const keys = await keysOf(laptop);
    const pasted = await encodeRegister(keys, two.meetingId, [
      ...second.marks,
      { ...annas, meetingId: two.meetingId },
    ]);
    const cut = await encodeRegister(
      keys,
      one.meetingId,
      first.marks.filter((m) => m !== annas),
    );
    await server.bulkDocs([
      { ...pasted, _rev: second.doc._rev },
      { ...cut, _rev: first.doc._rev },
    ]);

    expect((await tablet.engine.syncNow()).refused).toEqual({ damaged: 1 });
    expect(await statusesOf(tablet, two.meetingId)).toEqual({ [marta.id]: 'present' });
    expect(await statusesOf(tablet, one.meetingId)).toEqual({ [olena.id]: 'present' });
    // The laptop holds that copy of the mark already (marks are judged by their own stamp):
    // it is not applied again, and Anna's mark stays in its own meeting there.
    await laptop.engine.syncNow();
    expect(await statusesOf(laptop, one.meetingId)).toEqual({
      [anna.id]: 'present',
      [olena.id]: 'present',
    });
    expect(await statusesOf(laptop, two.meetingId)).toEqual({ [marta.id]: 'present' });
    // Reported once.
    expect((await tablet.engine.syncNow()).refused).toEqual({});
  });

  it('still read registers of format 3, whose marks are as sealed at rest', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const [anna, olena] = [aParticipant(), aParticipant()];
    const { meetingId } = await aMeeting(laptop, [anna, olena]);
    await laptop.engine.syncNow();
    const [register] = await registers(server, laptop);
    // The register as a device of format 3 wrote it: the marks as the laptop holds them at rest.
    const atRest = (await laptop.t.db.registers.get(meetingId))!.marks as unknown as SyncRecord[];
    const old = await encodeRegister(await keysOf(laptop), meetingId, atRest, FULL_REGISTER_FORMAT);
    await server.bulkDocs([{ ...old, _rev: register!.doc._rev }]);
    const [onServer] = await registers(server, laptop);
    expect(onServer!.doc.v).toBe(FULL_REGISTER_FORMAT);
    expect(onServer!.marks.some((m) => isSlimMark(m))).toBe(false);

    expect((await tablet.engine.syncNow()).refused).toEqual({});
    expect(await statusesOf(tablet, meetingId)).toEqual({
      [anna.id]: 'present',
      [olena.id]: 'present',
    });
    // Exactly the bytes the laptop sealed: nothing was sealed again on the way.
    expect((await tablet.t.db.registers.get(meetingId))!.marks.map((m) => m.sealed)).toEqual(
      atRest.map((m) => m.sealed),
    );
    // The tablet's next change of the meeting writes it in format 4.
    await tablet.t.repos.attendance.put({
      ...(await tablet.t.repos.attendance.listWhere('meetingId', meetingId)).items[0]!,
      status: 'late',
    });
    await tablet.engine.syncNow();
    const [now] = await registers(server, laptop);
    expect(now!.doc.v).toBe(REGISTER_FORMAT);
    expect(now!.marks.every((m) => isSlimMark(m))).toBe(true);
    await laptop.engine.syncNow();
    expect(Object.values(await statusesOf(laptop, meetingId)).sort()).toEqual(['late', 'present']);
  });

  it('refuse an older register replayed by the server per mark, and keep the newer marks', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const [anna, olena] = [aParticipant(), aParticipant()];
    const { meetingId, marks } = await aMeeting(laptop, [anna, olena]);
    await laptop.engine.syncNow();
    const [first] = await registers(server, laptop);
    await laptop.t.repos.attendance.put({ ...marks[0]!, status: 'absent' });
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    // The server sends the first register's body again as the newest revision.
    const now = await server.get(first!.doc._id);
    await server.bulkDocs([{ ...now, c: first!.doc.c }]);

    // Only the mark that was changed since is older; the other is as it was.
    expect((await tablet.engine.syncNow()).refused).toEqual({ older: 1 });
    const statuses = Object.values(await statusesOf(tablet, meetingId)).sort();
    expect(statuses).toEqual(['absent', 'present']);
    // The tablet put its newer register back: a new device would get the newer marks.
    const [healed] = await registers(server, laptop);
    const byId = new Map(healed!.marks.map((m) => [m.id, m]));
    expect(byId.get(marks[0]!.id)?.version).toBeGreaterThan(
      first!.marks.find((m) => m.id === marks[0]!.id)!.version as number,
    );
  });

  it('lose an erased person’s marks from every register on the server, and keep the others’', async () => {
    const { server, laptop, tablet, staffId } = await twoDevices();
    const [marta, olena] = [aParticipant(), aParticipant()];
    const one = await aMeeting(laptop, [marta, olena]);
    const two = await aMeeting(laptop, [marta, olena]);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    const martasMarks = new Set(
      [...one.marks, ...two.marks].filter((m) => m.participantId === marta.id).map((m) => m.id),
    );
    expect(martasMarks.size).toBe(2);
    // Her marks as the server holds them: the person's id in them is a blind value.
    const martasBlind = new Set(
      (await registers(server, laptop))
        .flatMap((r) => r.marks)
        .filter((m) => martasMarks.has(m.id))
        .map((m) => m.participantId),
    );
    expect(martasBlind.size).toBe(1);

    await erasureStore(laptop.t.db, laptop.t.repos).erase(marta.id, staffId);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();

    for (const replica of [server, laptop.engine.local, tablet.engine.local]) {
      const left = await registers(replica, laptop);
      expect(left).toHaveLength(2);
      for (const r of left) {
        // Olena's mark is there; no opened mark is Marta's, by id or by (blind) person.
        expect(r.marks).toHaveLength(1);
        for (const m of r.marks) {
          expect(martasMarks.has(m.id)).toBe(false);
          expect(martasBlind.has(m.participantId)).toBe(false);
        }
      }
      expect(JSON.stringify(await allDocs(replica))).not.toContain(marta.id);
    }
    for (const meeting of [one, two])
      expect(Object.keys(await statusesOf(tablet, meeting.meetingId))).toEqual([olena.id]);
  });
  it('keep a register’s marks’ stamps in one entry, and send nothing back after a pull', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const { meetingId, marks } = await aMeeting(laptop, [aParticipant(), aParticipant()]);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    expect(Object.keys(await statusesOf(tablet, meetingId))).toHaveLength(2);
    // One entry for the register, none per mark (a first pull wrote two per mark before).
    const keys = await keysOf(tablet);
    const meta = new Set((await tablet.t.db.meta.toCollection().primaryKeys()).map(String));
    expect([...meta].filter((k) => k.startsWith('sync:marks:'))).toHaveLength(1);
    for (const m of marks)
      expect(meta.has(`sync:doc:${await docId(keys, 'attendance', m.id)}`)).toBe(false);
    // The tablet knows it holds the marks as they are: nothing waits, nothing is re-packed.
    const [before] = await registers(server, laptop);
    expect(await tablet.engine.waiting()).toBe(0);
    await tablet.engine.syncNow();
    const [after] = await registers(server, laptop);
    expect(after!.doc._rev).toBe(before!.doc._rev);
  });

  it('read the marks’ stamps a build before kept one by one (nothing pushed again)', async () => {
    const { server, secret, laptop, tablet } = await twoDevices();
    const { meetingId, marks } = await aMeeting(laptop, [aParticipant(), aParticipant()]);
    await laptop.engine.syncNow();
    // As a build before left it: a stamp per mark under the mark's own document id.
    const keys = await keysOf(laptop);
    const db = laptop.t.db;
    const held = (await db.registers.get(meetingId))!.marks;
    await db.meta.where('key').startsWith('sync:marks:').delete();
    await db.meta.delete('sync:mark-stamps');
    for (const m of held)
      await db.meta.put({
        key: `sync:doc:${await docId(keys, 'attendance', m.id)}`,
        value: rowStamp(m as unknown as Record<string, unknown>),
      });
    const upgraded = deviceOn(server, laptop.t, secret, laptop.engine.local);
    expect(await upgraded.engine.waiting()).toBe(0);
    // And an edit made elsewhere still arrives.
    await tablet.engine.syncNow();
    await tablet.t.repos.attendance.put({ ...marks[0]!, status: 'late' });
    await tablet.engine.syncNow();
    await upgraded.engine.syncNow();
    expect((await statusesOf(laptop, meetingId))[marks[0]!.participantId]).toBe('late');
  });
  it('refuse a bit-flipped newer mark on a device whose register entry holds the mark, and change nothing', async () => {
    const { server, laptop, tablet } = await twoDevices();
    const people = [aParticipant(), aParticipant()];
    const { meetingId } = await aMeeting(laptop, people);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    const before = await statusesOf(tablet, meetingId);
    expect(Object.values(before)).toEqual(['present', 'present']);
    const [register] = await registers(server, laptop);
    // Someone holding the sync key raises one mark's version and time (to look newer than
    // the tablet's copy) and flips a bit of its sealed part; the other keeps its stamps but
    // has its sealed part flipped too (a copy the tablet's entry says it holds as it is).
    const marks = register!.marks.map((m, i) => {
      const w = new Uint8Array(m.w as Uint8Array);
      w[w.length - 1]! ^= 1;
      return i === 0
        ? { ...m, w, version: Number(m.version) + 1, updatedAt: Number(m.updatedAt) + 1000 }
        : { ...m, w };
    });
    const forged = await encodeRegister(await keysOf(laptop), meetingId, marks);
    await server.bulkDocs([{ ...forged, _rev: register!.doc._rev }]);

    expect((await tablet.engine.syncNow()).refused).toEqual({ damaged: 1 });
    expect(await statusesOf(tablet, meetingId)).toEqual(before);
    const held = await tablet.t.repos.attendance.listWhere('meetingId', meetingId);
    expect(held.damaged).toEqual([]);
    const row = await tablet.t.db.registers.get(meetingId);
    expect(row!.marks.map((m) => m.version)).toEqual([1, 1]);
    expect((await tablet.engine.syncNow()).refused).toEqual({});
  });
});
