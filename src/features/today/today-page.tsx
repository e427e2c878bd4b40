import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { todayInRiga } from '../../domain/calendar-date';
import { formatDate, formatLongDate } from '../../i18n/format';
import { Loading, Page } from '../../ui/page';
import { useUpcomingMeetings } from '../cohorts/api/queries';
import { useProgrammeLibrary } from '../programmes/api/queries';

/** Where a facilitator starts: today's meetings and the week ahead. */
export function TodayPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'lv';
  const upcoming = useUpcomingMeetings(7);
  const library = useProgrammeLibrary();
  const today = todayInRiga();
  const planTopic = (programmeId: string, planId: string) =>
    library.data?.entries.find((e) => e.programme.id === programmeId)?.programme.meetings.find((m) => m.id === planId)
      ?.topic;

  const todays = upcoming.data?.filter((u) => u.meeting.date === today) ?? [];
  const later = upcoming.data?.filter((u) => u.meeting.date > today) ?? [];

  function MeetingCard({ item }: { item: NonNullable<typeof upcoming.data>[number] }) {
    const topic = planTopic(item.cohort.programmeId, item.meeting.planId);
    return (
      <li className="card">
        <h3>
          <Link to={`/programmes/${item.cohort.programmeId}/meetings/${item.meeting.planId}`}>
            {item.cohort.name} — {t('today.meetingNumber', { number: item.meeting.number })}
          </Link>
        </h3>
        {topic ? <p>{topic}</p> : null}
        <p className="meta">
          <time dateTime={item.meeting.date}>{formatDate(item.meeting.date, lng)}</time> · {item.meeting.startTime} ·{' '}
          {item.cohort.place} {item.cohort.room ? `· ${t('today.room', { room: item.cohort.room })}` : ''}
        </p>
      </li>
    );
  }

  return (
    <Page title={t('nav.today')}>
      <p className="lede">{formatLongDate(today, lng)}</p>
      {upcoming.isPending ? <Loading /> : null}
      <h2>{t('today.today')}</h2>
      {todays.length === 0 && upcoming.data ? <p className="muted">{t('today.none')}</p> : null}
      <ul className="card-list">
        {todays.map((item) => (
          <MeetingCard key={item.meeting.id} item={item} />
        ))}
      </ul>
      <h2>{t('today.week')}</h2>
      {later.length === 0 && upcoming.data ? <p className="muted">{t('today.noneWeek')}</p> : null}
      <ul className="card-list">
        {later.map((item) => (
          <MeetingCard key={item.meeting.id} item={item} />
        ))}
      </ul>
    </Page>
  );
}
