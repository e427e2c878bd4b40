import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui/notice';
import { useDismissRestoreCheckMutation, useRestoreCheck } from './api/backup';

/**
 * After a restore, the first unlock can check what the restore could not:
 * that the file was made by this team (its MAC under the team key,
 * db/backup/integrity.ts). A file changed by someone with only its
 * passphrase, or one too old to be checked, is said so here until read.
 */
export function RestoreCheckNotice() {
  const { t } = useTranslation('settings');
  const check = useRestoreCheck();
  const dismiss = useDismissRestoreCheckMutation();
  const result = check.data;
  if (result !== 'tampered' && result !== 'unsigned') return null;
  return (
    <Notice
      tone={result === 'tampered' ? 'error' : 'warning'}
      title={t(`restoreCheck.${result}Title`)}
      live
    >
      <p>{t(`restoreCheck.${result}Text`)}</p>
      <button
        type="button"
        className="btn"
        onClick={() => dismiss.mutate()}
        disabled={dismiss.isPending}
      >
        {t('restoreCheck.dismiss')}
      </button>
    </Notice>
  );
}
