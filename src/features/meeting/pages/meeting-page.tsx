import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Link } from '../../../ui/link';
import { NotFound } from '../../../ui/not-found';
import { useVaultSession } from '../../../services/services';
import { formatDate, languageName } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useProgrammeIn } from '../../../entities/programmes/queries';
import { useCurrentStaff, useStaffList } from '../../../entities/staff/queries';
import { useConcernDraft, useMeeting, useSharedScreen, type MeetingDetail } from '../api/queries';
import { AgendaTimer } from '../components/agenda-timer';
import { AttendanceSection } from '../components/attendance-section';
import { CloseSection } from '../components/close-section';
import { ConcernForm } from '../components/concern-form';
import { EarlierNotes } from '../components/earlier-notes';
import { NotesSection } from '../components/notes-section';
import { useMeetingNote } from '../components/use-meeting-note';
import '../meeting.css';

/** Meeting mode: everything a facilitator needs in the room, on one screen. */
export function MeetingPage() {
  const { meetingId = '' } = useParams();
  const query = useMeeting(meetingId);
  const staff = useCurrentStaff();
  if (query.isPending || staff.isPending) return <Loading />;
  if (query.isError) throw query.error;
  if (!query.data) return <NotFound />;
  return (
    <MeetingMode
      key={meetingId}
      detail={query.data}
      role={staff.data?.role ?? 'facilitator'}
      reads={staff.data?.languages ?? []}
    />
  );
}

function MeetingMode({
  detail,
  role,
  reads,
}: {
  detail: MeetingDetail;
  role: 'coordinator' | 'facilitator';
  /** The languages the person in the room reads (their staff record). */
  reads: readonly string[];
}) {
  const { t } = useTranslation('meeting');
  const lng = useLanguage();
  const { meeting, cohort, roster } = detail;
  const session = useVaultSession();
  // The plan in the group's working language; else one the facilitator reads.
  const programme = useProgrammeIn(cohort.programmeId, [cohort.language, lng, ...reads]);
  const planLanguage = programme.data?.language;
  const staffList = useStaffList();
  const sharedScreen = useSharedScreen();
  const editor = useMeetingNote(meeting, detail.note, role);
  // Open again by itself when the person left a concern unsent (a lock, a reload).
  const concernDraft = useConcernDraft(meeting.id);
  const [concernChoice, setConcernOpen] = useState<boolean>();
  const concernOpen = concernChoice ?? Boolean(concernDraft.data);
  const [concernSaved, setConcernSaved] = useState(false);
  const concernButton = useRef<HTMLButtonElement>(null);

  const plan = programme.data?.programme.meetings.find((m) => m.id === meeting.planId);
  const facilitators = cohort.facilitatorIds
    .filter((id) => id !== session?.staffId)
    .map((id) => staffList.data?.items.find((s) => s.id === id)?.displayName)
    .filter(Boolean)
    .join(', ');
  const title = `${cohort.name} — ${t('meetingNumber', { number: meeting.number })}`;

  return (
    <Page title={title} documentTitle={t('documentTitle')}>
      <div className="meeting-toolbar">
        <nav aria-label={t('sections')} className="meeting-sections">
          <a href="#agenda">{t('agenda.title')}</a>
          <a href="#attendance">{t('attendance.title')}</a>
          <a href="#notes">{t('notes.title')}</a>
          <a href="#close">{t('close.title')}</a>
        </nav>
        <button
          ref={concernButton}
          type="button"
          className="btn btn-concern"
          aria-expanded={concernOpen}
          onClick={() => {
            setConcernSaved(false);
            setConcernOpen(true);
          }}
        >
          {t('concern.raise')}
        </button>
      </div>
      {concernOpen ? (
        <ConcernForm
          draft={concernDraft.data}
          meetingId={meeting.id}
          cohortId={cohort.id}
          roster={roster}
          sharedScreen={sharedScreen}
          onClose={(saved) => {
            setConcernOpen(false);
            setConcernSaved(saved);
            concernButton.current?.focus();
          }}
        />
      ) : null}
      {concernSaved ? <Notice tone="success" live title={t('concern.saved')} /> : null}
      {detail.damaged > 0 ? (
        <Notice tone="warning" title={t('common:errors.damagedSome', { count: detail.damaged })} />
      ) : null}
      <dl className="facts panel">
        <div>
          <dt>{t('facts.when')}</dt>
          <dd>
            <time dateTime={meeting.date}>{formatDate(meeting.date, lng)}</time>,{' '}
            {meeting.startTime}
          </dd>
        </div>
        <div>
          <dt>{t('facts.topic')}</dt>
          <dd lang={programme.data?.language}>{plan?.topic ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('facts.place')}</dt>
          <dd>{[cohort.place, cohort.room].filter(Boolean).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('facts.coFacilitator')}</dt>
          <dd>{facilitators || '—'}</dd>
        </div>
        <div>
          <dt>{t('facts.status')}</dt>
          <dd>{t(`facts.statuses.${meeting.status}`)}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/cohorts/${cohort.id}`}>← {cohort.name}</Link>
      </p>

      <section id="agenda" className="meeting-section" aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t('agenda.title')}</h2>
        {planLanguage && planLanguage !== cohort.language ? (
          <Notice
            tone="info"
            title={t('agenda.otherLanguage', {
              group: languageName(cohort.language, lng),
              shown: languageName(planLanguage, lng),
            })}
          />
        ) : null}
        {plan ? (
          <AgendaTimer meetingId={meeting.id} plan={plan} lang={planLanguage ?? lng} />
        ) : programme.isPending ? null : (
          <p className="muted">{t('agenda.noPlan')}</p>
        )}
      </section>

      <section id="attendance" className="meeting-section" aria-labelledby="attendance-title">
        <h2 id="attendance-title">{t('attendance.title')}</h2>
        <AttendanceSection
          meetingId={meeting.id}
          cohort={cohort}
          roster={roster}
          sharedScreen={sharedScreen}
        />
      </section>

      <section id="notes" className="meeting-section" aria-labelledby="notes-title">
        <h2 id="notes-title">{t('notes.title')}</h2>
        <NotesSection
          editor={editor}
          meetingDate={meeting.date}
          roster={roster}
          sharedScreen={sharedScreen}
        />
        <EarlierNotes earlier={detail.earlier} />
      </section>

      <section id="close" className="meeting-section" aria-labelledby="close-title">
        <h2 id="close-title">{t('close.title')}</h2>
        <CloseSection meeting={meeting} roster={roster} editor={editor} />
      </section>
    </Page>
  );
}
