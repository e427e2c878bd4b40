import { useTranslation } from 'react-i18next';
import { Link } from '../../ui/link';
import type { Cohort } from '../../domain/cohort';
import type { Meeting } from '../../domain/meeting';
import { formatDate } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';

interface UpcomingMeetingCardProps {
  meeting: Meeting;
  cohort: Cohort;
  topic: string | undefined;
}

/** One meeting on the Today screen: group, number, topic, date, time and place; opens meeting mode. */
export function UpcomingMeetingCard({ meeting, cohort, topic }: UpcomingMeetingCardProps) {
  const { t } = useTranslation();
  const lng = useLanguage();
  return (
    <li className="card">
      <h3>
        <Link to={`/meetings/${meeting.id}`}>
          {cohort.name} — {t('today.meetingNumber', { number: meeting.number })}
        </Link>
      </h3>
      {topic ? <p>{topic}</p> : null}
      <p className="meta-line">
        <time dateTime={meeting.date}>{formatDate(meeting.date, lng)}</time> · {meeting.startTime} ·{' '}
        {cohort.place}
        {cohort.room ? ` · ${t('today.room', { room: cohort.room })}` : ''}
      </p>
    </li>
  );
}
