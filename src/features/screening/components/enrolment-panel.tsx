import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeStorageError } from '../../../ui/storage-errors';
import { todayInRiga } from '../../../domain/calendar-date';
import type { Cohort } from '../../../domain/cohort';
import {
  checkEnrolment,
  isActive,
  waitlistOf,
  type Enrolment,
  type EnrolmentChange,
  type Mismatch,
} from '../../../domain/enrolment';
import { currentAge } from '../../../domain/referral';
import { formatDate } from '../../../i18n/format';
import { Notice } from '../../../ui/notice';
import {
  useConfirmOfferMutation,
  useEnrolMutation,
  useTransferMutation,
  useWithdrawMutation,
} from '../api/enrolment-mutations';
import { RefusedError } from '../api/write-support';
import { useParticipantCodes, useScreeningValidityDays, type Journey } from '../api/queries';
import { SelectField } from '../../../ui/select-field';
import { TextAreaField } from '../../../ui/field';

function useErrorText() {
  const { t } = useTranslation('screening');
  return (error: unknown) =>
    error instanceof RefusedError
      ? t(`enrol.refused.${error.code}`)
      : describeStorageError(error, t);
}

export function MismatchList({ mismatches }: { mismatches: Mismatch[] }) {
  const { t } = useTranslation('screening');
  return (
    <ul>
      {mismatches.map((m) => (
        <li key={m.kind}>
          {m.kind === 'age'
            ? t('enrol.mismatch.age', { age: m.age, min: m.min, max: m.max })
            : m.kind === 'age-unknown'
              ? t('enrol.mismatch.ageUnknown')
              : m.kind === 'composition'
                ? t('enrol.mismatch.composition', {
                    composition: t(`composition.${m.composition}`),
                    gender: t(`gender.${m.gender}`),
                  })
                : m.kind === 'preference'
                  ? t('enrol.mismatch.preference', {
                      composition: t(`composition.${m.composition}`),
                      preferred: t(`composition.${m.preferred}`),
                    })
                  : t('enrol.mismatch.language', {
                      language: t(`language.${m.language}`),
                      preferred: t(`language.${m.preferred}`),
                    })}
        </li>
      ))}
    </ul>
  );
}

