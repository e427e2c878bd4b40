// @vitest-environment node
import Dexie from 'dexie';
import { RESEAL_KEY } from './row-upgrade-marker';
import { describe, expect, it } from 'vitest';
import { isCoordinatorRecord } from '../crypto/key-classes';
import { crbaRecordId, measureRecordId, screeningDraftId } from '../crypto/record-ids';
import { emptyCrba } from '../domain/reports/crba';
import type { MeasureResponse } from '../domain/reports/measure';
import { makeTestVault, setUpOrganisation } from '../testing/vault-fixture';
import { finishedRecordsIn, upgradeBackupTables } from './migrations';
import { AplisDatabase } from './schema';
import { tombstonesFor } from './tombstones';

describe('schema version 6: individual-support plans', () => {
  it('a device on schema 5 upgrades with its rows intact and an empty plans table', async () => {
    const name = `aplis-test-v6-${crypto.randomUUID()}`;
    // Schema 5 as it shipped (versions 1–5 of AplisDatabase, without version 6).
    const old = new Dexie(name);
    old.version(5).stores({
      meta: '&key',
      keyring: '&id, holder.kind',
      organisation: '&id',
      staff: '&id, updatedAt',
      programmes: '&id, updatedAt',
      cohorts: '&id, status, programmeId, updatedAt',
      participants: '&id, updatedAt',
      meetings: '&id, cohortId, date, updatedAt',
      notes: '&id, meetingId, updatedAt',
      closures: '&id, updatedAt',
      referrals: '&id, participantId, updatedAt',
      screeningTemplates: '&id, updatedAt',
      screenings: '&id, participantId, updatedAt',
      enrolments: '&id, participantId, cohortId, status, updatedAt',
      concerns: '&id, meetingId, participantId, updatedAt',
      followUps: '&id, status, participantId, updatedAt',
      plans: '&id, participantId, updatedAt',
      feedback: '&id, meetingId, updatedAt',
      audit: '&id, at, action, updatedAt',
      drafts: '&id, updatedAt',
      tombstones: '&id, table, deletedAt',
      registers: '&id, *participantIds, updatedAt',
    });
    const screening = {
      id: 'screening-1',
      participantId: 'person-1',
      updatedAt: 5,
      sealed: new Uint8Array([1, 2, 3]),
    };
    const followUp = { ...screening, id: 'follow-up-1', status: 'open' };
    await old.table('screenings').add(screening);
    await old.table('followUps').add(followUp);
    old.close();

    const db = new AplisDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(6);
    expect(await db.screenings.toArray()).toEqual([screening]);
    expect(await db.followUps.toArray()).toEqual([followUp]);
    expect(await db.supportPathways.count()).toBe(0);
    await db.supportPathways.add({ ...screening, id: 'plan-1' });
    expect(await db.supportPathways.where('participantId').equals('person-1').count()).toBe(1);
    db.close();
    await Dexie.delete(name);
  });

  it('seals the plans as coordinators’ data', () => {
    expect(isCoordinatorRecord('supportPathways', 'plan-1')).toBe(true);
  });
});

const COHORT = crypto.randomUUID();
const PERSON = crypto.randomUUID();

