import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../ui/link';
import { useVaultSession } from '../../../services/services';
import {
  assignFollowUp,
  isOverdue,
  moveFollowUp,
  nextStatuses,
  type FollowUp,
} from '../../../domain/follow-up';
import type { Staff } from '../../../domain/staff';
import { formatDate } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { Notice } from '../../../ui/notice';
import { useUpdateFollowUpMutation, type FollowUpList } from '../../../entities/follow-ups/queries';
import { displayName } from '../api/queries';

interface FollowUpCardProps {
  followUp: FollowUp;
  list: FollowUpList;
  staff: Staff[];
  today: string;
  sharedScreen: boolean;
}

/** One follow-up: what it is about, owner and due date, and moving it on (closing needs a note). */
export function FollowUpCard({ followUp, list, staff, today, sharedScreen }: FollowUpCardProps) {
  const { t } = useTranslation('meeting');
  const lng = useLanguage();
  const id = useId();
  const session = useVaultSession();
  const update = useUpdateFollowUpMutation();
  const [closing, setClosing] = useState(false);
  const [closingNote, setClosingNote] = useState('');
  const [noteError, setNoteError] = useState(false);
  const participant = followUp.participantId
    ? list.participants.get(followUp.participantId)
    : undefined;
  const cohort = followUp.cohortId ? list.cohorts.get(followUp.cohortId) : undefined;
  const meeting = followUp.meetingId ? list.meetings.get(followUp.meetingId) : undefined;
  const concern = followUp.concernId ? list.concerns.get(followUp.concernId) : undefined;
  const overdue = isOverdue(followUp, today);
  const closed = followUp.status === 'closed';
  const who = participant ? displayName(participant, sharedScreen) : t('followUps.nobody');
  const kindLabel = concern
    ? t('followUps.kind.concern', { type: t(`concern.types.${concern.type}`) })
    : followUp.kind === 'absence-run'
      ? t('followUps.kind.absenceRun', { count: followUp.absences ?? 2 })
      : followUp.kind === 'missing-risk-absence'
        ? t('followUps.kind.missingRisk')
        : followUp.kind === 'screening-next-step'
          ? t('followUps.kind.screeningNextStep')
          : followUp.kind === 'rescreen'
            ? t('followUps.kind.rescreen')
            : followUp.kind === 'screening-need'
              ? t('followUps.kind.screeningNeed')
              : followUp.kind === 'support-review'
                ? t('followUps.kind.supportReview')
                : t('followUps.kind.concernUnreadable');
  const fromScreening = followUp.screeningId !== undefined;

  function save(next: FollowUp | null) {
    if (next) update.mutate(next);
  }

  function start() {
    if (!session) return;
    const result = moveFollowUp(followUp, 'in-progress', { by: session.staffId });
    if (result.ok) update.mutate(result.followUp);
  }

  function close() {
    if (!session) return;
    const result = moveFollowUp(followUp, 'closed', { by: session.staffId, closingNote });
    if (!result.ok) {
      setNoteError(true);
      return;
    }
    setNoteError(false);
    update.mutate(result.followUp);
  }

  return (
    <li className={`card${overdue ? ' follow-up-overdue' : ''}`}>
      <h2 className="card-title">
        {kindLabel} — {who}
      </h2>
      <p className="meta">
        <span className="badge">{t(`followUps.status.${followUp.status}`)}</span>
        {overdue ? <span className="badge badge-caution">{t('followUps.overdue')}</span> : null}
        {cohort ? <span>{cohort.name}</span> : null}
        {meeting ? (
          <span>
            <Link to={`/meetings/${meeting.id}`}>
              {t('meetingNumber', { number: meeting.number })}, {formatDate(meeting.date, lng)}
            </Link>
          </span>
        ) : null}
        {fromScreening && participant ? (
          <span>
            <Link to={`/participants/${participant.id}`}>{t('followUps.openJourney')}</Link>
          </span>
        ) : null}
      </p>
      {concern ? (
        <dl className="facts">
          <div>
            <dt>{t('concern.seenOrSaid')}</dt>
            <dd className="note-text">{concern.seenOrSaid}</dd>
          </div>
          <div>
            <dt>{t('concern.actionTaken')}</dt>
            <dd className="note-text">{concern.actionTaken || '—'}</dd>
          </div>
        </dl>
      ) : null}
      {closed ? (
        <dl className="facts">
          <div>
            <dt>{t('followUps.closingNote')}</dt>
            <dd className="note-text">{followUp.closingNote}</dd>
          </div>
        </dl>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-owner`}>{t('followUps.owner')}</label>
            <select
              id={`${id}-owner`}
              value={followUp.ownerId ?? ''}
              onChange={(e) =>
                save(assignFollowUp(followUp, { ownerId: e.target.value || undefined }))
              }
            >
              <option value="">{t('followUps.noOwner')}</option>
              {staff
                .filter((s) => s.active)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-due`}>{t('followUps.due')}</label>
            <input
              id={`${id}-due`}
              type="date"
              value={followUp.dueDate ?? ''}
              onChange={(e) =>
                save(assignFollowUp(followUp, { dueDate: e.target.value || undefined }))
              }
            />
          </div>
          {closing ? (
            <div className="field">
              <label htmlFor={`${id}-note`}>{t('followUps.closingNote')}</label>
              <textarea
                id={`${id}-note`}
                rows={3}
                value={closingNote}
                aria-invalid={noteError ? true : undefined}
                aria-describedby={noteError ? `${id}-note-error` : undefined}
                onChange={(e) => setClosingNote(e.target.value)}
              />
              {noteError ? (
                <div id={`${id}-note-error`} className="field-error" role="alert">
                  {t('followUps.closingNoteRequired')}
                </div>
              ) : null}
            </div>
          ) : null}
          {update.isError ? (
            <Notice tone="error" live title={t('common:errors.saveFailed')} />
          ) : null}
          <div className="button-row">
            {nextStatuses(followUp.status).includes('in-progress') ? (
              <button type="button" className="btn" onClick={start}>
                {t('followUps.start')}
              </button>
            ) : null}
            {closing ? (
              <button type="button" className="btn btn-primary" onClick={close}>
                {t('followUps.confirmClose')}
              </button>
            ) : (
              <button type="button" className="btn" onClick={() => setClosing(true)}>
                {t('followUps.close')}
              </button>
            )}
          </div>
        </>
      )}
    </li>
  );
}
