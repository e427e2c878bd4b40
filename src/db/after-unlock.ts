/**
 * Upgrades that need the team key, so cannot run in a Dexie version step
 * (those run before anyone unlocks, and must not await WebCrypto): they run
 * in the background after each unlock, and each is a no-op once done.
 *
 * - Tombstones written before they were keyed (`<table>/<rowId>`, the row id
 *   in the clear) are replaced by keyed ones (tombstones.ts). Until then a
 *   merge re-keys them on the fly (backup/tombstone-ids.ts), so nothing
 *   depends on this having run.
 * - Drafts and measure records under the readable ids they had before ids
 *   were keyed (`screening:<pid>`, `measure:<cohort>:<pid>:<phase>`,
 *   `personal:<staff>:concern:<meeting>`) are re-sealed under their keyed ids
 *   (crypto/record-ids.ts), the old id tombstoned. Each only by a session
 *   that can open it: coordinators' ones by a coordinator, a personal draft
 *   by its writer. Until then the screens read both ids.
 * - Rows re-sealed with their version and author (rows from before v8,
 *   row-upgrade.ts), by the keys this session holds.
 * - Clear person ids in index columns (rows from before v10, or merged from a
 *   device not yet upgraded) are replaced by their blind values, and
 *   attendance marks move to their keyed ids (blind-index.ts). Until then
 *   queries by person ask for both values.
 * - After a team key rotation, team rows of older generations are re-sealed
 *   under the newest one (row-upgrade.ts `resealOlderGenerations`), in
 *   batches, last because it is the long one. Until then they open as before.
 */
import {
  COORDINATOR_DRAFT_PREFIXES,
  concernDraftId,
  measureRecordId,
  measureRecordParts,
  PERSONAL_PREFIX,
  screeningDraftId,
} from '../crypto/record-ids';
import type { Vault } from '../crypto/vault';
import { BLIND_KEY } from './blind-index';
import { createRepositories, type Repositories } from './repositories';
import { rekeyTombstones } from './backup/tombstone-ids';
import type { AplisDatabase, MeasureRow, SealedRow, TombstoneRow } from './schema';

export async function rekeyLegacyTombstones(db: AplisDatabase, vault: Vault): Promise<number> {
  const legacy = (await db.tombstones.toArray()).filter((t) => t.rowId !== undefined);
  if (legacy.length === 0) return 0;
  const keyed = await rekeyTombstones(await vault.teamSubkey('opaqueId'), legacy);
  await db.transaction('rw', db.tombstones, async () => {
    // Only the ones still as read: a merge in between may have written newer ones.
    const still = await db.tombstones.bulkGet(legacy.map((t) => t.id));
    const gone = legacy.filter((t, i) => still[i]?.deletedAt === t.deletedAt);
    const newer = await db.tombstones.bulkGet(keyed.map((t) => t.id));
    await db.tombstones.bulkDelete(gone.map((t) => t.id));
    await db.tombstones.bulkPut(
      keyed.filter((t, i) => gone.includes(legacy[i]!) && !(newer[i] && keepsOwn(newer[i], t))),
    );
  });
  return legacy.length;
}

