import { useTranslation } from 'react-i18next';
import { countAttendance } from '../../../domain/attendance-rules';
import type { Meeting } from '../../../domain/meeting';
import type { Participant } from '../../../domain/participant';
import { Notice } from '../../../ui/notice';
import { useMissingRiskParticipantIds } from '../../../entities/screenings/missing-risk';
import { Link } from '../../../ui/link';
import { feedbackPath } from '../../../session/feedback-paths';
import { useIsCoordinator } from '../../../entities/staff/queries';
import { useOrganisation } from '../../../entities/organisation/queries';
import { useCloseMeetingMutation } from '../api/mutations';
import { useAttendance, useFeltUnsafe, useMeetingConcerns } from '../api/queries';
import type { MeetingNoteEditor } from './use-meeting-note';
import { attendanceTexts } from './attendance-count';

interface CloseSectionProps {
  meeting: Meeting;
  roster: Participant[];
  editor: MeetingNoteEditor;
}

/** The summary of the meeting, a hand-over note, and closing it (marks it held). */
export function CloseSection({ meeting, roster, editor }: CloseSectionProps) {
  const { t } = useTranslation('meeting');
  const attendance = useAttendance(meeting.id);
  const concerns = useMeetingConcerns(meeting.id);
  const feltUnsafe = useFeltUnsafe(meeting.id).data ?? 0;
  const organisation = useOrganisation();
  const missingRiskIds = useMissingRiskParticipantIds();
  const close = useCloseMeetingMutation();
  const isCoordinator = useIsCoordinator();
  const count = countAttendance(
    roster.map((p) => p.id),
    attendance.data?.marks ?? [],
  );
  const attended = attendanceTexts(t, count);
  const { note } = editor;
  const held = meeting.status === 'held';

  return (
    <div className="close-meeting">
      <dl className="facts summary">
        <div>
          <dt>{t('close.attendance')}</dt>
          <dd>
            {attended.total} ({attended.breakdown})
          </dd>
        </div>
        <div>
          <dt>{t('close.notes')}</dt>
          <dd>
            {[
              note.mood ? t('earlier.mood', { value: note.mood }) : '',
              note.engagement ? t('earlier.engagement', { value: note.engagement }) : '',
              note.tags.map((tag) => t(`notes.tag.${tag}`, { defaultValue: tag })).join(', '),
            ]
              .filter(Boolean)
              .join(' · ') || t('close.noNotes')}
          </dd>
        </div>
        <div>
          <dt>{t('close.concerns')}</dt>
          <dd>
            {t('close.concernCount', { count: concerns.data?.count ?? 0 })}
            {concerns.data?.items?.length
              ? `: ${concerns.data.items.map((c) => t(`concern.types.${c.type}`)).join(', ')}`
              : ''}
          </dd>
        </div>
      </dl>
      <div className="field">
        <label htmlFor="meeting-handover">{t('close.handover')}</label>
        <div id="meeting-handover-hint" className="field-hint">
          {t('close.handoverHint')}
        </div>
        <textarea
          id="meeting-handover"
          rows={4}
          maxLength={5_000}
          readOnly={!editor.editable}
          aria-describedby="meeting-handover-hint"
          value={note.handover ?? ''}
          onChange={(e) => editor.update({ handover: e.target.value })}
        />
      </div>
      {feltUnsafe > 0 ? (
        <Notice tone="warning" title={t('close.unsafe', { count: feltUnsafe })}>
          <p>{t('close.unsafeHint')}</p>
        </Notice>
      ) : null}
      {held ? (
        <Notice tone="success" title={t('close.closed')}>
          {/* The anonymous check-out: the young people answer on this device. */}
          <Link className="btn" to={feedbackPath(meeting.id)}>
            {t('close.feedback')}
          </Link>
        </Notice>
      ) : null}
      {close.isError ? <Notice tone="error" live title={t('common:errors.saveFailed')} /> : null}
      {close.isSuccess ? (
        <Notice
          tone="success"
          live
          title={
            close.data > 0 ? t('close.doneWithFollowUps', { count: close.data }) : t('close.done')
          }
        >
          {isCoordinator ? <Link to="/follow-ups">{t('followUps.open')}</Link> : null}
        </Notice>
      ) : null}
      {editor.editable ? (
        <button
          type="button"
          className="btn btn-primary"
          disabled={close.isPending}
          onClick={() =>
            close.mutate({
              meeting,
              note: { ...note, updatedAt: new Date().toISOString() },
              missingRiskIds,
              threshold: organisation.data?.absenceThreshold,
            })
          }
        >
          {held ? t('close.saveAgain') : t('close.submit')}
        </button>
      ) : null}
    </div>
  );
}
