import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Link } from '../../../ui/link';
import { NotFound } from '../../../ui/not-found';
import { Loading, Page } from '../../../ui/page';
import { useProgramme } from '../../../entities/programmes/queries';
import { MeetingPlanView } from '../components/meeting-plan-view';

export function MeetingPlanPage() {
  const { programmeId = '', planId = '' } = useParams();
  const { t } = useTranslation('programmes');
  const query = useProgramme(programmeId);
  if (query.isPending) return <Loading />;
  if (query.isError) throw query.error;
  const entry = query.data;
  const index = entry?.programme.meetings.findIndex((m) => m.id === planId) ?? -1;
  const plan = entry?.programme.meetings[index];
  if (!entry || !plan) return <NotFound />;
  const previous = entry.programme.meetings[index - 1];
  const next = entry.programme.meetings[index + 1];
  const heading = `${t('meetingNumber', { number: plan.number })}: ${plan.topic}`;
  return (
    <Page title={heading} documentTitle={entry.shipped ? heading : t('library.title')}>
      <p>
        <Link to={`/programmes/${entry.programme.id}`} lang={entry.language}>
          ← {entry.programme.title}
        </Link>
      </p>
      <MeetingPlanView
        plan={plan}
        meetingLength={entry.programme.meetingMinutes}
        lang={entry.language}
      />
      <nav className="pager" aria-label={t('pager')}>
        {previous ? (
          <Link className="btn" to={`/programmes/${entry.programme.id}/meetings/${previous.id}`}>
            ← {t('meetingNumber', { number: previous.number })}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link className="btn" to={`/programmes/${entry.programme.id}/meetings/${next.id}`}>
            {t('meetingNumber', { number: next.number })} →
          </Link>
        ) : null}
      </nav>
    </Page>
  );
}
