// @vitest-environment node
/**
 * What sync documents cost on the server, and what their sizes tell it
 * (codec.ts). Rows of the benchmark organisation (tests/bench/sync-data.ts,
 * 1/50 of it), sealed as the app seals them, read by the outbox as a push
 * would read them and encoded: the JSON of each document, with a revision
 * as CouchDB writes it, against the JSON of the plain rows — the measure of
 * `npm run bench -- --only=sync` (docs/sync-bench.md), without the browser
 * and the server. Prints the numbers; `SYNC_SIZE_SCALE=0.2` measures more rows.
 */
import { describe, expect, it } from 'vitest';
import { teamSyncKeys, type SyncKeys } from '../crypto/sync-cipher';
import { readOutbox, type OutRow } from '../db/sync/outbox';
import { syncBenchData } from '../../tests/bench/sync-data';
import { formatOneDoc } from '../testing/sync-format-one';
import { makeTestVault, setUpOrganisation, type TestVault } from '../testing/vault-fixture';
import { encodeRegister, encodeRow, FULL_REGISTER_FORMAT, MIN_BUCKET, type SyncDoc } from './codec';
import { slimMark } from './wire-marks';

const SCALE = Number(process.env.SYNC_SIZE_SCALE ?? 0.02);
const BENCH_TABLES = ['participants', 'attendance', 'notes'];
const REV = `1-${'0'.repeat(32)}`;
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
const docBytes = (doc: SyncDoc) => bytes({ ...doc, _rev: REV });
/** The padded body's size: the ciphertext less iv and tag. */
const bodySize = (doc: SyncDoc) => atob(doc.c).length - 28;

async function benchOrganisation(): Promise<{ t: TestVault; keys: SyncKeys; rawJson: number }> {
  const t = makeTestVault();
  const { staffId } = await setUpOrganisation(t);
  const plain = syncBenchData(
    {
      participants: Math.round(5_000 * SCALE),
      attendance: Math.round(60_000 * SCALE),
      notes: Math.round(20_000 * SCALE),
    },
    staffId,
  );
  await t.repos.participants.bulkPut(plain.participants);
  await t.repos.attendance.bulkPut(plain.attendance);
  await t.repos.notes.bulkPut(plain.notes);
  return { t, keys: await teamSyncKeys(t.vault.dataKey), rawJson: bytes(plain) };
}

type Encode = (keys: SyncKeys, table: string, record: OutRow['record']) => Promise<SyncDoc>;

/**
 * The documents a push writes for these rows: with `registers`, a meeting's
 * marks as one register document, as the engine writes them — format 4 (each
 * mark slim, wire-marks.ts) given the vault to open them with, else format 3.
 */
async function measure(
  rows: readonly OutRow[],
  keys: SyncKeys,
  encode: Encode,
  registers = false,
  t?: TestVault,
) {
  let stored = 0;
  let docs = 0;
  const sizes: Record<string, Record<number, number>> = {};
  const add = (table: string, doc: SyncDoc) => {
    stored += docBytes(doc);
    docs++;
    const of = (sizes[table] ??= {});
    of[bodySize(doc)] = (of[bodySize(doc)] ?? 0) + 1;
  };
  const meetings = new Map<string, OutRow['record'][]>();
  for (const row of rows.filter((r) => BENCH_TABLES.includes(r.table))) {
    if (registers && row.table === 'attendance') {
      const meetingId = String(row.record.meetingId);
      meetings.set(meetingId, [...(meetings.get(meetingId) ?? []), row.record]);
      continue;
    }
    add(row.table, await encode(keys, row.table, row.record));
  }
  for (const [meetingId, marks] of meetings)
    add(
      'registers',
      t
        ? await encodeRegister(
            keys,
            meetingId,
            await Promise.all(marks.map((m) => slimMark(t.vault, meetingId, m))),
          )
        : await encodeRegister(keys, meetingId, marks, FULL_REGISTER_FORMAT),
    );
  return { stored, sizes, docs };
}

