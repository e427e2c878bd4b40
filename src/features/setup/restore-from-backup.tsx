import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_EXTENSION } from '../../db/backup/format';
import { Field, PassphraseField } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { describeBackupError, useRestoreBackupMutation } from '../settings';

/** The welcome screen's third choice: bring back everything from a backup file. */
export function RestoreChoice({ onChoose }: { onChoose: () => void }) {
  const { t } = useTranslation('settings');
  return (
    <div className="choice">
      <h2>{t('restore.choiceTitle')}</h2>
      <p>{t('restore.choiceText')}</p>
      <button type="button" className="btn" onClick={onChoose}>
        {t('restore.choose')}
      </button>
    </div>
  );
}

/**
 * Restores a backup into this empty device. Afterwards the app shows the
 * unlock screen: people unlock with their usual passphrase, since the key
 * wraps came with the backup.
 */
export function RestoreFromBackup({
  onBack,
  onRestored,
}: {
  onBack: () => void;
  onRestored: () => void;
}) {
  const { t } = useTranslation('settings');
  const restore = useRestoreBackupMutation();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [submitted, setSubmitted] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    restore.reset();
    if (!file || !passphrase) return;
    restore.mutate({ file, passphrase }, { onSuccess: onRestored });
  }

  return (
    <form onSubmit={submit} noValidate>
      <h1>{t('restore.title')}</h1>
      <p>{t('restore.intro')}</p>
      <Field
        label={t('merge.file')}
        type="file"
        accept={BACKUP_EXTENSION}
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          restore.reset();
        }}
        error={submitted && !file ? t('merge.chooseFile') : undefined}
      />
      <PassphraseField
        label={t('merge.passphrase')}
        name="restore-passphrase"
        autoComplete="off"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        error={submitted && !passphrase ? t('merge.enterPassphrase') : undefined}
      />
      {restore.isError ? (
        <Notice tone="error" live title={describeBackupError(restore.error, t)} />
      ) : null}
      <div className="button-row">
        <button type="button" className="btn" onClick={onBack} disabled={restore.isPending}>
          {t('restore.back')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={restore.isPending}>
          {restore.isPending ? t('restore.working') : t('restore.submit')}
        </button>
      </div>
    </form>
  );
}
