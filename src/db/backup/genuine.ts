/**
 * The rows of a backup file a merge may take: before a merge plans anything,
 * every incoming row that would replace or add to this device's data is
 * opened and checked (sealed-table.ts `check`): it must authenticate, its
 * sealed version, time and index fields must match its clear ones, and it
 * must validate. A row that fails is refused and reported, and this device's
 * own row stays.
 *
 * Without this, a file whose clear `version` or `updatedAt` was raised would
 * win the merge and leave a damaged row in place of a good one. Rows this
 * session holds no key for (another person's drafts) cannot be checked and
 * are taken as they are: only their owner can open them, and opening checks
 * them then. Rows that would lose to this device's copy are not opened at all.
 */
import type { Repositories } from '../repositories';
import { compareRowOrder } from '../row-meta';
import type { SealedRow } from '../schema';
import type { RowCheck } from '../sealed-table';

type Row = Record<string, unknown> & { id: string };

interface RowChecker {
  check(row: SealedRow): Promise<RowCheck>;
}

export interface RefusedRow {
  table: string;
  id: string;
  updatedAt?: number;
}

export async function genuineRows(
  incoming: Record<string, Row[]>,
  local: Record<string, Row[]>,
  repos: Repositories,
): Promise<{ tables: Record<string, Row[]>; refused: RefusedRow[] }> {
  const tables: Record<string, Row[]> = {};
  const refused: RefusedRow[] = [];
  for (const [name, rows] of Object.entries(incoming)) {
    // Every repository checks its own row type; here they are rows as read from a file.
    const repo = (repos as unknown as Partial<Record<string, RowChecker>>)[name];
    if (typeof repo !== 'object' || typeof repo.check !== 'function') {
      tables[name] = rows; // the keyring and tombstones have their own checks
      continue;
    }
    const mine = new Map((local[name] ?? []).map((r) => [r.id, r]));
    const checks = await Promise.all(
      rows.map(async (row) => {
        const current = mine.get(row.id);
        if (current && compareRowOrder(row, current) <= 0) return 'loses' as const;
        return repo.check(row as unknown as SealedRow);
      }),
    );
    tables[name] = rows.filter((row, i) => {
      if (checks[i] !== 'damaged') return true;
      refused.push({
        table: name,
        id: row.id,
        ...(typeof row.updatedAt === 'number' ? { updatedAt: row.updatedAt } : {}),
      });
      return false;
    });
  }
  return { tables, refused };
}
