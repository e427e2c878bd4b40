import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { JoinCodeProblem, SyncProblem } from '../../../sync/types';
import { Notice } from '../../../ui/notice';
import { isStorageFull } from '../../../ui/storage-errors';

type Problem = SyncProblem | JoinCodeProblem;

const problems: readonly Problem[] = [
  'unreachable',
  'wrong-account',
  'database-missing',
  'foreign-database',
  'device-full',
  'server-full',
  'other-tab',
  'unlock-again',
  'code-invalid',
  'code-expired',
  'code-used',
];

/** The problem a rejection of `connect()` or `join()` names (src/sync/types.ts SyncFailure), if any. */
export function syncProblemOf(error: unknown): Problem | undefined {
  const problem = (error as { problem?: unknown } | null | undefined)?.problem;
  return problems.find((p) => p === problem);
}

/** A problem in plain words and what to do about it; an unknown failure says nothing changed. */
export function describeSyncProblem(
  problem: Problem | undefined,
  t: TFunction,
): { title: string; action: string } {
  const key = problem ?? 'general';
  return {
    title: t(`common:sync.problem.${key}.title`),
    action: t(`common:sync.problem.${key}.action`),
  };
}

export function describeSyncError(error: unknown, t: TFunction) {
  const problem = syncProblemOf(error) ?? (isStorageFull(error) ? 'device-full' : undefined);
  return describeSyncProblem(problem, t);
}

/**
 * A sync problem as a notice: what happened, then what to do. `live` for one
 * that appears after a click (announced at once); a standing problem read
 * from the status is not announced again on every visit.
 */
export function SyncProblemNotice({
  problem,
  error,
  live = false,
}: {
  problem?: Problem | undefined;
  error?: unknown;
  live?: boolean;
}) {
  const { t } = useTranslation();
  const text = error !== undefined ? describeSyncError(error, t) : describeSyncProblem(problem, t);
  return (
    <Notice tone="error" live={live} title={text.title}>
      <p>{text.action}</p>
    </Notice>
  );
}
