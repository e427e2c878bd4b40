/** Which SyncProblem a failed request stands for (engine and controller alike; no imports, so it stays small). */
import type { SyncFailure, SyncProblem } from './types';

export function problemOf(error: unknown): SyncProblem {
  const e = error as { status?: number; name?: string; code?: string } | undefined;
  if (e?.name === 'SyncError' && e.code === 'foreign-database') return 'foreign-database';
  if (e?.name === 'SyncError' && e.code === 'unlock-again') return 'unlock-again';
  if (e?.name === 'QuotaExceededError') return 'device-full';
  if (e?.status === 401 || e?.status === 403) return 'wrong-account';
  if (e?.status === 404) return 'database-missing';
  if (e?.status === 413 || e?.status === 507) return 'server-full';
  return 'unreachable';
}

const JOIN_PROBLEMS = {
  'join-code-invalid': 'code-invalid',
  'join-code-expired': 'code-expired',
  'join-code-used': 'code-used',
} as const;

/**
 * The error a refused `connect()` or `join()` rejects with: the same error,
 * carrying the `problem` the screens name (types.ts SyncFailure). Refusals the
 * screens cannot name (locked, not a coordinator) keep no problem and read as
 * "nothing changed".
 */
export function asFailure(error: unknown): Error & Partial<Pick<SyncFailure, 'problem'>> {
  const failure: Error & Partial<Pick<SyncFailure, 'problem'>> =
    error instanceof Error ? error : new Error(String(error));
  const e = error as { name?: string; code?: string } | undefined;
  if (e?.name === 'SyncError') {
    const join = JOIN_PROBLEMS[e.code as keyof typeof JOIN_PROBLEMS];
    if (join) failure.problem = join;
    else if (e.code === 'foreign-database' || e.code === 'unreachable') failure.problem = e.code;
    return failure;
  }
  failure.problem = problemOf(error);
  return failure;
}
