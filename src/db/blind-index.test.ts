// @vitest-environment node
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { Vault } from '../crypto/vault';
import { deriveBits } from '../crypto/kdf';
import { attendanceId } from '../domain/attendance-rules';
import { emptyPlan } from '../domain/plan';
import { createDemoOrganisation } from '../features/setup/demo-data';
import { createServices, type AppServices } from '../services/services';
import { aCohort } from '../testing/factories';
import {
  makeTestVault,
  setUpOrganisation,
  TEST_PASSPHRASE,
  testKdfPolicy,
} from '../testing/vault-fixture';
import { aParticipant } from './backup/test-data';
import { blindLegacyIndexes, upgradeAfterUnlock } from './after-unlock';
import { keyringStore } from './keyring-store';
import { createRepositories } from './repositories';
import { BLIND_KEY, blindOf, markId } from './blind-index';
import { nextRowMeta, sealEnvelope } from './row-meta';
import { AplisDatabase } from './schema';

/** Every string anywhere in every record on disk, keys included: read raw, not through repositories. */
async function stringsOnDisk(db: AplisDatabase): Promise<{ table: string; text: string }[]> {
  const out: { table: string; text: string }[] = [];
  const walk = (table: string, value: unknown): void => {
    if (typeof value === 'string') out.push({ table, text: value });
    else if (Array.isArray(value)) value.forEach((v) => walk(table, v));
    else if (value && typeof value === 'object' && !(value instanceof Uint8Array))
      Object.entries(value).forEach(([k, v]) => {
        out.push({ table, text: k });
        walk(table, v);
      });
  };
  for (const table of db.tables) for (const row of await table.toArray()) walk(table.name, row);
  return out;
}

describe('blind indexes: no person id in the clear columns', () => {
  it('after a screening, concern, plan, enrolment and attendance, nothing on disk names the person or can be worked out from their id', async () => {
    const name = `aplis-test-${crypto.randomUUID()}`;
    const services: AppServices = createServices({
      dbName: name,
      policy: testKdfPolicy,
      derive: deriveBits,
    });
    await createDemoOrganisation(services, 'en', '2026-12-02');
    const { repos, vault } = services;
    const enrolled = (await repos.enrolments.list()).items;
    const marks = (await repos.attendance.list()).items;
    // Someone with a screening, an enrolment and attendance in the demo.
    const screened = new Set((await repos.screenings.list()).items.map((s) => s.participantId));
    const person = enrolled.find(
      (e) =>
        screened.has(e.participantId) && marks.some((m) => m.participantId === e.participantId),
    )!.participantId;
    const mark = marks.find((m) => m.participantId === person)!;
    await repos.plans.put(emptyPlan(person, 'lv'));
    const meeting = (await repos.meetings.get(mark.meetingId))!;
    await repos.concerns.put({
      id: crypto.randomUUID(),
      meetingId: meeting.id,
      cohortId: meeting.cohortId,
      type: 'distress',
      participantId: person,
      seenOrSaid: 'Seemed tired.',
      actionTaken: '',
      stepsDone: [],
      raisedBy: vault.session!.staffId,
      raisedAt: new Date().toISOString(),
    });

    const readable = attendanceId(mark.meetingId, person);
    const hits = (await stringsOnDisk(new AplisDatabase(name))).filter(
      (s) => s.text.includes(person) || s.text.includes(readable),
    );
    // Only the person's own record is keyed by their id.
    expect(hits).toEqual([{ table: 'participants', text: person }]);
    // Yet every kind of row is still found by person.
    const [screenings, enrolments, plans, concerns, attendance] = await Promise.all([
      repos.screenings.listWhere('participantId', person),
      repos.enrolments.listWhere('participantId', person),
      repos.plans.listWhere('participantId', person),
      repos.concerns.listWhere('participantId', person),
      repos.attendance.listWhere('participantId', person),
    ]);
    for (const found of [screenings, enrolments, plans, concerns, attendance]) {
      expect(found.items.length).toBeGreaterThan(0);
      expect(found.items.every((r) => r.participantId === person)).toBe(true);
      expect(found.damaged).toEqual([]);
    }
    expect(attendance.items.map((m) => m.id)).toContain(
      await markId(vault, mark.meetingId, person),
    );
  }, 60_000);

  it('reads a row whose blind index was swapped to another person as damaged', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const [anna, liga] = [aParticipant(), aParticipant({ chosenName: 'Līga' })];
    const plan = emptyPlan(anna.id, 'lv');
    await t.repos.plans.put(plan);
    const row = (await t.db.plans.get(plan.id))!;
    expect(row.participantId).toBe(await blindOf(t.vault, anna.id));

    await t.db.plans.put({ ...row, participantId: await blindOf(t.vault, liga.id) });

    const forLiga = await t.repos.plans.listWhere('participantId', liga.id);
    expect(forLiga.items).toEqual([]);
    expect(forLiga.damaged).toEqual([plan.id]);
    await expect(t.repos.plans.get(plan.id)).rejects.toThrow();
    // Put back as the clear id of someone else (a "not yet blinded" disguise): damaged too.
    await t.db.plans.put({ ...row, participantId: liga.id });
    expect((await t.repos.plans.listWhere('participantId', liga.id)).damaged).toEqual([plan.id]);
  });
});

