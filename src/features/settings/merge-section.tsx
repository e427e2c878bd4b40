import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_EXTENSION } from '../../db/backup/format';
import { formatDate } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';
import { Field, PassphraseField } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { useApplyMergeMutation, usePreviewMergeMutation } from './api/backup';
import { describeBackupError } from './api/backup-errors';

/**
 * Bringing in a backup from another device of the organisation: open the
 * file, see what would be added, updated and deleted, then merge — or not.
 */
export function MergeSection() {
  const { t } = useTranslation('settings');
  const preview = usePreviewMergeMutation();
  const apply = useApplyMergeMutation();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  function check(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    apply.reset();
    preview.reset();
    if (!file || !passphrase) return;
    preview.mutate({ file, passphrase });
  }

  function merge() {
    if (!preview.data) return;
    apply.mutate(preview.data, {
      onSuccess: () => {
        preview.reset();
        setFile(null);
        setPassphrase('');
        setSubmitted(false);
        setInputKey((k) => k + 1);
      },
    });
  }

  const summary = preview.data?.preview.summary;
  const lng = useLanguage();
  return (
    <section className="panel" aria-labelledby="settings-merge">
      <h2 id="settings-merge">{t('merge.title')}</h2>
      <p>{t('merge.text')}</p>
      <form onSubmit={check} noValidate>
        <Field
          key={inputKey}
          label={t('merge.file')}
          type="file"
          accept={BACKUP_EXTENSION}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            preview.reset();
          }}
          error={submitted && !file ? t('merge.chooseFile') : undefined}
        />
        <PassphraseField
          label={t('merge.passphrase')}
          name="merge-passphrase"
          autoComplete="off"
          value={passphrase}
          onChange={(e) => {
            setPassphrase(e.target.value);
            preview.reset();
          }}
          error={submitted && !passphrase ? t('merge.enterPassphrase') : undefined}
        />
        {preview.isError ? (
          <Notice tone="error" live title={describeBackupError(preview.error, t)} />
        ) : null}
        <button type="submit" className="btn" disabled={preview.isPending || apply.isPending}>
          {preview.isPending ? t('merge.checking') : t('merge.check')}
        </button>
      </form>
      {summary && preview.data ? (
        <div className="merge-preview" aria-live="polite">
          <h3>{t('merge.previewTitle')}</h3>
          <p>{t('merge.from', { date: formatDate(preview.data.backup.createdAt, lng) })}</p>
          {summary.added + summary.updated + summary.deleted === 0 ? (
            <p>{t('merge.nothing')}</p>
          ) : (
            <ul data-testid="merge-preview">
              <li>{t('merge.added', { count: summary.added })}</li>
              <li>{t('merge.updated', { count: summary.updated })}</li>
              <li>{t('merge.deleted', { count: summary.deleted })}</li>
            </ul>
          )}
          {Object.keys(summary.byTable).length > 0 ? (
            <div className="table-wrap">
              <table>
                <caption>{t('merge.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('merge.kind')}</th>
                    <th scope="col">{t('merge.addedShort')}</th>
                    <th scope="col">{t('merge.updatedShort')}</th>
                    <th scope="col">{t('merge.deletedShort')}</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(summary.byTable).map(([name, changes]) => (
                    <tr key={name}>
                      <th scope="row">
                        {t(`merge.tables.${name}`, { defaultValue: t('merge.tables.other') })}
                      </th>
                      <td>{changes.added}</td>
                      <td>{changes.updated}</td>
                      <td>{changes.deleted}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <p className="muted">{t('merge.rule')}</p>
          {apply.isError ? (
            <Notice tone="error" live title={describeBackupError(apply.error, t)} />
          ) : null}
          <div className="button-row">
            <button
              type="button"
              className="btn"
              onClick={() => preview.reset()}
              disabled={apply.isPending}
            >
              {t('merge.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={merge}
              disabled={apply.isPending || summary.added + summary.updated + summary.deleted === 0}
            >
              {apply.isPending ? t('merge.merging') : t('merge.apply')}
            </button>
          </div>
        </div>
      ) : null}
      {apply.isSuccess ? (
        <Notice tone="success" live title={t('merge.done')}>
          <ul>
            <li>{t('merge.added', { count: apply.data.added })}</li>
            <li>{t('merge.updated', { count: apply.data.updated })}</li>
            <li>{t('merge.deleted', { count: apply.data.deleted })}</li>
          </ul>
        </Notice>
      ) : null}
    </section>
  );
}
