/**
 * Counts what a screen reads through the repositories: each call of a list
 * method and how many rows it opened (unsealed). For tests that prove a page
 * reads only what it needs (issue #18: a group page once opened all 60,000
 * attendance marks to check its schedule).
 */
import type { AppServices } from '../services/services';

type Repos = AppServices['repos'];
const LIST_METHODS = ['list', 'listWhere', 'listBetween', 'getMany'] as const;

export interface ReadCount {
  /** Calls, as `table.method` (e.g. `attendance.list`). */
  calls: string[];
  /** Rows opened per table. */
  opened: Record<string, number>;
}

/** Wraps the list methods of `tables` in `services.repos`; pass it as `renderApp`'s `adjust`. */
export function countReads(tables: readonly (keyof Repos)[]): {
  count: ReadCount;
  adjust: (services: AppServices) => void;
  reset: () => void;
} {
  const count: ReadCount = { calls: [], opened: {} };
  const adjust = (services: AppServices) => {
    for (const table of tables) {
      const repo = services.repos[table] as unknown as Record<string, unknown>;
      for (const method of LIST_METHODS) {
        const original = repo[method];
        if (typeof original !== 'function') continue;
        repo[method] = async (...args: unknown[]) => {
          count.calls.push(`${String(table)}.${method}`);
          const result = (await (original as (...a: unknown[]) => Promise<unknown>).apply(
            repo,
            args,
          )) as { items: unknown[] };
          count.opened[table] = (count.opened[table] ?? 0) + result.items.length;
          return result;
        };
      }
    }
  };
  const reset = () => {
    count.calls.length = 0;
    for (const key of Object.keys(count.opened)) delete count.opened[key];
  };
  return { count, adjust, reset };
}
