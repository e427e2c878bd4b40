import type { TFunction } from 'i18next';

/** Turns a storage failure into words a person can act on. Never includes record contents. */
export function describeStorageError(error: unknown, t: TFunction): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError')
    return t('common:errors.storageFull');
  if (name === 'DamagedRecordError') return t('common:errors.damaged');
  if (name === 'DatabaseClosedError' || name === 'VersionError') return t('common:errors.otherTab');
  return t('common:errors.saveFailed');
}
