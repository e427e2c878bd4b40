// @vitest-environment node
/**
 * A team key rotation through sync (docs/key-hierarchy.md, "Rotating the
 * team key"): older rows re-sealed on one device (db/row-upgrade.ts) reach
 * the server and the other devices as the same writes under the newer key,
 * never as edits; a device whose session holds only the old key is asked to
 * unlock again.
 */
import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import en from '../../locales/en/common.json';
import { isCoordinatorRecord } from '../crypto/key-classes';
import { openRow, sealedGeneration } from '../crypto/seal';
import { newSyncSecret, teamSyncKeys } from '../crypto/sync-cipher';
import { describeSyncProblem } from '../features/settings/sync/sync-problems';
import { openRowWithMeta, rowGeneration } from '../db/row-meta';
import { generationResealState, resealOlderGenerations } from '../db/row-upgrade';
import type { SealedRow } from '../db/schema';
import { aCohort, aStaffMember } from '../testing/factories';
import { deactivate, someRows, STAYING, teamOnOneDevice } from '../testing/rotation';
import { allDocs, deviceOn } from '../testing/sync-devices';
import { memoryServer as memoryServerOf } from '../testing/sync-fixture';
import { makeTestVault, TEST_PASSPHRASE, type TestVault } from '../testing/vault-fixture';
import { decodeDoc, isSlimMark, registerMarks, REGISTER_TABLE } from './codec';
import { WIRE_MARK, wireId } from './wire-marks';
import { problemOf } from './problems';
import type { Replica } from './replica';

const noPause = () => Promise.resolve();

/** A laptop where the team was set up, and a tablet of the facilitator who stays, both synced. */
async function rotatingTeam() {
  const server = memoryServerOf();
  const secret = newSyncSecret();
  const { t, leaving, staying, copied } = await teamOnOneDevice();
  await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
  const laptop = deviceOn(server, t, secret);
  await laptop.engine.syncNow();
  const tablet = deviceOn(server, makeTestVault(), secret);
  await tablet.engine.pullFromServer();
  await tablet.t.keyring.unlock(STAYING, 'passphrase');
  await tablet.engine.syncNow();
  return { server, secret, laptop, tablet, leaving, staying, copied };
}

async function noConflicts(...replicas: Replica[]) {
  for (const replica of replicas)
    for (const doc of await allDocs(replica))
      expect((await replica.get(doc._id, { conflicts: true }))._conflicts ?? []).toEqual([]);
}

/** The team rows inside the server's documents, opened with the sync keys of `teamKey`. */
async function serverRows(server: Replica, teamKey: CryptoKey) {
  const keys = await teamSyncKeys(teamKey);
  const rows: { table: string; row: SealedRow }[] = [];
  for (const doc of await allDocs(server)) {
    const decoded = await decodeDoc([keys], doc);
    if (!decoded.ok) continue;
    // A register's marks: as sealed at rest, or slim with `w` sealed under the team key
    // (wire-marks.ts) — then checked as a row of its own seal context and id.
    if (decoded.row.table === REGISTER_TABLE)
      for (const mark of registerMarks(decoded.row)) {
        const row = mark as unknown as SealedRow;
        if (!isSlimMark(mark)) rows.push({ table: 'attendance', row });
        else
          rows.push({
            table: WIRE_MARK,
            row: { ...row, id: wireId(mark.meetingId, mark), sealed: mark.w },
          });
      }
    if (!('sealed' in decoded.row.record)) continue;
    rows.push({ table: decoded.row.table, row: decoded.row.record as unknown as SealedRow });
  }
  return rows;
}

const opensWith = (key: CryptoKey, table: string, row: SealedRow) =>
  Promise.any([
    openRow(key, row.sealedAs ?? table, row.id, row.sealed, row.version),
    openRow(key, row.sealedAs ?? table, row.id, row.sealed),
  ]).then(
    () => true,
    () => false,
  );

/** Version, time and author of a cohort as a device holds it. */
async function stampOf(t: TestVault, id: string) {
  const row = (await t.db.cohorts.get(id))!;
  const { meta } = await openRowWithMeta(t.vault, 'cohorts', row);
  return { version: row.version, updatedAt: row.updatedAt, author: meta?.author };
}

