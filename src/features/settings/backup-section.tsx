import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { passphraseStrength } from '../../domain/passphrase';
import { formatDate } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';
import { Notice } from '../../ui/notice';
import {
  BACKUP_DUE_DAYS,
  isBackupDue,
  useBackupStatus,
  useCreateBackupMutation,
} from './api/backup';
import { PassphraseFields } from '../../ui/passphrase-fields';
import { describeBackupError } from './api/backup-errors';

/** Saving an encrypted backup file, with the date of the last one and a reminder when one is due. */
export function BackupSection() {
  const { t } = useTranslation('settings');
  const status = useBackupStatus();
  const create = useCreateBackupMutation();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    create.reset();
    if (passphraseStrength(passphrase) === 'too-short' || passphrase !== confirm) return;
    create.mutate(passphrase, {
      onSuccess: () => {
        setPassphrase('');
        setConfirm('');
        setSubmitted(false);
      },
    });
  }

  const last = status.data?.lastBackupAt ?? null;
  const lng = useLanguage();
  return (
    <section className="panel" aria-labelledby="settings-backup">
      <h2 id="settings-backup">{t('backup.title')}</h2>
      <p>{t('backup.text')}</p>
      {status.data ? (
        <>
          <p data-testid="last-backup">
            {last ? t('backup.last', { date: formatDate(last, lng) }) : t('backup.never')}
          </p>
          {/* "More than 7 days since the last backup" only when there was one. */}
          {isBackupDue(last) ? (
            <Notice
              tone="warning"
              title={last ? t('backup.due', { days: BACKUP_DUE_DAYS }) : t('backup.makeOne')}
            >
              <p>{t('backup.safari')}</p>
            </Notice>
          ) : null}
        </>
      ) : null}
      <form onSubmit={submit} noValidate>
        <PassphraseFields
          kind="backup"
          passphrase={passphrase}
          confirm={confirm}
          onPassphrase={setPassphrase}
          onConfirm={setConfirm}
          showErrors={submitted}
        />
        {create.isError ? (
          <Notice tone="error" live title={describeBackupError(create.error, t)} />
        ) : null}
        {create.isSuccess ? (
          <Notice tone="success" live title={t('backup.saved', { file: create.data.fileName })} />
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? t('backup.working') : t('backup.create')}
        </button>
      </form>
    </section>
  );
}
