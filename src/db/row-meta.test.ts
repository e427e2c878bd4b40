// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DamagedRecordError } from '../crypto/errors';
import { aCohort } from '../testing/factories';
import { makeTestVault, setUpOrganisation } from '../testing/vault-fixture';
import { openRowWithMeta } from './row-meta';

async function withGroup() {
  const t = makeTestVault();
  const { staffId } = await setUpOrganisation(t);
  const cohort = aCohort('Pavasaris');
  await t.repos.cohorts.put(cohort);
  return { t, staffId, cohort };
}

describe('authenticated row metadata', () => {
  it('numbers every write of a row and records who wrote it, inside the seal', async () => {
    const { t, staffId, cohort } = await withGroup();
    await t.repos.cohorts.put({ ...cohort, name: 'Pavasaris II' });
    const row = (await t.db.cohorts.get(cohort.id))!;
    expect(row.version).toBe(2);
    const opened = await openRowWithMeta(t.vault, 'cohorts', row);
    expect(opened.meta).toEqual({ version: 2, updatedAt: row.updatedAt, author: staffId });
  });

  it('refuses an older ciphertext of a row replayed under a newer clear stamp and version', async () => {
    const { t, cohort } = await withGroup();
    const old = (await t.db.cohorts.get(cohort.id))!;
    await t.repos.cohorts.put({ ...cohort, status: 'archived' });
    const current = (await t.db.cohorts.get(cohort.id))!;

    // The old bytes under the current clear version and time: the version is in the additional data.
    await t.db.cohorts.put({ ...current, sealed: old.sealed });
    await expect(t.repos.cohorts.get(cohort.id)).rejects.toBeInstanceOf(DamagedRecordError);
    // The old bytes with their own version but a newer clear time: the sealed time disagrees.
    await t.db.cohorts.put({ ...old, updatedAt: current.updatedAt + 1 });
    await expect(t.repos.cohorts.get(cohort.id)).rejects.toBeInstanceOf(DamagedRecordError);
    // Listing reports the row as damaged instead of showing the old status.
    expect((await t.repos.cohorts.list()).damaged).toEqual([cohort.id]);
  });

  it('refuses a row whose clear version was raised to win a merge', async () => {
    const { t, cohort } = await withGroup();
    const row = (await t.db.cohorts.get(cohort.id))!;
    await t.db.cohorts.put({ ...row, version: 9 });
    await expect(t.repos.cohorts.get(cohort.id)).rejects.toBeInstanceOf(DamagedRecordError);
  });

  it('refuses a row whose clear index fields disagree with its sealed copy', async () => {
    const { t, cohort } = await withGroup();
    const row = (await t.db.cohorts.get(cohort.id))!;
    await t.db.cohorts.put({ ...row, status: 'archived' });
    await expect(t.repos.cohorts.get(cohort.id)).rejects.toBeInstanceOf(DamagedRecordError);
    expect((await t.repos.cohorts.listWhere('status', 'archived')).damaged).toEqual([cohort.id]);
  });

  it('numbers rows written in bulk from the stored versions, new and existing alike', async () => {
    const { t, cohort } = await withGroup();
    const other = aCohort('Ziema');
    await t.repos.cohorts.bulkPut([{ ...cohort, name: 'Pavasaris II' }, other]);
    expect((await t.db.cohorts.get(cohort.id))!.version).toBe(2);
    expect((await t.db.cohorts.get(other.id))!.version).toBe(1);
    expect((await t.repos.cohorts.list()).damaged).toEqual([]);
  });

  it('numbers attendance marks inside their register too', async () => {
    const { t } = await withGroup();
    const mark = {
      id: crypto.randomUUID(),
      meetingId: crypto.randomUUID(),
      participantId: crypto.randomUUID(),
      status: 'present' as const,
      markedAt: new Date().toISOString(),
    };
    await t.repos.attendance.put(mark);
    await t.repos.attendance.put({ ...mark, status: 'late' as const });
    const register = (await t.db.registers.get(mark.meetingId))!;
    expect(register.marks[0]!.version).toBe(2);
    expect((await t.repos.attendance.listWhere('meetingId', mark.meetingId)).items).toHaveLength(1);
  });

  it('still opens a row sealed before versions (no version on disk)', async () => {
    const { t, cohort } = await withGroup();
    const row = (await t.db.cohorts.get(cohort.id))!;
    const legacy = { ...row, sealed: await t.vault.seal('cohorts', cohort.id, cohort) };
    delete legacy.version;
    await t.db.cohorts.put(legacy);
    expect(await t.repos.cohorts.get(cohort.id)).toEqual(cohort);
  });
});