describe('re-sealing after a team key rotation, through sync', () => {
  it('sends the re-sealed rows to the server, where the old key then opens none of them', async () => {
    const { server, laptop, tablet, leaving, copied } = await rotatingTeam();
    const rows = await someRows(laptop.t, 'Rudens');
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    const before = await stampOf(tablet.t, rows.cohort.id);
    // Before: the leaving person's copy of the team key reads the server's copy.
    const cohortDoc = (await serverRows(server, copied.teamKey)).find(
      (r) => r.row.id === rows.cohort.id,
    )!;
    expect(await opensWith(copied.teamKey, 'cohorts', cohortDoc.row)).toBe(true);

    await deactivate(laptop.t, leaving.id);
    const summary = await resealOlderGenerations(laptop.t.db, laptop.t.vault, { pause: noPause });
    expect(summary.complete).toBe(true);
    expect(summary.resealed).toBeGreaterThan(5);
    await laptop.engine.syncNow();
    const report = await tablet.engine.syncNow();
    await laptop.engine.syncNow();

    // On the server: every team row is under generation 2, and the old key opens no row.
    const onServer = await serverRows(server, copied.teamKey);
    expect(onServer.length).toBeGreaterThan(5);
    expect(onServer.some((r) => r.table === WIRE_MARK)).toBe(true);
    for (const { table, row } of onServer) {
      if (!isCoordinatorRecord(table, row.id)) expect(sealedGeneration(row.sealed)).toBe(2);
      expect(await opensWith(copied.teamKey, table, row), `${table}/${row.id}`).toBe(false);
    }
    // The tablet took them (its session picked up the new key from its grant), as they were written.
    expect(report.refused).toEqual({});
    expect(tablet.t.vault.teamGeneration).toBe(2);
    expect(sealedGeneration((await tablet.t.db.cohorts.get(rows.cohort.id))!.sealed)).toBe(2);
    expect(await stampOf(tablet.t, rows.cohort.id)).toEqual(before);
    expect(await tablet.t.repos.cohorts.get(rows.cohort.id)).toEqual(rows.cohort);
    expect((await tablet.t.repos.participants.get(rows.person.id))?.chosenName).toBe(
      'Rudens person',
    );
    await noConflicts(server, laptop.engine.local, tablet.engine.local);
    // Nothing more to send either way: a re-seal is no edit that bounces back.
    expect(await laptop.engine.waiting()).toBe(0);
    expect(await tablet.engine.waiting()).toBe(0);
  });

  it('lets an edit made elsewhere meanwhile win over the re-sealed copy, and re-seals that edit later', async () => {
    const { server, laptop, tablet, leaving, staying } = await rotatingTeam();
    const cohort = aCohort('Rudens');
    await laptop.t.repos.cohorts.put(cohort);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    // The tablet, offline, renames the group under the old key; the laptop rotates and re-seals.
    await tablet.t.repos.cohorts.put({ ...cohort, name: 'Rudens, renamed on the tablet' });
    await deactivate(laptop.t, leaving.id);
    await resealOlderGenerations(laptop.t.db, laptop.t.vault, { pause: noPause });
    expect(sealedGeneration((await laptop.t.db.cohorts.get(cohort.id))!.sealed)).toBe(2);

    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    await laptop.engine.syncNow();

    for (const t of [laptop.t, tablet.t])
      expect((await t.repos.cohorts.get(cohort.id))?.name).toBe('Rudens, renamed on the tablet');
    await noConflicts(server, laptop.engine.local, tablet.engine.local);
    // The edit came in under the old key: the laptop's next run re-seals it, still the tablet's write.
    expect((await generationResealState(laptop.t.db))?.complete).toBeUndefined();
    await resealOlderGenerations(laptop.t.db, laptop.t.vault, { pause: noPause });
    expect(sealedGeneration((await laptop.t.db.cohorts.get(cohort.id))!.sealed)).toBe(2);
    expect(await stampOf(laptop.t, cohort.id)).toMatchObject({ version: 2, author: staying.id });
  });

  it('is harmless when two devices re-seal at once: one copy of each row everywhere, nothing lost', async () => {
    const { server, laptop, tablet, leaving } = await rotatingTeam();
    const rows = await someRows(laptop.t, 'Rudens');
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    await deactivate(laptop.t, leaving.id);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow(); // the new key reaches the tablet's session (its grant)
    expect(tablet.t.vault.teamGeneration).toBe(2);
    const docsBefore = (await allDocs(server)).length;

    const [a, b] = await Promise.all([
      resealOlderGenerations(laptop.t.db, laptop.t.vault, { pause: noPause }),
      resealOlderGenerations(tablet.t.db, tablet.t.vault, { pause: noPause }),
    ]);
    expect(a.resealed).toBeGreaterThan(5);
    expect(b.resealed).toBeGreaterThan(5);
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();

    await noConflicts(server, laptop.engine.local, tablet.engine.local);
    expect((await allDocs(server)).length).toBe(docsBefore);
    // Both devices keep the same bytes of each row, and it reads as written.
    const laptopRow = (await laptop.t.db.cohorts.get(rows.cohort.id))!;
    const tabletRow = (await tablet.t.db.cohorts.get(rows.cohort.id))!;
    expect(tabletRow.sealed).toEqual(laptopRow.sealed);
    for (const table of ['organisation', 'staff', 'cohorts', 'participants'] as const)
      expect(await tablet.t.db[table].toArray(), table).toEqual(await laptop.t.db[table].toArray());
    // Marks travel slim (register format 4) and each device seals them at rest itself: the
    // same marks, versions, times and key generation everywhere, each device's own IV.
    const marksOf = async (t: typeof laptop.t) =>
      (await t.db.registers.toArray()).map((r) => ({
        ...r,
        marks: r.marks.map(({ sealed, ...m }) => ({ ...m, generation: rowGeneration({ sealed }) })),
      }));
    expect(await marksOf(tablet.t)).toEqual(await marksOf(laptop.t));
    expect((await marksOf(laptop.t)).flatMap((r) => r.marks.map((m) => m.generation))).toContain(2);
    for (const meeting of await laptop.t.db.registers.toArray())
      expect(await tablet.t.repos.attendance.listWhere('meetingId', meeting.id)).toEqual(
        await laptop.t.repos.attendance.listWhere('meetingId', meeting.id),
      );
    expect(tabletRow.version).toBe(1);
    for (const t of [laptop.t, tablet.t]) {
      expect(await t.repos.cohorts.get(rows.cohort.id)).toEqual(rows.cohort);
      expect((await t.repos.participants.get(rows.person.id))?.chosenName).toBe('Rudens person');
    }
    expect(await laptop.engine.waiting()).toBe(0);
    expect(await tablet.engine.waiting()).toBe(0);
  });
});

