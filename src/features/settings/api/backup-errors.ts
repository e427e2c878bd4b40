import type { TFunction } from 'i18next';
import { describeStorageError, isStorageFull } from '../../../ui/storage-errors';
import { isBackupError } from '../../../db/backup/errors';

/** The message for a refused or failed backup, restore or merge; each says nothing was changed. */
export function describeBackupError(error: unknown, t: TFunction): string {
  if (isBackupError(error)) return t(`settings:backup.errors.${error.code}`);
  if (isStorageFull(error)) return t('settings:backup.errors.storage-full');
  return describeStorageError(error, t);
}
