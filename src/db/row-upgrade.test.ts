// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { aCohort } from '../testing/factories';
import { makeTestVault, setUpOrganisation } from '../testing/vault-fixture';
import { isCoordinatorRecord } from '../crypto/key-classes';
import { openRow, sealedGeneration } from '../crypto/seal';
import type { Vault } from '../crypto/vault';
import { deactivate, someRows, STAYING, teamOnOneDevice } from '../testing/rotation';
import { TEST_PASSPHRASE, testKdfPolicy, type TestVault } from '../testing/vault-fixture';
import { openRowWithMeta } from './row-meta';
import {
  GENERATION_RESEAL_KEY,
  RESEAL_KEY,
  type GenerationResealState,
} from './row-upgrade-marker';
import {
  generationResealState,
  markResealPending,
  resealLegacyRows,
  resealOlderGenerations,
  startGenerationReseal,
} from './row-upgrade';
import { createBackup, openBackup, restoreIntoEmpty } from './backup/backup';
import { applyMerge } from './backup/merge';
import { deriveBits } from '../crypto/kdf';
import type { AplisDatabase, RegisterRow, SealedRow } from './schema';

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

/** Every sealed row on the device (marks one by one), with the table it was sealed under. */
async function sealedRowsOf(db: AplisDatabase) {
  const out: { table: string; row: SealedRow }[] = [];
  for (const table of db.tables) {
    if (['meta', 'keyring', 'tombstones'].includes(table.name)) continue;
    for (const row of (await table.toArray()) as (SealedRow | RegisterRow)[]) {
      if (table.name === 'registers')
        for (const mark of (row as RegisterRow).marks) out.push({ table: 'attendance', row: mark });
      else out.push({ table: (row as SealedRow).sealedAs ?? table.name, row: row as SealedRow });
    }
  }
  return out;
}

/** Version, time and author of each team row, by table/id: what a re-seal must not change. */
async function stampsOf(t: TestVault) {
  const out = new Map<string, unknown>();
  for (const { table, row } of await sealedRowsOf(t.db)) {
    if (isCoordinatorRecord(table, row.id)) continue;
    const { meta } = await openRowWithMeta(t.vault, table, row);
    out.set(`${table}/${row.id}`, [row.version, row.updatedAt, meta?.author]);
  }
  return out;
}

const opens = (key: CryptoKey, table: string, row: SealedRow) =>
  Promise.any([
    openRow(key, table, row.id, row.sealed, row.version),
    openRow(key, table, row.id, row.sealed),
  ]).then(
    () => true,
    () => false,
  );

