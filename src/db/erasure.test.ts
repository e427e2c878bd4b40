// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import {
  crbaRecordId,
  legacyMeasureRecordId,
  measureRecordId,
  personalDraftId,
} from '../crypto/record-ids';
import { emptyCrba } from '../domain/reports/crba';
import { auditEntry } from '../domain/audit';
import type { Meeting } from '../domain/meeting';
import { aCohort, aParticipant } from '../testing/factories';
import {
  dumpDatabase,
  makeTestVault,
  setUpOrganisation,
  type TestVault,
} from '../testing/vault-fixture';
import { erasureStore } from './erasure';
import { PARTICIPANT_ORDER_KEY } from './participant-order';
import type { SealedRow } from './schema';
import { tombstoneIdFor } from './tombstones';

/** A sealed row for a table this test does not need the full shape of. */
async function sealedRow(t: TestVault, table: string, fields: Record<string, string>) {
  const id = crypto.randomUUID();
  const sealed = await t.vault.seal(table, id, {
    id,
    ...fields,
    text: `about ${fields.participantId}`,
  });
  return { id, ...fields, sealed, updatedAt: Date.now() } as SealedRow & Record<string, string>;
}

/** Every row and every opened payload, as text, for "mentions nobody" checks. */
async function everything(t: TestVault): Promise<string[]> {
  const out: string[] = [];
  for (const table of t.db.tables) {
    if (table.name === 'tombstones') continue;
    const rows = (await table.toArray()) as Record<string, unknown>[];
    // Attendance marks are rows inside each meeting's register.
    const sealedRows =
      table.name === 'registers' ? rows.flatMap((r) => r.marks as Record<string, unknown>[]) : rows;
    const name = table.name === 'registers' ? 'attendance' : table.name;
    for (const row of sealedRows) {
      const { sealed, ...plain } = row;
      out.push(`${name}: ${JSON.stringify(plain)}`);
      // An audit line emptied by the erasure keeps only its place in the chain.
      if (sealed instanceof Uint8Array && !row.redacted)
        out.push(
          `${name}: ${JSON.stringify(await t.vault.unseal(name, row.id as string, sealed, row.version as number | undefined))}`,
        );
    }
  }
  return out;
}