describe('blinding rows written before v10', () => {
  it('rewrites clear ids and readable mark ids after unlock; queries by person return the same rows', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const anna = aParticipant();
    const cohort = aCohort('Lotus', { participantIds: [anna.id] });
    await t.repos.cohorts.put(cohort);
    const meetingId = crypto.randomUUID();
    const plan = emptyPlan(anna.id, 'lv');
    await t.repos.plans.put(plan);
    await t.repos.enrolments.put({
      id: crypto.randomUUID(),
      participantId: anna.id,
      cohortId: cohort.id,
      status: 'enrolled',
      enrolledOn: '2026-11-02',
      createdAt: new Date().toISOString(),
    });
    // As a v9 device wrote them: the person's id in the clear column, the mark under its readable id.
    for (const table of [t.db.plans, t.db.enrolments])
      await table.toCollection().modify((r) => {
        r.participantId = anna.id;
      });
    const legacyMarkId = attendanceId(meetingId, anna.id);
    const mark = { id: legacyMarkId, meetingId, participantId: anna.id, status: 'late' as const };
    const meta = nextRowMeta(undefined, t.vault);
    await t.db.registers.put({
      id: meetingId,
      participantIds: [anna.id],
      updatedAt: meta.updatedAt,
      marks: [
        {
          id: legacyMarkId,
          meetingId,
          participantId: anna.id,
          updatedAt: meta.updatedAt,
          version: meta.version,
          sealed: await sealEnvelope(t.vault, 'attendance', legacyMarkId, mark, meta),
        },
      ],
    });
    await t.db.meta.put({ key: BLIND_KEY, value: true });
    const before = await Promise.all([
      t.repos.plans.listWhere('participantId', anna.id),
      t.repos.enrolments.listWhere('participantId', anna.id),
      t.repos.attendance.listWhere('participantId', anna.id),
    ]);
    expect(before.map((r) => r.items.length)).toEqual([1, 1, 1]);

    expect(await blindLegacyIndexes(t.db, t.vault)).toBe(3);

    const onDisk = JSON.stringify(
      (await stringsOnDisk(t.db)).filter((s) => s.table !== 'participants'),
    );
    expect(onDisk).not.toContain(anna.id);
    expect(onDisk).not.toContain(legacyMarkId);
    expect(await t.db.meta.get(BLIND_KEY)).toBeUndefined();
    const after = await Promise.all([
      t.repos.plans.listWhere('participantId', anna.id),
      t.repos.enrolments.listWhere('participantId', anna.id),
      t.repos.attendance.listWhere('participantId', anna.id),
    ]);
    expect(after.map((r) => r.items.map((i) => i.participantId))).toEqual([
      [anna.id],
      [anna.id],
      [anna.id],
    ]);
    expect(after[2].items[0]).toMatchObject({
      status: 'late',
      id: await markId(t.vault, meetingId, anna.id),
    });
    expect(after.flatMap((r) => r.damaged)).toEqual([]);
    // The old mark id is tombstoned, so a merge of an older file cannot bring a second mark back.
    expect(await t.db.tombstones.count()).toBe(1);
  });
});

describe('schema version 10: a v9 database', () => {
  it('is blinded by the first unlock after the upgrade, and queries by person return the same rows', async () => {
    // A v9 device's data: rows written with their person ids in the clear.
    const t = makeTestVault();
    await setUpOrganisation(t);
    const anna = aParticipant();
    await t.repos.participants.put(anna);
    const plan = emptyPlan(anna.id, 'lv');
    await t.repos.plans.put(plan);
    await t.db.plans.toCollection().modify((r) => {
      r.participantId = anna.id;
    });
    const meetingId = crypto.randomUUID();
    const legacyMarkId = attendanceId(meetingId, anna.id);
    const mark = {
      id: legacyMarkId,
      meetingId,
      participantId: anna.id,
      status: 'present' as const,
    };
    const meta = nextRowMeta(undefined, t.vault);
    await t.db.registers.put({
      id: meetingId,
      participantIds: [anna.id],
      updatedAt: meta.updatedAt,
      marks: [
        {
          id: legacyMarkId,
          meetingId,
          participantId: anna.id,
          updatedAt: meta.updatedAt,
          version: meta.version,
          sealed: await sealEnvelope(t.vault, 'attendance', legacyMarkId, mark, meta),
        },
      ],
    });
    // …stored in a database that is at version 9 (same tables and indexes).
    const name = `aplis-test-v10-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old
      .version(9)
      .stores(
        Object.fromEntries(
          t.db.tables.map((table) => [
            table.name,
            [table.schema.primKey.src, ...table.schema.indexes.map((i) => i.src)].join(', '),
          ]),
        ),
      );
    for (const table of t.db.tables) await old.table(table.name).bulkAdd(await table.toArray());
    old.close();

    const db = new AplisDatabase(name);
    await db.open();
    expect(db.verno).toBe(10);
    expect(await db.meta.get(BLIND_KEY)).toBeDefined();
    const vault = new Vault();
    await keyringStore(db, vault, { policy: testKdfPolicy, derive: deriveBits }).unlock(
      TEST_PASSPHRASE,
      'passphrase',
    );
    await upgradeAfterUnlock(db, vault);

    expect(await db.meta.get(BLIND_KEY)).toBeUndefined();
    const onDisk = (await stringsOnDisk(db)).filter(
      (s) => s.text.includes(anna.id) || s.text.includes(legacyMarkId),
    );
    expect(onDisk).toEqual([{ table: 'participants', text: anna.id }]);
    const repos = createRepositories(db, vault);
    expect((await repos.plans.listWhere('participantId', anna.id)).items).toEqual([plan]);
    const marks = await repos.attendance.listWhere('participantId', anna.id);
    expect(marks.items).toEqual([{ ...mark, id: await markId(vault, meetingId, anna.id) }]);
    db.close();
    await Dexie.delete(name);
  });
});
