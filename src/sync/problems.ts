/** Which SyncProblem a failed request stands for (engine and controller alike; no imports, so it stays small). */
import type { SyncProblem } from './types';

export function problemOf(error: unknown): SyncProblem {
  const e = error as { status?: number; name?: string; code?: string } | undefined;
  if (e?.name === 'SyncError' && e.code === 'foreign-database') return 'foreign-database';
  if (e?.name === 'QuotaExceededError') return 'device-full';
  if (e?.status === 401 || e?.status === 403) return 'wrong-account';
  if (e?.status === 404) return 'database-missing';
  if (e?.status === 413 || e?.status === 507) return 'server-full';
  return 'unreachable';
}