describe('sync document sizes', () => {
  it('stores the benchmark organisation in at most 2.5× its raw JSON with slim registers (format 3: 3×, format 2 alone: 4×, format 1: 7×)', async () => {
    const { t, keys, rawJson } = await benchOrganisation();
    const { rows } = await readOutbox(t.db);
    const now = await measure(rows, keys, encodeRow, true, t);
    const formatThree = await measure(rows, keys, encodeRow, true);
    const formatTwo = await measure(rows, keys, encodeRow);
    const before = await measure(rows, keys, formatOneDoc);
    const ratio = now.stored / rawJson;
    const ratioThree = formatThree.stored / rawJson;
    const ratioTwo = formatTwo.stored / rawJson;
    const ratioBefore = before.stored / rawJson;
    // Numbers only (no row's content): the fast loop of docs/sync-bench.md.
    process.stdout.write(
      `sync docs of ${rows.length} rows: registers (format 4) ${ratio.toFixed(2)}× the raw JSON in ${now.docs} docs, ` +
        `format 3 ${ratioThree.toFixed(2)}×, ` +
        `format 2 ${ratioTwo.toFixed(2)}× in ${formatTwo.docs}, format 1 ${ratioBefore.toFixed(2)}×\n` +
        `  body sizes, with registers: ${JSON.stringify(now.sizes)}\n` +
        `  body sizes, format 3: ${JSON.stringify(formatThree.sizes)}\n` +
        `  body sizes, format 2: ${JSON.stringify(formatTwo.sizes)}\n` +
        `  body sizes, format 1: ${JSON.stringify(before.sizes)}\n`,
    );
    // What the remaining lever of docs/sync-bench.md would add (an estimate, printed only):
    // (3) the body as a binary attachment (no base64; ~90 B of attachment stub in the JSON).
    const attached = (doc: SyncDoc) => docBytes({ ...doc, c: '' }) + atob(doc.c).length + 90;
    let asAttachments = 0;
    for (const row of rows.filter(
      (r) => BENCH_TABLES.includes(r.table) && r.table !== 'attendance',
    ))
      asAttachments += attached(await encodeRow(keys, row.table, row.record));
    const byMeeting = new Map<string, OutRow['record'][]>();
    for (const row of rows.filter((r) => r.table === 'attendance'))
      byMeeting.set(String(row.record.meetingId), [
        ...(byMeeting.get(String(row.record.meetingId)) ?? []),
        row.record,
      ]);
    for (const [meetingId, marks] of byMeeting)
      asAttachments += attached(
        await encodeRegister(
          keys,
          meetingId,
          await Promise.all(marks.map((m) => slimMark(t.vault, meetingId, m))),
        ),
      );
    process.stdout.write(
      `  estimate: (3) format 4 with attachments ${(asAttachments / rawJson).toFixed(2)}×\n`,
    );
    expect(ratioBefore).toBeGreaterThan(6.5);
    expect(ratioTwo).toBeGreaterThan(3.9);
    expect(ratioThree).toBeGreaterThan(2.8);
    expect(ratioThree).toBeLessThan(3.2);
    // Issue #16: server storage at most 2.5× the raw JSON.
    expect(ratio).toBeLessThan(2.5);
    // 12 marks a meeting: one document each, instead of twelve.
    const meetings = Math.ceil((60_000 * SCALE) / 12);
    expect(now.docs).toBe(formatTwo.docs - Math.round(60_000 * SCALE) + meetings);
    // The server cannot tell a participant from a mark, nor one name's length from another's.
    expect(formatTwo.sizes.participants).toEqual({ [MIN_BUCKET]: Math.round(5_000 * SCALE) });
    expect(formatTwo.sizes.attendance).toEqual({ [MIN_BUCKET]: Math.round(60_000 * SCALE) });
    // Every register of 12 marks is one size: what the server learns is "about 12 marks".
    expect(Object.keys(now.sizes.registers!)).toHaveLength(1);
    // Notes of two sentences are larger; their texts differ by a few characters, their sizes do not.
    expect(Object.keys(now.sizes.notes!).map(Number).sort()).toEqual([512, 576]);
  });

  it('gives a mark with a time and a reason, a participant with a long name, a short note and a tombstone the same size', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const keys = await teamSyncKeys(t.vault.dataKey);
    const person = {
      id: crypto.randomUUID(),
      code: 'L25-107',
      // 80 characters, the most a chosen name may have, two bytes each in UTF-8.
      chosenName: 'Олександра'.repeat(8),
      gender: 'girl' as const,
      birthYear: 2010,
      languages: ['uk', 'ru', 'lv'],
      createdAt: new Date().toISOString(),
    };
    const meetingId = crypto.randomUUID();
    await t.repos.participants.put(person);
    await t.repos.attendance.put({
      id: crypto.randomUUID(),
      meetingId,
      participantId: person.id,
      status: 'excused',
      reason: 'Was ill; her aunt called to say so before the meeting.',
      travel: true,
      meal: false,
    });
    await t.repos.notes.put({
      id: crypto.randomUUID(),
      meetingId,
      mood: 4,
      tags: [],
      text: 'A calm meeting; everyone took part.',
      authorId: staffId,
      updatedAt: new Date().toISOString(),
    });
    const sizes = new Map<string, number>();
    const encodeAll = async (rows: readonly OutRow[]) => {
      for (const row of rows)
        sizes.set(row.table, bodySize(await encodeRow(keys, row.table, row.record)));
    };
    await encodeAll((await readOutbox(t.db)).rows);
    // Deleted: a tombstone goes out.
    await t.repos.participants.delete(person.id);
    await encodeAll((await readOutbox(t.db)).rows.filter((r) => r.table === 'tombstones'));
    expect(Object.fromEntries(sizes)).toMatchObject({
      participants: MIN_BUCKET,
      attendance: MIN_BUCKET,
      notes: MIN_BUCKET,
      tombstones: MIN_BUCKET,
    });
  });
});