describe('re-sealing team rows under the newest key generation', () => {
  it('re-seals every older team row in batches, keeping its version, time and author, so the old key opens nothing', async () => {
    const { t, leaving, staying, copied } = await teamOnOneDevice();
    await t.keyring.unlock(STAYING, 'passphrase');
    const byAnna = await someRows(t, 'Anna’s');
    t.vault.lock();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const byCoordinator = await someRows(t, 'Ilze’s');
    await deactivate(t, leaving.id);
    expect(t.vault.teamGeneration).toBe(2);
    const stamps = await stampsOf(t);
    const older = (await sealedRowsOf(t.db)).filter(
      ({ table, row }) => !isCoordinatorRecord(table, row.id) && !sealedGeneration(row.sealed),
    );
    expect(older.length).toBeGreaterThan(8);
    // Before: the leaving person's copy of the team key opens those rows.
    expect(
      await opens(copied.teamKey, 'cohorts', (await t.db.cohorts.get(byAnna.cohort.id))!),
    ).toBe(true);

    const progress: GenerationResealState[] = [];
    let pauses = 0;
    const summary = await resealOlderGenerations(t.db, t.vault, {
      batch: 2,
      pause: () => Promise.resolve(void pauses++),
      onProgress: (s) => progress.push(s),
    });

    expect(summary).toMatchObject({ resealed: older.length, skipped: 0, complete: true });
    expect(pauses).toBeGreaterThan(3); // in batches, yielding between them
    const dones = progress.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ gen: 2, complete: true });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    // Not an edit: the same versions, times and authors (Anna's rows are still hers).
    expect(await stampsOf(t)).toEqual(stamps);
    const annaCohort = (await t.db.cohorts.get(byAnna.cohort.id))!;
    expect((await openRowWithMeta(t.vault, 'cohorts', annaCohort)).meta?.author).toBe(staying.id);
    // Everything reads as before.
    expect(await t.repos.cohorts.get(byAnna.cohort.id)).toEqual(byAnna.cohort);
    expect((await t.repos.participants.get(byCoordinator.person.id))?.chosenName).toBe(
      'Ilze’s person',
    );
    const marks = await t.repos.attendance.listWhere('meetingId', byAnna.mark.meetingId);
    expect(marks.items.map((m) => m.status)).toEqual(['present']);
    expect((await t.repos.staff.list()).damaged).toEqual([]);
    // And the leaving person's copy of the old team key opens no row on the device.
    for (const { table, row } of await sealedRowsOf(t.db))
      expect(await opens(copied.teamKey, table, row), `${table}/${row.id}`).toBe(false);

    // Done: a second run has nothing to do.
    expect(await resealOlderGenerations(t.db, t.vault)).toMatchObject({
      resealed: 0,
      complete: true,
    });
  });

  it('goes on after a lock where it stopped, and loses no row', async () => {
    const { t, leaving } = await teamOnOneDevice();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    for (const name of ['A', 'B', 'C']) await someRows(t, name);
    await deactivate(t, leaving.id);
    const stamps = await stampsOf(t);

    let batches = 0;
    const first = await resealOlderGenerations(t.db, t.vault, {
      batch: 2,
      pause: () => {
        if (++batches === 3) t.vault.lock(); // Quick exit, auto-lock, a reload: the session ends
        return Promise.resolve();
      },
    });
    expect(first.complete).toBe(false);
    const saved = (await t.db.meta.get(GENERATION_RESEAL_KEY))!.value as GenerationResealState;
    expect(saved.complete).toBeUndefined();
    expect(saved.done).toBeGreaterThan(0);

    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const second = await resealOlderGenerations(t.db, t.vault, { batch: 2, pause: async () => {} });
    expect(second.complete).toBe(true);
    expect(second.resealed).toBeGreaterThan(0);
    expect(
      (await sealedRowsOf(t.db)).filter(
        ({ table, row }) => !isCoordinatorRecord(table, row.id) && !sealedGeneration(row.sealed),
      ),
    ).toEqual([]);
    expect(await stampsOf(t)).toEqual(stamps);
  });

  it('never writes over an edit made while the batch was being sealed', async () => {
    const { t, leaving } = await teamOnOneDevice();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const { cohort } = await someRows(t, 'Rudens');
    await deactivate(t, leaving.id);
    const seal = t.vault.seal.bind(t.vault);
    let edited = false;
    // The first row the re-seal seals: a colleague saves the cohort at that moment.
    t.vault.seal = async (...args: Parameters<Vault['seal']>) => {
      if (!edited && args[0] === 'cohorts') {
        edited = true;
        await t.repos.cohorts.put({ ...cohort, name: 'Rudens, renamed meanwhile' });
      }
      return seal(...args);
    };

    const summary = await resealOlderGenerations(t.db, t.vault);

    expect(edited).toBe(true);
    expect(summary.complete).toBe(true);
    expect(await t.repos.cohorts.get(cohort.id)).toEqual({
      ...cohort,
      name: 'Rudens, renamed meanwhile',
    });
    expect((await t.db.cohorts.get(cohort.id))!.version).toBe(2);
  });

  it('does nothing before any rotation', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    await someRows(t);
    expect(await resealOlderGenerations(t.db, t.vault)).toMatchObject({
      resealed: 0,
      complete: false,
    });
    expect(await t.db.meta.get(GENERATION_RESEAL_KEY)).toBeUndefined();
  });
});