describe('schema version 7: finished CRBA and measure records get their own tables', () => {
  it('moves them out of drafts with their sealed bytes, index and tombstones; other drafts stay', async () => {
    const name = `aplis-test-v7-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(6).stores({
      meta: '&key',
      keyring: '&id, holder.kind',
      drafts: '&id, updatedAt',
      tombstones: '&id, table, deletedAt',
    });
    const row = (id: string, byte: number) => ({
      id,
      updatedAt: byte,
      sealed: new Uint8Array([byte, byte, byte]),
    });
    const crba = row(crbaRecordId(COHORT), 1);
    const before = row(measureRecordId(COHORT, PERSON, 'before'), 2);
    const screening = row(screeningDraftId(PERSON), 3);
    await old.table('drafts').bulkAdd([crba, before, screening]);
    const erasedAnswer = measureRecordId(COHORT, crypto.randomUUID(), 'after');
    await old
      .table('tombstones')
      .bulkAdd(tombstonesFor('drafts', [erasedAnswer, screeningDraftId('someone')], 7));
    old.close();

    const db = new AplisDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(8);
    // v8: rows already here wait for the first unlock to re-seal them with their version.
    expect(await db.meta.get(RESEAL_KEY)).toEqual({ key: RESEAL_KEY, value: {} });
    expect(await db.drafts.toArray()).toEqual([screening]);
    expect(await db.crbaAssessments.toArray()).toEqual([
      { ...crba, cohortId: COHORT, sealedAs: 'drafts' },
    ]);
    expect(await db.measureResponses.where('participantId').equals(PERSON).toArray()).toEqual([
      { ...before, cohortId: COHORT, participantId: PERSON, sealedAs: 'drafts' },
    ]);
    // A merge of an older backup still finds the deletion under the new table.
    expect(await db.tombstones.get(`measureResponses/${erasedAnswer}`)).toMatchObject({
      table: 'measureResponses',
      rowId: erasedAnswer,
      deletedAt: 7,
    });
    expect(await db.tombstones.get(`drafts/${erasedAnswer}`)).toBeUndefined();
    expect(await db.tombstones.get(`drafts/${screeningDraftId('someone')}`)).toBeDefined();
    db.close();
    await Dexie.delete(name);
  });

  it('opens a moved record under its old seal, and re-seals it under its new table when written', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const answers: MeasureResponse = {
      scale: 'rses',
      cohortId: COHORT,
      participantId: PERSON,
      phase: 'before',
      answers: [0, 1, 2, 3, 0, 1, 2, 3, 0, 1],
      takenOn: '2026-03-02',
    };
    const id = measureRecordId(COHORT, PERSON, 'before');
    const assessment = emptyCrba(COHORT, crypto.randomUUID());
    // As the app stored them before v7: drafts, sealed as drafts.
    const legacy = await Promise.all([
      t.repos.drafts.toRow({ id, value: answers, savedAt: '2026-03-02T10:00:00.000Z' }),
      t.repos.drafts.toRow({
        id: crbaRecordId(COHORT),
        value: assessment,
        savedAt: assessment.updatedAt,
      }),
    ]);
    const moved = finishedRecordsIn(legacy);
    await t.db.measureResponses.bulkAdd(moved.measureResponses);
    await t.db.crbaAssessments.bulkAdd(moved.crbaAssessments);

    const read = await t.repos.measureResponses.listWhere('cohortId', COHORT);
    expect(read).toEqual({ items: [{ ...answers, id }], damaged: [] });
    expect(await t.repos.crbaAssessments.get(crbaRecordId(COHORT))).toEqual({
      ...assessment,
      id: crbaRecordId(COHORT),
    });

    await t.repos.measureResponses.put({ ...answers, id, answers: Array<number>(10).fill(3) });
    const stored = (await t.db.measureResponses.get(id))!;
    expect(stored.sealedAs).toBeUndefined();
    await expect(t.vault.unseal('drafts', id, stored.sealed)).rejects.toThrow();
    expect((await t.repos.measureResponses.get(id))?.answers).toEqual(Array(10).fill(3));
  });

  it('files an older backup’s finished records into the new tables too', () => {
    const bytes = new Uint8Array([9, 9, 9]);
    const id = measureRecordId(COHORT, PERSON, 'after');
    const upgraded = upgradeBackupTables({
      drafts: [
        { id, sealed: bytes, updatedAt: 5 },
        { id: screeningDraftId(PERSON), sealed: bytes, updatedAt: 6 },
      ],
      tombstones: tombstonesFor('drafts', [crbaRecordId(COHORT)], 8) as never,
    });
    expect(upgraded.drafts!.map((r) => r.id)).toEqual([screeningDraftId(PERSON)]);
    expect(upgraded.measureResponses).toEqual([
      {
        id,
        sealed: bytes,
        updatedAt: 5,
        cohortId: COHORT,
        participantId: PERSON,
        sealedAs: 'drafts',
      },
    ]);
    expect(upgraded.tombstones!.map((t) => t.id)).toEqual([
      `crbaAssessments/${crbaRecordId(COHORT)}`,
    ]);
  });

  it('keeps measure answers coordinators’ data and CRBA team data', () => {
    expect(isCoordinatorRecord('measureResponses', measureRecordId(COHORT, PERSON, 'before'))).toBe(
      true,
    );
    expect(isCoordinatorRecord('crbaAssessments', crbaRecordId(COHORT))).toBe(false);
  });
});
