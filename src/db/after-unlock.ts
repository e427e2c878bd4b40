/**
 * Upgrades that need the team key, so cannot run in a Dexie version step
 * (those run before anyone unlocks, and must not await WebCrypto): they run
 * in the background after each unlock, and each is a no-op once done.
 *
 * - Tombstones written before they were keyed (`<table>/<rowId>`, the row id
 *   in the clear) are replaced by keyed ones (tombstones.ts). Until then a
 *   merge re-keys them on the fly (backup/tombstone-ids.ts), so nothing
 *   depends on this having run.
 */
import type { Vault } from '../crypto/vault';
import { rekeyTombstones } from './backup/tombstone-ids';
import type { AplisDatabase, TombstoneRow } from './schema';

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

/** Every after-unlock upgrade, in order. Never throws: the next unlock tries again. */
export async function upgradeAfterUnlock(db: AplisDatabase, vault: Vault): Promise<void> {
  try {
    await rekeyLegacyTombstones(db, vault);
  } catch {
    // Locked meanwhile, or the database closed: the next unlock tries again.
  }
}