describe('a merged file bringing rows of an older team key generation', () => {
  const PASS = 'a separate backup passphrase';
  const fileOptions = { policy: testKdfPolicy, derive: deriveBits };

  /**
   * A second device restored from `t` before the rotation, with rows of its
   * own (sealed under generation 1: it has not heard of the rotation), as a file.
   */
  async function olderDevice(t: TestVault) {
    const file = await createBackup(t.db, t.vault, PASS, fileOptions);
    const tablet = makeTestVault();
    await restoreIntoEmpty(tablet.db, await openBackup(tablet.db, file.bytes, PASS, fileOptions));
    await tablet.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    return {
      rows: () => someRows(tablet, 'Tablet’s'),
      file: async () => (await createBackup(tablet.db, tablet.vault, PASS, fileOptions)).bytes,
    };
  }

  const olderRows = async (t: TestVault) =>
    (await sealedRowsOf(t.db)).filter(
      ({ table, row }) => !isCoordinatorRecord(table, row.id) && !sealedGeneration(row.sealed),
    );

  it('starts the re-seal again once it was done, and the rows end under the newest key', async () => {
    const { t, leaving, copied } = await teamOnOneDevice();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const tablet = await olderDevice(t);
    const fromTablet = await tablet.rows();
    await deactivate(t, leaving.id);
    await startGenerationReseal(t.db, t.vault, { pause: async () => {} });
    expect(await generationResealState(t.db)).toMatchObject({ gen: 2, complete: true });

    const backup = await openBackup(t.db, await tablet.file(), PASS, fileOptions);
    await applyMerge(t.db, t.vault, backup, undefined, { policy: testKdfPolicy });

    // The merge brought rows the leaving person's copy of the key opens, and restarted the re-seal.
    expect(
      await opens(copied.teamKey, 'cohorts', (await t.db.cohorts.get(fromTablet.cohort.id))!),
    ).toBe(true);
    expect((await generationResealState(t.db))?.complete).toBeUndefined();
    const summary = await startGenerationReseal(t.db, t.vault); // the run the merge started
    expect(summary.complete).toBe(true);
    expect(await generationResealState(t.db)).toMatchObject({ gen: 2, complete: true });
    expect(await olderRows(t)).toEqual([]);
    expect(await t.repos.cohorts.get(fromTablet.cohort.id)).toEqual(fromTablet.cohort);
    for (const { table, row } of await sealedRowsOf(t.db))
      expect(await opens(copied.teamKey, table, row), `${table}/${row.id}`).toBe(false);
  });

  it('arriving while the re-seal runs, into a table it has done, makes it go round once more', async () => {
    const { t, leaving } = await teamOnOneDevice();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    for (const name of ['A', 'B', 'C']) await someRows(t, name);
    const tablet = await olderDevice(t);
    const fromTablet = await tablet.rows();
    const file = await tablet.file();
    await deactivate(t, leaving.id);

    let merged = false;
    const progress: GenerationResealState[] = [];
    const summary = await startGenerationReseal(t.db, t.vault, {
      batch: 2,
      onProgress: (s) => progress.push(s),
      pause: async () => {
        const state = await generationResealState(t.db);
        // Past `cohorts`: the tablet's cohort lands in a table already done.
        if (merged || !state || state.table <= 'cohorts') return;
        merged = true;
        const backup = await openBackup(t.db, file, PASS, fileOptions);
        await applyMerge(t.db, t.vault, backup, undefined, { policy: testKdfPolicy });
      },
    });

    expect(merged).toBe(true);
    expect(summary.complete).toBe(true);
    expect(progress.some((p) => p.again)).toBe(true);
    expect(await olderRows(t)).toEqual([]);
    expect(await generationResealState(t.db)).toMatchObject({ gen: 2, complete: true });
    expect(await t.repos.cohorts.get(fromTablet.cohort.id)).toEqual(fromTablet.cohort);
  });
});