/** Places in groups: history, actions on each, and enrolling in a group. */
export function EnrolmentPanel({ journey }: { journey: Journey }) {
  const { t, i18n } = useTranslation('screening');
  const lng = i18n.resolvedLanguage ?? 'lv';
  const codes = useParticipantCodes();
  const [offered, setOffered] = useState<{ enrolment: Enrolment; cohort: Cohort } | null>(null);
  const own = journey.enrolments
    .filter((e) => e.participantId === journey.participant.id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const cohortName = (id: string) => journey.cohorts.find((c) => c.id === id)?.name ?? '—';

  const onLeft = (change: EnrolmentChange) =>
    setOffered(change.offered ? { enrolment: change.offered, cohort: change.cohort } : null);

  return (
    <section className="panel" aria-labelledby="j-enrolments">
      <h2 id="j-enrolments">{t('journey.enrolments')}</h2>
      {offered ? (
        <Notice tone="success" live title={t('enrol.offeredTitle')}>
          <p>
            {t('enrol.offeredText', {
              cohort: offered.cohort.name,
              code: codes.data?.get(offered.enrolment.participantId) ?? '',
            })}
          </p>
          <Link className="btn btn-primary" to={`/participants/${offered.enrolment.participantId}`}>
            {t('enrol.openOffered')}
          </Link>
        </Notice>
      ) : null}
      {own.length === 0 ? <p className="muted">{t('journey.noEnrolments')}</p> : null}
      <ul className="journey-list">
        {own.map((e) => (
          <EnrolmentItem
            key={e.id}
            enrolment={e}
            journey={journey}
            cohortName={cohortName(e.cohortId)}
            lng={lng}
            onLeft={onLeft}
          />
        ))}
      </ul>
      <EnrolForm journey={journey} />
    </section>
  );
}

function EnrolmentItem({
  enrolment: e,
  journey,
  cohortName,
  lng,
  onLeft,
}: {
  enrolment: Enrolment;
  journey: Journey;
  cohortName: string;
  lng: string;
  onLeft: (change: EnrolmentChange) => void;
}) {
  const { t } = useTranslation('screening');
  const errorText = useErrorText();
  const [mode, setMode] = useState<'none' | 'withdraw' | 'transfer'>('none');
  const [reason, setReason] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [target, setTarget] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const withdraw = useWithdrawMutation();
  const transfer = useTransferMutation();
  const confirm = useConfirmOfferMutation();
  const position =
    e.status === 'waitlisted'
      ? waitlistOf(journey.enrolments, e.cohortId).findIndex((w) => w.id === e.id) + 1
      : 0;
  const validityDays = useScreeningValidityDays();
  const today = todayInRiga();
  const confirmCheck =
    e.status === 'offered'
      ? checkEnrolment({
          cohort: journey.cohorts.find((c) => c.id === e.cohortId)!,
          participant: journey.participant,
          age: currentAge(journey.referral, today),
          screenings: journey.screenings,
          enrolments: journey.enrolments,
          today,
          validityDays,
          ignoreEnrolmentId: e.id,
        })
      : undefined;

  async function submitLeave() {
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    if (mode === 'withdraw') onLeft(await withdraw.mutateAsync({ enrolmentId: e.id, reason }));
    else {
      const result = await transfer.mutateAsync({
        enrolmentId: e.id,
        toCohortId: target,
        reason,
        overrideReason,
      });
      onLeft(result.leave);
    }
    setMode('none');
  }

  const failed = withdraw.error ?? transfer.error ?? confirm.error;
  return (
    <li>
      <p>
        <strong>{cohortName}</strong> — <span className="badge">{t(`status.${e.status}`)}</span>
        {position > 0 ? ` ${t('enrol.position', { n: position })}` : null}
      </p>
      <p className="muted">
        {[
          e.enrolledOn ? t('enrol.enrolledOn', { date: formatDate(e.enrolledOn, lng) }) : '',
          e.waitlistedOn ? t('enrol.waitlistedOn', { date: formatDate(e.waitlistedOn, lng) }) : '',
          e.offeredOn ? t('enrol.offeredOn', { date: formatDate(e.offeredOn, lng) }) : '',
          e.endedOn ? t('enrol.endedOn', { date: formatDate(e.endedOn, lng) }) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {e.endReason ? <p>{t('enrol.endReason', { reason: e.endReason })}</p> : null}
      {e.overrideReason ? <p>{t('enrol.overrideNoted', { reason: e.overrideReason })}</p> : null}
      {e.status === 'offered' && confirmCheck ? (
        <div>
          <Notice tone="info" title={t('enrol.offerPending')} />
          {confirmCheck.blocker ? (
            <Notice tone="warning" title={t(`enrol.refused.${confirmCheck.blocker}`)} />
          ) : null}
          {confirmCheck.mismatches.length > 0 ? (
            <>
              <MismatchList mismatches={confirmCheck.mismatches} />
              <TextAreaField
                label={t('enrol.overrideReason')}
                value={overrideReason}
                onChange={setOverrideReason}
              />
            </>
          ) : null}
          <div className="button-row">
            <button
              type="button"
              className="btn btn-primary"
              disabled={confirm.isPending}
              onClick={() =>
                void confirm
                  .mutateAsync({ enrolmentId: e.id, overrideReason })
                  .catch(() => undefined)
              }
            >
              {t('enrol.confirmOffer')}
            </button>
          </div>
        </div>
      ) : null}
      {isActive(e) && mode === 'none' ? (
        <div className="button-row">
          <button type="button" className="btn" onClick={() => setMode('withdraw')}>
            {e.status === 'offered' ? t('enrol.decline') : t('enrol.withdraw')}
          </button>
          {e.status === 'enrolled' ? (
            <button type="button" className="btn" onClick={() => setMode('transfer')}>
              {t('enrol.transfer')}
            </button>
          ) : null}
        </div>
      ) : null}
      {mode !== 'none' ? (
        <div>
          {mode === 'transfer' ? (
            <SelectField
              label={t('enrol.transferTo')}
              value={target}
              onChange={setTarget}
              options={[
                { value: '', label: t('referral.choose') },
                ...journey.cohorts
                  .filter(
                    (c) =>
                      c.id !== e.cohortId && c.status !== 'finished' && c.status !== 'archived',
                  )
                  .map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
          ) : null}
          <TextAreaField
            label={mode === 'withdraw' ? t('enrol.withdrawReason') : t('enrol.transferReason')}
            value={reason}
            onChange={(v) => {
              setReason(v);
              setReasonMissing(false);
            }}
            error={reasonMissing ? t('enrol.reasonNeeded') : undefined}
          />
          {mode === 'transfer' ? (
            <TextAreaField
              label={t('enrol.overrideReasonOptional')}
              value={overrideReason}
              onChange={setOverrideReason}
            />
          ) : null}
          <div className="button-row">
            <button type="button" className="btn" onClick={() => setMode('none')}>
              {t('actions.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={
                withdraw.isPending || transfer.isPending || (mode === 'transfer' && !target)
              }
              onClick={() => void submitLeave().catch(() => undefined)}
            >
              {mode === 'withdraw'
                ? e.status === 'offered'
                  ? t('enrol.confirmDecline')
                  : t('enrol.confirmWithdraw')
                : t('enrol.confirmTransfer')}
            </button>
          </div>
        </div>
      ) : null}
      {failed ? <Notice tone="error" live title={errorText(failed)} /> : null}
    </li>
  );
}

function EnrolForm({ journey }: { journey: Journey }) {
  const { t } = useTranslation('screening');
  const errorText = useErrorText();
  const enrol = useEnrolMutation();
  const validityDays = useScreeningValidityDays();
  const [cohortId, setCohortId] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [tried, setTried] = useState(false);
  const today = todayInRiga();
  const open = journey.cohorts.filter((c) => c.status !== 'finished' && c.status !== 'archived');
  const cohort = open.find((c) => c.id === cohortId);
  const check = cohort
    ? checkEnrolment({
        cohort,
        participant: journey.participant,
        age: currentAge(journey.referral, today),
        screenings: journey.screenings,
        enrolments: journey.enrolments,
        today,
        validityDays,
      })
    : undefined;
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
