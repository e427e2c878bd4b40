// @vitest-environment node
/**
 * Re-seal benchmark, in Node (fake-indexeddb, Node's WebCrypto), printed, not
 * asserted: a tenth of the benchmark organisation (500 participants, 6,000
 * attendance marks, 2,000 notes; the full one is 5,000 / 60,000 / 20,000),
 * sealed under the team key, the team key rotated, then every team row
 * re-sealed under the new generation by the after-unlock job
 * (db/row-upgrade.ts `resealOlderGenerations`) in its default batches.
 * Baseline in the same run: sealing the same rows in the first place.
 *
 *   npx vitest run -c tests/bench/vitest.reseal.config.ts   (not part of `npm test`)
 */
import { it } from 'vitest';
import { attendanceStatuses, type Attendance, type MeetingNote } from '../../src/domain/meeting';
import type { Participant } from '../../src/domain/participant';
import { resealOlderGenerations } from '../../src/db/row-upgrade';
import { sealedGeneration } from '../../src/crypto/seal';
import { deactivate, teamOnOneDevice } from '../../src/testing/rotation';
import { TEST_PASSPHRASE } from '../../src/testing/vault-fixture';

const SCALE = Number(process.env.RESEAL_SCALE ?? 0.1);
const pick = <T>(items: readonly T[], i: number): T => items[i % items.length]!;

it(
  'times re-sealing a tenth of the benchmark organisation',
  async () => {
    const size = {
      participants: Math.round(5_000 * SCALE),
      attendance: Math.round(60_000 * SCALE),
      notes: Math.round(20_000 * SCALE),
    };
    const { t, leaving } = await teamOnOneDevice();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const createdAt = new Date().toISOString();
    const participants: Participant[] = Array.from({ length: size.participants }, (_, i) => ({
      id: crypto.randomUUID(),
      code: `L25-${String(i % 1000).padStart(3, '0')}`,
      chosenName: `Anna ${String.fromCharCode(65 + (i % 26))}.`,
      gender: pick(['girl', 'boy', 'other', 'unspecified'] as const, i),
      birthYear: 2005 + (i % 10),
      languages: ['lv'],
      createdAt,
    }));
    const meetings = Array.from({ length: Math.ceil(size.attendance / 12) }, () =>
      crypto.randomUUID(),
    );
    const attendance: Attendance[] = Array.from({ length: size.attendance }, (_, i) => ({
      id: crypto.randomUUID(),
      meetingId: pick(meetings, Math.floor(i / 12)),
      participantId: pick(participants, i * 7 + Math.floor(i / 12)).id,
      status: pick(attendanceStatuses, i),
    }));
    const notes: MeetingNote[] = Array.from({ length: size.notes }, (_, i) => ({
      id: crypto.randomUUID(),
      meetingId: pick(meetings, i),
      mood: 1 + (i % 5),
      tags: [],
      text: 'The group was calm and everyone took part in the check-in.',
      authorId: t.vault.session!.staffId,
      updatedAt: createdAt,
    }));
    const t0 = performance.now();
    await t.repos.participants.bulkPut(participants);
    await t.repos.attendance.bulkPut(attendance);
    await t.repos.notes.bulkPut(notes);
    const sealing = performance.now() - t0;

    await deactivate(t, leaving.id);
    const t1 = performance.now();
    let batches = 0;
    const summary = await resealOlderGenerations(t.db, t.vault, {
      pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
      onProgress: () => void batches++,
    });
    const resealing = performance.now() - t1;
    const marks = (await t.db.registers.toArray()).flatMap((r) => r.marks);
    const left = marks.filter((m) => !sealedGeneration(m.sealed)).length;
    const rows = size.participants + size.attendance + size.notes;
    process.stdout.write(
      `reseal bench (node, fake-indexeddb, scale ${SCALE}): ${rows} rows ` +
        `(${size.participants} participants, ${marks.length} marks, ${size.notes} notes); ` +
        `first sealing ${Math.round(sealing)} ms; re-seal ${Math.round(resealing)} ms ` +
        `(${summary.resealed} re-sealed, ${summary.skipped} skipped, ${batches} batches, ` +
        `${(resealing / summary.resealed).toFixed(2)} ms/row, ${(resealing / sealing).toFixed(2)}× first sealing); ` +
        `marks left on the old key: ${left}\n`,
    );
  },
  600_000,
);
