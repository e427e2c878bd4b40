import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkEnrolment,
  isActive,
  waitlistOf,
  type Enrolment,
  type EnrolmentChange,
} from '../../../../domain/enrolment';
import { formatDate } from '../../../../i18n/format';
import { TextAreaField } from '../../../../ui/field';
import { Notice } from '../../../../ui/notice';
import { SelectField } from '../../../../ui/select-field';
import {
  useConfirmOfferMutation,
  useTransferMutation,
  useWithdrawMutation,
} from '../../api/enrolment-mutations';
import type { Journey } from '../../api/queries';
import { useErrorText, usePreviewFacts } from './enrolment-support';
import { MismatchList } from './mismatch-list';

/** One place in a group: its history, and withdrawing, transferring or confirming an offer. */
export function EnrolmentItem({
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
  const facts = usePreviewFacts(journey);
  const confirmCheck =
    e.status === 'offered'
      ? checkEnrolment({
          cohort: journey.cohorts.find((c) => c.id === e.cohortId)!,
          ...facts,
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
