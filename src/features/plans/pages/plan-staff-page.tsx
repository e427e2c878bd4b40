/**
 * The staff view of a young person's plan: which parts have something
 * written (never what), whether a plan was completed and removed, the plan's
 * language, and "Hand over" into kiosk mode.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Link } from '../../../ui/link';
import { useKiosk } from '../../../session/kiosk';
import { describeStorageError } from '../../../ui/storage-errors';
import { emptyPlan, planProgress, planSections } from '../../../domain/plan';
import { formatDate } from '../../../i18n/format';
import { isPlanLanguage, languageNames, planLanguages } from '../../../i18n/languages';
import { useLanguage } from '../../../i18n/i18n';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useSavePlanMutation } from '../api/mutations';
import { useParticipant } from '../../../entities/participants/queries';
import { usePlan, usePlanRemovals } from '../api/queries';
import '../components/plans.css';

export function PlanStaffPage() {
  const { participantId = '' } = useParams();
  const { t } = useTranslation('plans');
  const participant = useParticipant(participantId);
  const plan = usePlan(participantId);
  const removals = usePlanRemovals(participantId);
  const save = useSavePlanMutation();
  const { kiosk } = useKiosk();
  const [chosen, setChosen] = useState<string>();
  const lng = useLanguage();

  if (participant.isPending || plan.isPending || removals.isPending) return <Loading />;
  if (participant.isError) throw participant.error;
  if (plan.isError) throw plan.error;
  if (removals.isError) throw removals.error;
  if (!participant.data) {
    return (
      <Page title={t('staff.title')}>
        <Notice tone="info">{t('staff.notFound')}</Notice>
      </Page>
    );
  }

  const spoken = participant.data.languages.find(isPlanLanguage);
  const language = chosen ?? plan.data?.language ?? spoken ?? lng;
  const progress = plan.data ? planProgress(plan.data) : null;
  const lastRemoval = removals.data[0];

  async function handOver() {
    const base = plan.data ?? emptyPlan(participantId, language);
    await save.mutateAsync({ ...base, language });
    kiosk.enter(participantId);
  }

  return (
    <Page
      title={`${t('staff.title')} · ${participant.data.code}`}
      documentTitle={t('staff.title')}
      actions={
        <Link className="btn" to="/participants">
          {t('staff.back')}
        </Link>
      }
    >
      <p>{t('staff.intro')}</p>
      {lastRemoval ? (
        <Notice
          tone="success"
          title={t('staff.removed', { date: formatDate(lastRemoval.at, lng) })}
        />
      ) : null}
      <section className="panel" aria-labelledby="plan-progress">
        <h2 id="plan-progress">{participant.data.chosenName}</h2>
        {progress && plan.data ? (
          <>
            <p>
              {t('staff.progress', { filled: progress.filled.length, total: progress.total })}{' '}
              {t('staff.lastChanged', { date: formatDate(plan.data.updatedAt, lng) })}
            </p>
            <ul className="plan-progress-list">
              {planSections.map((id) => (
                <li key={id}>
                  {t(`sections.${id}.title`)}:{' '}
                  <strong>
                    {progress.filled.includes(id) ? t('staff.written') : t('staff.notYet')}
                  </strong>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">{t('staff.noPlan')}</p>
        )}
      </section>
      <section className="panel" aria-labelledby="plan-hand-over">
        <h2 id="plan-hand-over">{t('staff.handOverTitle')}</h2>
        <fieldset className="plan-language">
          <legend>{t('staff.language')}</legend>
          <p className="field-hint">{t('staff.languageHint')}</p>
          <div className="plan-language-options">
            {planLanguages.map((option) => (
              <label key={option} lang={option} className="radio-pill">
                <input
                  type="radio"
                  name="plan-language"
                  value={option}
                  checked={language === option}
                  onChange={() => setChosen(option)}
                />
                {languageNames[option]}
              </label>
            ))}
          </div>
        </fieldset>
        <p>{t('staff.handOverText')}</p>
        <button
          type="button"
          className="btn btn-primary"
          disabled={save.isPending}
          onClick={() => void handOver().catch(() => undefined)}
        >
          {t('staff.handOver')}
        </button>
        {save.isError ? (
          <Notice tone="error" live title={describeStorageError(save.error, t)} />
        ) : null}
      </section>
    </Page>
  );
}
