import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeStorageError } from '../../ui/storage-errors';
import { todayInRiga } from '../../domain/calendar-date';
import { DEFAULT_RETENTION_MONTHS, dueForDeletion } from '../../domain/retention';
import { formatDate } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';
import { Field } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { useCohortSummaries } from '../../entities/cohorts/queries';
import { useOrganisation } from '../../entities/organisation/queries';
import { useEraseCohortMutation } from '../../entities/participants/erasure';
import { useSaveRetentionMutation } from './api/records';

/**
 * Retention review (coordinators): finished groups whose records are due for
 * deletion under the organisation's policy. Nothing goes without a decision.
 */
export function RetentionSection() {
  const { t } = useTranslation('settings');
  const lng = useLanguage();
  const organisation = useOrganisation();
  const summaries = useCohortSummaries();
  const save = useSaveRetentionMutation();
  const erase = useEraseCohortMutation();
  const months = organisation.data?.retentionMonths ?? DEFAULT_RETENTION_MONTHS;
  const [draft, setDraft] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<{ name: string; participants: number } | null>(null);

  const due = dueForDeletion(
    (summaries.data?.summaries ?? []).map((s) => s.cohort),
    (summaries.data?.summaries ?? []).flatMap((s) => s.meetings),
    todayInRiga(),
    months,
  );
  const value = draft ?? String(months);
  const valid = /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 120;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    save.mutate(Number(value), { onSuccess: () => setDraft(null) });
  }

  async function eraseGroup(cohortId: string, name: string) {
    const { participants } = await erase.mutateAsync(cohortId);
    setConfirming(null);
    setDone({ name, participants });
  }

  return (
    <section className="panel" aria-labelledby="settings-retention">
      <h2 id="settings-retention">{t('retention.title')}</h2>
      <p>{t('retention.intro', { count: months })}</p>
      <form className="inline-form" onSubmit={submit} noValidate>
        <Field
          label={t('retention.months')}
          type="number"
          inputMode="numeric"
          value={value}
          onChange={(e) => setDraft(e.target.value)}
          error={valid ? undefined : t('retention.monthsInvalid')}
        />
        <button type="submit" className="btn" disabled={save.isPending || draft === null}>
          {t('retention.save')}
        </button>
      </form>
      {done ? (
        <Notice
          tone="success"
          live
          title={t('retention.erased', { name: done.name, count: done.participants })}
        />
      ) : null}
      {erase.isError ? (
        <Notice tone="error" live title={describeStorageError(erase.error, t)} />
      ) : null}
      <h3>{t('retention.review')}</h3>
      {due.length === 0 ? (
        <p className="muted">{t('retention.nothingDue')}</p>
      ) : (
        <ul className="plain-list">
          {due.map(({ cohort, lastMeeting, dueOn }) => (
            <li key={cohort.id} className="retention-item">
              <p>
                <strong>{cohort.name}</strong> —{' '}
                {t('retention.dueLine', {
                  last: formatDate(lastMeeting, lng),
                  due: formatDate(dueOn, lng),
                })}
              </p>
              {confirming === cohort.id ? (
                <div className="button-row">
                  <p role="alert">{t('retention.confirm', { name: cohort.name })}</p>
                  <button type="button" className="btn" onClick={() => setConfirming(null)}>
                    {t('retention.keep')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-danger"
                    disabled={erase.isPending}
                    onClick={() => void eraseGroup(cohort.id, cohort.name).catch(() => undefined)}
                  >
                    {t('retention.deleteForGood')}
                  </button>
                </div>
              ) : (
                <button type="button" className="btn" onClick={() => setConfirming(cohort.id)}>
                  {t('retention.delete', { name: cohort.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
