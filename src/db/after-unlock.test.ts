// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { makeTestVault, setUpOrganisation } from '../testing/vault-fixture';
import {
  concernDraftId,
  legacyConcernDraftId,
  legacyMeasureRecordId,
  legacyScreeningDraftId,
  measureRecordId,
  screeningDraftId,
} from '../crypto/record-ids';
import { rekeyLegacyTombstones, renameLegacyRecordIds } from './after-unlock';
import { tombstoneIdFor } from './tombstones';

describe('after unlock', () => {
  it('re-keys tombstones that still name their row in the clear', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const person = crypto.randomUUID();
    await t.db.tombstones.put({
      id: `participants/${person}`,
      table: 'participants',
      rowId: person,
      deletedAt: 5,
    });

    expect(await rekeyLegacyTombstones(t.db, t.vault)).toBe(1);

    expect(await t.db.tombstones.toArray()).toEqual([
      {
        id: await tombstoneIdFor(t.vault, 'participants', person),
        table: 'participants',
        deletedAt: 5,
      },
    ]);
    expect(await rekeyLegacyTombstones(t.db, t.vault)).toBe(0);
  });

  it('renames drafts and measure answers from ids that name the person to keyed ones', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const person = crypto.randomUUID();
    const cohort = crypto.randomUUID();
    const meeting = crypto.randomUUID();
    const legacy = [legacyScreeningDraftId(person), legacyConcernDraftId(staffId, meeting)];
    for (const id of legacy)
      await t.db.drafts.put({
        id,
        sealed: await t.vault.seal('drafts', id, {
          id,
          value: { note: 'half' },
          savedAt: new Date().toISOString(),
        }),
        updatedAt: Date.now(),
      });
    const measureId = legacyMeasureRecordId(cohort, person, 'before');
    await t.db.measureResponses.put({
      ...(await t.repos.measureResponses.toRow({
        id: measureId,
        scale: 'rses',
        cohortId: cohort,
        participantId: person,
        phase: 'before',
        answers: Array<number>(10).fill(1),
        takenOn: '2026-03-02',
      })),
    });

    expect(await renameLegacyRecordIds(t.db, t.vault)).toBe(3);

    const ids = [
      ...(await t.db.drafts.toCollection().primaryKeys()),
      ...(await t.db.measureResponses.toCollection().primaryKeys()),
      ...(await t.db.tombstones.toCollection().primaryKeys()),
    ];
    expect(ids.length).toBeGreaterThanOrEqual(6);
    for (const id of ids) {
      expect(id).not.toContain(person);
      expect(id).not.toContain(meeting);
      expect([...legacy, measureId]).not.toContain(id);
    }
    expect((await t.repos.drafts.get(await screeningDraftId(t.vault, person)))?.value).toEqual({
      note: 'half',
    });
    expect(await t.repos.drafts.get(await concernDraftId(t.vault, staffId, meeting))).toBeDefined();
    expect(
      (await t.repos.measureResponses.get(await measureRecordId(t.vault, cohort, person, 'before')))
        ?.answers,
    ).toHaveLength(10);
    expect(await renameLegacyRecordIds(t.db, t.vault)).toBe(0);
  });
});