describe('erasing a participant', () => {
  it('leaves no row that references them, keeps everyone else, and records only that an erasure happened', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const alise = aParticipant({ code: 'L26-01', chosenName: 'Alise' });
    const beate = aParticipant({ code: 'L26-02', chosenName: 'Beāte' });
    const cohort = aCohort('Lotus', { participantIds: [alise.id, beate.id] });
    const meeting: Meeting = {
      id: crypto.randomUUID(),
      cohortId: cohort.id,
      number: 1,
      planId: 'lotus-w01',
      date: cohort.firstDate,
      startTime: '16:00',
      durationMinutes: 90,
      status: 'held',
    };
    await t.repos.participants.bulkPut([alise, beate]);
    await t.repos.cohorts.put(cohort);
    await t.repos.meetings.put(meeting);
    await t.repos.notes.put({
      id: crypto.randomUUID(),
      meetingId: meeting.id,
      tags: [],
      text: 'A calm meeting.',
      authorId: staffId,
      updatedAt: new Date().toISOString(),
      observations: { [alise.id]: 'Alise spoke first.', [beate.id]: 'Beāte laughed a lot.' },
    });
    for (const person of [alise, beate]) {
      for (const table of [
        'referrals',
        'screenings',
        'plans',
        'followUps',
        'supportPathways',
      ] as const)
        await t.db.table(table).put(await sealedRow(t, table, { participantId: person.id }));
      await t.db.table('enrolments').put(
        await sealedRow(t, 'enrolments', {
          participantId: person.id,
          cohortId: cohort.id,
          status: 'enrolled',
        }),
      );
      await t.db
        .table('concerns')
        .put(await sealedRow(t, 'concerns', { participantId: person.id, meetingId: meeting.id }));
      await t.repos.measureResponses.put({
        id: await measureRecordId(t.vault, cohort.id, person.id, 'before'),
        scale: 'rses',
        cohortId: cohort.id,
        participantId: person.id,
        phase: 'before',
        answers: Array<number>(10).fill(1),
        takenOn: '2026-03-02',
      });
      await t.repos.attendance.put({
        id: crypto.randomUUID(),
        meetingId: meeting.id,
        participantId: person.id,
        status: 'present',
      });
      await t.repos.drafts.put({
        id: `screening:${person.id}`,
        value: { note: 'half done' },
        savedAt: new Date().toISOString(),
      });
      await t.repos.audit.put(
        auditEntry({
          actorId: staffId,
          action: 'enrolled',
          subject: { table: 'participants', id: person.id },
        }),
      );
    }

    // Someone's unsent concern from that meeting: sealed for its writer alone,
    // so nobody can check whom it is about; it goes with the erasure.
    const unsent = personalDraftId(crypto.randomUUID(), `concern:${meeting.id}`);
    await t.db.drafts.put({ id: unsent, sealed: new Uint8Array(48), updatedAt: Date.now() });

    // The Participants list's kept first ids (sealed, so `everything` cannot look inside).
    await t.repos.participantOrder.save([
      [alise.id, cohort.id],
      [beate.id, cohort.id],
    ]);
    expect(await t.repos.participantOrder.read()).toHaveLength(2);

    const counts = await erasureStore(t.db, t.repos).erase(alise.id, staffId);

    expect(counts).toMatchObject({
      participants: 1,
      referrals: 1,
      screenings: 1,
      enrolments: 1,
      attendance: 1,
      concerns: 1,
      followUps: 1,
      plans: 1,
      measureResponses: 1,
      drafts: 2,
    });
    expect(await t.db.drafts.get(unsent)).toBeUndefined();
    // The kept order goes too; the next full read of the list rebuilds it without her.
    expect(await t.db.meta.get(PARTICIPANT_ORDER_KEY)).toBeUndefined();
    const rows = await everything(t);
    const mentions = rows.filter((r) => r.includes(alise.id) || r.includes('Alise'));
    // Only the erasure record itself names the (now meaningless) id.
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatch(/^audit: .*"participant-erased"/);
    // Alise's own audit line is emptied in place, so the log still checks as intact.
    expect(await t.repos.audit.verify()).toMatchObject({ intact: true, redacted: 1 });
    // Beāte keeps everything.
    expect(rows.filter((r) => r.includes(beate.id)).length).toBeGreaterThanOrEqual(12);
    expect((await t.repos.cohorts.get(cohort.id))?.participantIds).toEqual([beate.id]);
    const note = (await t.repos.notes.list()).items[0]!;
    expect(note.observations).toEqual({ [beate.id]: 'Beāte laughed a lot.' });
    expect(note.text).toBe('A calm meeting.');
    // Tombstones carry the deletion to other devices on the next merge.
    expect(
      await t.db.tombstones.get(await tombstoneIdFor(t.vault, 'participants', alise.id)),
    ).toBeDefined();
  });

  it('deletes a group’s records and erases the people who were in no other group', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const onlyHere = aParticipant({ code: 'L26-03', chosenName: 'Dace' });
    const alsoElsewhere = aParticipant({ code: 'L26-04', chosenName: 'Elza' });
    const old = aCohort('Autumn 2025', {
      status: 'finished',
      participantIds: [onlyHere.id, alsoElsewhere.id],
    });
    const current = aCohort('Spring 2026', { participantIds: [alsoElsewhere.id] });
    const meeting: Meeting = {
      id: crypto.randomUUID(),
      cohortId: old.id,
      number: 1,
      planId: 'lotus-w01',
      date: '2025-11-20',
      startTime: '16:00',
      durationMinutes: 90,
      status: 'held',
    };
    await t.repos.participants.bulkPut([onlyHere, alsoElsewhere]);
    await t.repos.cohorts.bulkPut([old, current]);
    await t.repos.meetings.put(meeting);
    for (const person of [onlyHere, alsoElsewhere]) {
      await t.repos.attendance.put({
        id: crypto.randomUUID(),
        meetingId: meeting.id,
        participantId: person.id,
        status: 'present',
      });
      await t.repos.measureResponses.put({
        id: await measureRecordId(t.vault, old.id, person.id, 'after'),
        scale: 'rses',
        cohortId: old.id,
        participantId: person.id,
        phase: 'after',
        answers: Array<number>(10).fill(2),
        takenOn: '2025-12-20',
      });
    }
    for (const cohort of [old, current])
      await t.repos.crbaAssessments.put({
        ...emptyCrba(cohort.id, staffId),
        id: crbaRecordId(cohort.id),
      });

    expect(await erasureStore(t.db, t.repos).eraseCohort(old.id, staffId)).toEqual({
      participants: 1,
    });
    expect(await t.db.cohorts.count()).toBe(1);
    expect(await t.db.meetings.count()).toBe(0);
    expect(await t.db.registers.count()).toBe(0);
    expect(await t.db.measureResponses.count()).toBe(0);
    expect(await t.db.crbaAssessments.toCollection().primaryKeys()).toEqual([
      crbaRecordId(current.id),
    ]);
    expect(
      await t.db.tombstones.get(
        await tombstoneIdFor(t.vault, 'crbaAssessments', crbaRecordId(old.id)),
      ),
    ).toBeDefined();
    expect((await t.repos.participants.list()).items.map((p) => p.chosenName)).toEqual(['Elza']);
  });

  it('leaves tombstones that name nobody: no id from a participant id, no shared deletion time', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const anna = aParticipant({ code: 'L26-05', chosenName: 'Anna' });
    const cohort = aCohort('Lotus', { participantIds: [anna.id] });
    const meetingId = crypto.randomUUID();
    const markId = crypto.randomUUID();
    await t.repos.participants.put(anna);
    await t.repos.cohorts.put(cohort);
    await t.repos.attendance.put({
      id: markId,
      meetingId,
      participantId: anna.id,
      status: 'present',
    });
    await t.repos.measureResponses.put({
      id: await measureRecordId(t.vault, cohort.id, anna.id, 'before'),
      scale: 'rses',
      cohortId: cohort.id,
      participantId: anna.id,
      phase: 'before',
      answers: Array<number>(10).fill(1),
      takenOn: '2026-03-02',
    });
    for (const table of ['followUps', 'referrals', 'screenings'] as const)
      await t.db.table(table).put(await sealedRow(t, table, { participantId: anna.id }));

    await erasureStore(t.db, t.repos).erase(anna.id, staffId);

    const tombstones = await t.db.tombstones.toArray();
    expect(tombstones.length).toBeGreaterThanOrEqual(6);
    const oldIds = [
      `participants/${anna.id}`,
      `attendance/${markId}`,
      `measureResponses/${legacyMeasureRecordId(cohort.id, anna.id, 'before')}`,
    ];
    for (const tomb of tombstones) {
      expect(oldIds).not.toContain(tomb.id);
      expect(JSON.stringify(tomb)).not.toContain(anna.id);
      expect(JSON.stringify(tomb)).not.toContain(markId);
    }
    // One erasure's tombstones do not share one exact time that ties them together.
    expect(new Set(tombstones.map((tomb) => tomb.deletedAt)).size).toBeGreaterThan(1);
  });

  it('deletes a group in one transaction: when a write fails, nothing is deleted, not even its members', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const dace = aParticipant({ code: 'L26-06', chosenName: 'Dace' });
    const group = aCohort('Autumn 2025', { status: 'finished', participantIds: [dace.id] });
    await t.repos.participants.put(dace);
    await t.repos.cohorts.put(group);
    await t.repos.measureResponses.put({
      id: await measureRecordId(t.vault, group.id, dace.id, 'after'),
      scale: 'rses',
      cohortId: group.id,
      participantId: dace.id,
      phase: 'after',
      answers: Array<number>(10).fill(2),
      takenOn: '2025-12-20',
    });
    await t.repos.crbaAssessments.put({
      ...emptyCrba(group.id, staffId),
      id: crbaRecordId(group.id),
    });
    const before = await dumpDatabase(t.db);

    // The CRBA delete, written after the members' erasure and the measures, fails.
    vi.spyOn(t.db.table('crbaAssessments'), 'bulkDelete').mockRejectedValueOnce(
      new Error('disk full'),
    );
    await expect(erasureStore(t.db, t.repos).eraseCohort(group.id, staffId)).rejects.toThrow();

    expect(await dumpDatabase(t.db)).toEqual(before);
    expect(await t.db.participants.get(dace.id)).toBeDefined();
    expect(await t.db.measureResponses.count()).toBe(1);
  });
});
