import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkEnrolment } from '../../../../domain/enrolment';
import { TextAreaField } from '../../../../ui/field';
import { Notice } from '../../../../ui/notice';
import { SelectField } from '../../../../ui/select-field';
import { useEnrolMutation } from '../../api/enrolment-mutations';
import type { Journey } from '../../api/queries';
import { useErrorText, usePreviewFacts } from './enrolment-support';
import { MismatchList } from './mismatch-list';

/** Enrolling in a group: the same check the save makes, shown before it. */
export function EnrolForm({ journey }: { journey: Journey }) {
  const { t } = useTranslation('screening');
  const errorText = useErrorText();
  const enrol = useEnrolMutation();
  const facts = usePreviewFacts(journey);
  const [cohortId, setCohortId] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [tried, setTried] = useState(false);
  const open = journey.cohorts.filter((c) => c.status !== 'finished' && c.status !== 'archived');
  const cohort = open.find((c) => c.id === cohortId);
  const check = cohort ? checkEnrolment({ cohort, ...facts }) : undefined;
  const needsReason = Boolean(check && check.mismatches.length > 0);

  async function submit() {
    setTried(true);
    if (!cohort || !check || check.blocker) return;
    if (needsReason && !overrideReason.trim()) return;
    await enrol.mutateAsync({
      participantId: journey.participant.id,
      cohortId: cohort.id,
      overrideReason,
    });
    setCohortId('');
    setOverrideReason('');
    setTried(false);
  }

  return (
    <div className="enrol-form">
      <h3>{t('enrol.title')}</h3>
      <SelectField
        label={t('enrol.cohort')}
        value={cohortId}
        onChange={(v) => {
          setCohortId(v);
          setTried(false);
          enrol.reset();
        }}
        options={[
          { value: '', label: t('referral.choose') },
          ...open.map((c) => ({ value: c.id, label: c.name })),
        ]}
      />
      {cohort && check ? (
        <>
          <p className="muted">
            {t('enrol.places', { taken: check.placesTaken, capacity: cohort.capacity })}
          </p>
          {check.blocker ? (
            <Notice tone="warning" title={t(`enrol.refused.${check.blocker}`)} />
          ) : null}
          {!check.blocker && check.full ? <Notice tone="info" title={t('enrol.full')} /> : null}
          {!check.blocker && needsReason ? (
            <Notice tone="warning" title={t('enrol.mismatchTitle')}>
              <MismatchList mismatches={check.mismatches} />
              <TextAreaField
                label={t('enrol.overrideReason')}
                value={overrideReason}
                onChange={setOverrideReason}
                error={
                  tried && !overrideReason.trim()
                    ? t('enrol.refused.override-reason-needed')
                    : undefined
                }
              />
            </Notice>
          ) : null}
          {enrol.isError ? <Notice tone="error" live title={errorText(enrol.error)} /> : null}
          {enrol.isSuccess ? (
            <Notice
              tone="success"
              live
              title={
                enrol.data.enrolments[0]?.status === 'waitlisted'
                  ? t('enrol.doneWaitlisted')
                  : t('enrol.doneEnrolled')
              }
            />
          ) : null}
          <div className="button-row">
            <button
              type="button"
              className="btn btn-primary"
              disabled={enrol.isPending || Boolean(check.blocker)}
              onClick={() => void submit().catch(() => undefined)}
            >
              {check.full ? t('enrol.addToWaitlist') : t('enrol.enrol')}
            </button>
          </div>
        </>
      ) : null}
      {enrol.isSuccess && !cohort ? (
        <Notice
          tone="success"
          live
          title={
            enrol.data.enrolments[0]?.status === 'waitlisted'
              ? t('enrol.doneWaitlisted')
              : t('enrol.doneEnrolled')
          }
        />
      ) : null}
    </div>
  );
}
