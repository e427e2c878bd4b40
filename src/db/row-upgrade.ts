/**
 * Re-sealing rows written before v8 with their version and author
 * (row-meta.ts). A Dexie upgrade cannot do it — upgrades run before anyone
 * unlocks, and must not await WebCrypto — so the v8 step leaves a marker
 * (row-upgrade-marker.ts) and the first unlocked session does the work, in
 * the background, table by table.
 *
 * A session re-seals what its keys open: a facilitator the team's rows, a
 * coordinator the coordinators' rows too. The marker remembers which key
 * classes are done; once a coordinator has been through, it goes. A merge or
 * restore that brings in older rows sets it again (`markResealPending`).
 * Rows nobody here can open (another person's drafts, a damaged row) stay as
 * they are and open as before.
 */
import type { Repositories } from './repositories';
import { RESEAL_KEY, resealPending, type ResealState } from './row-upgrade-marker';
import type { AplisDatabase } from './schema';

export interface ResealSummary {
  resealed: number;
  skipped: number;
}

export async function resealLegacyRows(
  db: AplisDatabase,
  repos: Repositories,
  session: { coordinator: boolean },
): Promise<ResealSummary> {
  const total: ResealSummary = { resealed: 0, skipped: 0 };
  const marker = await db.meta.get(RESEAL_KEY);
  if (!marker) return total;
  const done = marker.value as ResealState;
  if (done[session.coordinator ? 'coordinator' : 'team']) return total;
  for (const repo of Object.values(repos)) {
    const { resealed, skipped } = await repo.resealLegacy();
    total.resealed += resealed;
    total.skipped += skipped;
  }
  if (session.coordinator) await db.meta.delete(RESEAL_KEY);
  else await db.meta.put({ key: RESEAL_KEY, value: { ...done, team: true } });
  return total;
}

/** After a merge or restore: rows sealed before v8 may have arrived. */
export async function markResealPending(db: AplisDatabase): Promise<void> {
  await db.meta.put(resealPending());
}
