import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Link } from '../../../ui/link';
import { NotFound } from '../../../ui/not-found';
import { isCustom, type CustomProgramme, type MeetingPlan } from '../../../domain/programme';
import { Field, TextAreaField } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useCurrentStaff } from '../../../entities/staff/queries';
import { useSaveProgrammeMutation } from '../api/mutations';
import { useProgramme } from '../../../entities/programmes/queries';
import { MeetingEditor } from '../components/meeting-editor';
import { useAutosave } from '../../../ui/use-autosave';
import { move, renumber } from '../components/reorder';

export function ProgrammeEditor() {
  const { programmeId = '' } = useParams();
  const { t } = useTranslation('programmes');
  const query = useProgramme(programmeId);
  const staff = useCurrentStaff();
  const isCoordinator = staff.data?.role === 'coordinator';

  // Wait for the signed-in person too, or a coordinator briefly reads "Only coordinators can edit".
  if (query.isPending || staff.isPending) return <Loading />;
  if (query.isError) throw query.error;
  if (!query.data) return <NotFound />;
  const { programme } = query.data;
  if (!isCustom(programme)) {
    return (
      <Page title={programme.title}>
        <Notice tone="info">{t('editor.shippedReadOnly')}</Notice>
      </Page>
    );
  }
  if (!isCoordinator) {
    return (
      <Page title={t('editor.title')}>
        <Notice tone="info">{t('editor.coordinatorsOnly')}</Notice>
      </Page>
    );
  }
  return <EditorForm key={programme.id} initial={programme} />;
}

function EditorForm({ initial }: { initial: CustomProgramme }) {
  const { t } = useTranslation('programmes');
  const saveMutation = useSaveProgrammeMutation();
  const { status, schedule, retry } = useAutosave(saveMutation.mutateAsync);
  const [draft, setDraft] = useState(initial);
  // After a meeting moves or is added, keep keyboard focus on it.
  const focusMeeting = (id: string) =>
    requestAnimationFrame(() => document.getElementById(`meeting-${id}`)?.focus());

  function update(next: CustomProgramme) {
    setDraft(next);
    schedule(next);
  }

  function setMeetings(meetings: MeetingPlan[]) {
    update({ ...draft, meetings: renumber(meetings) });
  }

  function addMeeting() {
    const id = `m-${crypto.randomUUID()}`;
    const blank: MeetingPlan = {
      id,
      number: draft.meetings.length + 1,
      topic: '',
      aims: [''],
      activities: [
        {
          id: `a-${crypto.randomUUID()}`,
          title: '',
          minutes: draft.meetingMinutes,
          description: '',
        },
      ],
      materials: [],
      facilitatorNotes: '',
    };
    setMeetings([...draft.meetings, blank]);
    focusMeeting(id);
  }

  return (
    <Page
      title={t('editor.title')}
      actions={
        <Link className="btn btn-primary" to={`/programmes/${draft.id}`}>
          {t('editor.done')}
        </Link>
      }
    >
      <div className="save-status" role="status" aria-live="polite">
        {status === 'saving' ? t('editor.saving') : status === 'saved' ? t('editor.saved') : ''}
      </div>
      {status === 'error' ? (
        <Notice tone="error" live title={t('common:errors.saveFailed')}>
          <p>{t('editor.notLost')}</p>
          <button type="button" className="btn" onClick={() => void retry()}>
            {t('editor.retry')}
          </button>
        </Notice>
      ) : null}
      <Notice tone="info">{t('editor.intro')}</Notice>
      <div className="panel" lang={draft.language}>
        <Field
          label={t('editor.programmeTitle')}
          value={draft.title}
          onChange={(e) => update({ ...draft, title: e.target.value })}
        />
        <TextAreaField
          label={t('editor.summary')}
          value={draft.summary}
          onChange={(summary) => update({ ...draft, summary })}
        />
        <Field
          label={t('editor.audience')}
          value={draft.audience}
          onChange={(e) => update({ ...draft, audience: e.target.value })}
        />
        <Field
          label={t('editor.meetingMinutes')}
          type="number"
          inputMode="numeric"
          min={15}
          max={480}
          value={draft.meetingMinutes}
          onChange={(e) => {
            const minutes = Math.min(480, Math.max(15, Number(e.target.value) || 15));
            update({ ...draft, meetingMinutes: minutes });
          }}
        />
      </div>
      <h2>{t('meetings')}</h2>
      {draft.meetings.length === 0 ? <p className="muted">{t('editor.noMeetings')}</p> : null}
      <ol className="editor-meetings">
        {draft.meetings.map((meeting, index) => (
          <li key={meeting.id}>
            <MeetingEditor
              meeting={meeting}
              meetingLength={draft.meetingMinutes}
              lang={draft.language}
              isFirst={index === 0}
              isLast={index === draft.meetings.length - 1}
              onChange={(next) =>
                setMeetings(draft.meetings.map((m) => (m.id === next.id ? next : m)))
              }
              onMove={(delta) => {
                setMeetings(move(draft.meetings, index, delta));
                focusMeeting(meeting.id);
              }}
              onRemove={() => {
                if (window.confirm(t('editor.removeMeetingConfirm', { number: meeting.number }))) {
                  setMeetings(draft.meetings.filter((m) => m.id !== meeting.id));
                }
              }}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="btn" onClick={addMeeting}>
        {t('editor.addMeeting')}
      </button>
    </Page>
  );
}
