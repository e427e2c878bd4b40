import type { TFunction } from 'i18next';

/**
 * True when the browser refused a write for lack of space, however Dexie
 * wrapped it: the error itself, its `inner` cause (an aborted transaction),
 * or one of a bulk write's `failures`.
 */
export function isStorageFull(error: unknown): boolean {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const wrapped = error as { inner?: { name?: string }; failures?: { name?: string }[] } | null;
  return (
    name === 'QuotaExceededError' ||
    wrapped?.inner?.name === 'QuotaExceededError' ||
    (wrapped?.failures ?? []).some((f) => f?.name === 'QuotaExceededError')
  );
}

/** Turns a storage failure into words a person can act on. Never includes record contents. */
export function describeStorageError(error: unknown, t: TFunction): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (isStorageFull(error)) return t('common:errors.storageFull');
  if (name === 'DamagedRecordError') return t('common:errors.damaged');
  // The coordinators' roster failed its MAC (db/keyring-roster.ts): nobody is given the coordinator key.
  if (name === 'RosterError' && (error as { code?: string }).code === 'roster-damaged')
    return t('common:errors.rosterDamaged');
  if (name === 'DatabaseClosedError' || name === 'VersionError') return t('common:errors.otherTab');
  return t('common:errors.saveFailed');
}