describe('a device whose session holds only the old team key', () => {
  it('stops with unlock-again and a plain message, and applies the rows once unlocked again', async () => {
    const server = memoryServerOf();
    const secret = newSyncSecret();
    const { t, leaving } = await teamOnOneDevice();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    const beata = aStaffMember({ role: 'facilitator', displayName: 'Beata' });
    await t.keyring.addStaff(beata);
    await t.keyring.setPassphrase(beata.id, 'Beata’s first passphrase');
    const old = await someRows(t, 'Rudens');
    const laptop = deviceOn(server, t, secret);
    await laptop.engine.syncNow();
    // Beata's first unlock is on her tablet: her inbox stays there until it syncs.
    const tablet = deviceOn(server, makeTestVault(), secret);
    await tablet.engine.pullFromServer();
    await tablet.t.keyring.unlock('Beata’s first passphrase', 'passphrase');
    expect(tablet.t.vault.teamGeneration).toBe(1);

    // The laptop rotates; no inbox of Beata's is known there, so the coordinator sets her passphrase again.
    await deactivate(laptop.t, leaving.id);
    await laptop.t.keyring.setPassphrase(beata.id, 'Beata’s new passphrase');
    const after = aCohort('Written after');
    await laptop.t.repos.cohorts.put(after);
    await resealOlderGenerations(laptop.t.db, laptop.t.vault, { pause: noPause });
    await laptop.engine.syncNow();

    const stopped = await tablet.engine.syncNow().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(problemOf(stopped)).toBe('unlock-again');
    const lookup = (key: string) =>
      key
        .replace(/^common:/, '')
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en);
    expect(describeSyncProblem('unlock-again', lookup as unknown as TFunction)).toEqual({
      title: 'The team key has changed.',
      action: 'Lock Aplis and unlock it again with your passphrase, and sync goes on.',
    });
    // Until then the tablet cannot open the newer rows; it wrote nothing over them.
    await expect(tablet.t.repos.cohorts.get(old.cohort.id)).rejects.toThrow();

    tablet.t.vault.lock();
    await tablet.t.keyring.unlock('Beata’s new passphrase', 'passphrase');
    expect(tablet.t.vault.teamGeneration).toBe(2);
    const report = await tablet.engine.syncNow();
    expect(report.refused).toEqual({});
    expect(await tablet.t.repos.cohorts.get(after.id)).toEqual(after);
    expect(await tablet.t.repos.cohorts.get(old.cohort.id)).toEqual(old.cohort);
    expect((await tablet.t.repos.participants.get(old.person.id))?.chosenName).toBe(
      'Rudens person',
    );
    const marks = await tablet.t.repos.attendance.listWhere('meetingId', old.mark.meetingId);
    expect(marks).toMatchObject({ damaged: [] });
    expect(marks.items.map((m) => m.status)).toEqual(['present']);
  });
});
