import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_EXTENSION } from '../../db/backup/format';
import { formatDate } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';
import { Field, PassphraseField } from '../../ui/field';
import { Notice } from '../../ui/notice';
import type { ChangeGroup } from '../../db/backup/merge';
import { useServices } from '../../services/services';
import { useApplyMergeMutation, usePreviewMergeMutation } from './api/backup';
import { describeBackupError } from './api/backup-errors';

/**
 * Bringing in a backup from another device of the organisation: open the
 * file, see what would be added, updated and deleted (by kind of record and
 * day) and what the device will not take from it, then merge — or not.
 * Coordinators only: a merge can replace any record (the store refuses it
 * too; this only explains it).
 */
export function MergeSection() {
  const { t } = useTranslation('settings');
  const { vault } = useServices();
  if (!vault.hasCoordinatorKey)
    return (
      <section className="panel" aria-labelledby="settings-merge">
        <h2 id="settings-merge">{t('merge.title')}</h2>
        <p>{t('merge.coordinatorsOnly')}</p>
      </section>
    );
  return <MergeForm />;
}

/** One line per kind of record, outcome and day: "Screenings · 12.11.2026 · newer edit: 1". */
function GroupList({
  groups,
  outcome,
  testId,
}: {
  groups: ChangeGroup<string>[];
  outcome: (group: ChangeGroup<string>) => string;
  testId: string;
}) {
  const { t } = useTranslation('settings');
  const lng = useLanguage();
  return (
    <ul data-testid={testId}>
      {groups.map((g) => (
        <li key={`${g.table}|${g.outcome}|${g.day}`}>
          {t('merge.line', {
            kind: t(`merge.tables.${g.table}`, { defaultValue: t('merge.tables.other') }),
            date: g.day ? formatDate(g.day, lng) : '—',
            outcome: outcome(g),
            n: g.count,
          })}
        </li>
      ))}
    </ul>
  );
}

function MergeForm() {
  const { t } = useTranslation('settings');
  const preview = usePreviewMergeMutation();
  const apply = useApplyMergeMutation();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [inputKey, setInputKey] = useState(0);
  const [confirmUnsigned, setConfirmUnsigned] = useState(false);

  function check(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    apply.reset();
    preview.reset();
    setConfirmUnsigned(false);
    if (!file || !passphrase) return;
    preview.mutate({ file, passphrase });
  }

  function merge() {
    if (!preview.data) return;
    apply.mutate(
      { ...preview.data, confirmUnsigned },
      {
        onSuccess: () => {
          preview.reset();
          setFile(null);
          setPassphrase('');
          setSubmitted(false);
          setInputKey((k) => k + 1);
        },
      },
    );
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
          {summary.authenticated ? null : (
            <Notice tone="warning" title={t('merge.unsignedTitle')}>
              <p>{t('merge.unsignedText')}</p>
              <label className="radio-row">
                <input
                  type="checkbox"
                  checked={confirmUnsigned}
                  onChange={(e) => setConfirmUnsigned(e.target.checked)}
                />
                {t('merge.unsignedConfirm')}
              </label>
            </Notice>
          )}
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
          {summary.changes.length > 0 ? (
            <>
              <h4>{t('merge.changesTitle')}</h4>
              <GroupList
                groups={summary.changes}
                outcome={(g) => t(`merge.outcome.${g.outcome}`)}
                testId="merge-changes"
              />
            </>
          ) : null}
          {summary.skipped.length > 0 ? (
            <Notice tone="warning" title={t('merge.skippedTitle')}>
              <p>{t('merge.skippedText')}</p>
              <GroupList
                groups={summary.skipped}
                outcome={(g) => t(`merge.skip.${g.outcome}`)}
                testId="merge-skipped"
              />
              {summary.skipped.some((g) => g.table === 'keyring' && g.outcome === 'undeletable') ? (
                <p>{t('merge.keyringKept')}</p>
              ) : null}
            </Notice>
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
              disabled={
                apply.isPending ||
                summary.added + summary.updated + summary.deleted === 0 ||
                (!summary.authenticated && !confirmUnsigned)
              }
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
