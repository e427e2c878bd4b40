// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { aCohort } from '../testing/factories';
import { makeTestVault, setUpOrganisation } from '../testing/vault-fixture';
import { RESEAL_KEY } from './row-upgrade-marker';
import { markResealPending, resealLegacyRows } from './row-upgrade';

describe('re-sealing rows written before versions', () => {
  it('gives every legacy row the session can open a version and author, and then stops looking', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    expect(await t.db.meta.get(RESEAL_KEY)).toBeUndefined(); // a new database has nothing to redo
    const cohort = aCohort('Rudens');
    await t.repos.cohorts.put(cohort);
    // Stored under its keyed id (blind-index.ts), whatever id it came with.
    const mark = await t.repos.attendance.put({
      id: crypto.randomUUID(),
      meetingId: crypto.randomUUID(),
      participantId: crypto.randomUUID(),
      status: 'present' as const,
    });
    // As a v7 device wrote them: sealed under `table/id` only, no version on disk.
    const row = (await t.db.cohorts.get(cohort.id))!;
    const { version: _v, ...legacyCohort } = row;
    await t.db.cohorts.put({
      ...legacyCohort,
      sealed: await t.vault.seal('cohorts', cohort.id, cohort),
    });
    const register = (await t.db.registers.get(mark.meetingId))!;
    const { version: _m, ...legacyMark } = register.marks[0]!;
    await t.db.registers.put({
      ...register,
      marks: [{ ...legacyMark, sealed: await t.vault.seal('attendance', mark.id, mark) }],
    });
    await markResealPending(t.db);

    const summary = await resealLegacyRows(t.db, t.repos, { coordinator: true });

    expect(summary.resealed).toBe(2);
    expect((await t.db.cohorts.get(cohort.id))!.version).toBe(1);
    expect((await t.db.registers.get(mark.meetingId))!.marks[0]!.version).toBe(1);
    expect(await t.repos.cohorts.get(cohort.id)).toEqual(cohort);
    const marks = await t.repos.attendance.listWhere('meetingId', mark.meetingId);
    expect(marks.items.map((m) => [m.id, m.status])).toEqual([[mark.id, 'present']]);
    expect(marks.damaged).toEqual([]);
    expect(await t.db.meta.get(RESEAL_KEY)).toBeUndefined();
    const again = await resealLegacyRows(t.db, t.repos, { coordinator: true });
    expect(again.resealed).toBe(0);
  });
});
