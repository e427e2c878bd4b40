// @vitest-environment node
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { isCoordinatorRecord } from '../crypto/key-classes';
import { AplisDatabase } from './schema';

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
    expect(db.verno).toBe(6);
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