/** A keyed tombstone already there wins over a re-keyed old one unless that is newer. */
function keepsOwn(existing: TombstoneRow, rekeyed: TombstoneRow): boolean {
  return existing.erased === true || existing.deletedAt >= rekeyed.deletedAt;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Renames drafts and measure records this session can open from readable ids to keyed ones. */
export async function renameLegacyRecordIds(db: AplisDatabase, vault: Vault): Promise<number> {
  const repos = createRepositories(db, vault);
  const staffId = vault.session?.staffId;
  const draftRenames: [string, string][] = [];
  for (const id of await db.drafts.toCollection().primaryKeys()) {
    const screening = id.slice(COORDINATOR_DRAFT_PREFIXES.screening.length);
    if (
      vault.hasCoordinatorKey &&
      id.startsWith(COORDINATOR_DRAFT_PREFIXES.screening) &&
      UUID.test(screening)
    )
      draftRenames.push([id, await screeningDraftId(vault, screening)]);
    const concern =
      staffId && vault.personalKey ? `${PERSONAL_PREFIX}${staffId}:concern:` : undefined;
    if (concern && id.startsWith(concern) && UUID.test(id.slice(concern.length)))
      draftRenames.push([id, await concernDraftId(vault, staffId!, id.slice(concern.length))]);
  }
  const measureRenames: [string, string][] = [];
  if (vault.hasCoordinatorKey)
    for (const id of await db.measureResponses.toCollection().primaryKeys()) {
      const parts = measureRecordParts(id);
      if (parts)
        measureRenames.push([
          id,
          await measureRecordId(vault, parts.cohortId, parts.participantId, parts.phase),
        ]);
    }
  if (draftRenames.length + measureRenames.length === 0) return 0;

  // Only what opens is renamed: a row this session cannot open stays as it is.
  const draftRows: SealedRow[] = [];
  const draftsMoved: string[] = [];
  for (const [from, to] of draftRenames) {
    const draft = await repos.drafts.get(from).catch(() => undefined);
    if (!draft) continue;
    draftRows.push(await repos.drafts.toRow({ ...draft, id: to }));
    draftsMoved.push(from);
  }
  const measureRows: MeasureRow[] = [];
  const measuresMoved: string[] = [];
  for (const [from, to] of measureRenames) {
    const record = await repos.measureResponses.get(from).catch(() => undefined);
    if (!record) continue;
    measureRows.push(await repos.measureResponses.toRow({ ...record, id: to }));
    measuresMoved.push(from);
  }
  const tombstones = [
    ...(await repos.tombstones('drafts', draftsMoved)),
    ...(await repos.tombstones('measureResponses', measuresMoved)),
  ];
  await db.transaction('rw', [db.drafts, db.measureResponses, db.tombstones], async () => {
    // A newer write under the keyed id (a save meanwhile) wins over the renamed copy.
    const haveDrafts = new Set(
      await db.drafts
        .where('id')
        .anyOf(draftRows.map((r) => r.id))
        .primaryKeys(),
    );
    const haveMeasures = new Set(
      await db.measureResponses
        .where('id')
        .anyOf(measureRows.map((r) => r.id))
        .primaryKeys(),
    );
    await db.drafts.bulkPut(draftRows.filter((r) => !haveDrafts.has(r.id)));
    await db.measureResponses.bulkPut(measureRows.filter((r) => !haveMeasures.has(r.id)));
    await db.drafts.bulkDelete(draftsMoved);
    await db.measureResponses.bulkDelete(measuresMoved);
    await db.tombstones.bulkPut(tombstones);
  });
  return draftsMoved.length + measuresMoved.length;
}

/**
 * Blinds every clear person id left in an index column (blind-index.ts), when
 * the v10 upgrade or a merge left the marker. Needs only the team key, so any
 * session does all of it; attendance marks are re-sealed under keyed ids.
 */
export async function blindLegacyIndexes(db: AplisDatabase, vault: Vault): Promise<number> {
  if (!(await db.meta.get(BLIND_KEY))) return 0;
  let blinded = 0;
  const repos: Repositories = createRepositories(db, vault);
  for (const repo of Object.values(repos)) {
    if (typeof repo !== 'object' || !('blindLegacy' in repo)) continue; // helpers, not tables
    blinded += await repo.blindLegacy();
  }
  await db.meta.delete(BLIND_KEY);
  return blinded;
}

/** Every after-unlock upgrade, in order. Never throws: the next unlock tries again. */
export async function upgradeAfterUnlock(db: AplisDatabase, vault: Vault): Promise<void> {
  try {
    await rekeyLegacyTombstones(db, vault);
    await renameLegacyRecordIds(db, vault);
    if (!vault.session?.viaRecovery) {
      const { resealLegacyRows } = await import('./row-upgrade');
      await resealLegacyRows(db, createRepositories(db, vault), {
        coordinator: vault.hasCoordinatorKey,
      });
    }
    await blindLegacyIndexes(db, vault);
    if (vault.teamGeneration >= 2) {
      const { startGenerationReseal } = await import('./row-upgrade');
      await startGenerationReseal(db, vault);
    }
  } catch {
    // Locked meanwhile, or the database closed: the next unlock tries again.
  }
}
