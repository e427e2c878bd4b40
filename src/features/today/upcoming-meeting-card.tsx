import type { TFunction } from 'i18next';
import { Link } from '../../ui/link';
import type { Cohort } from '../../domain/cohort';
import type { Meeting } from '../../domain/meeting';
import { formatDate } from '../../i18n/format';

interface UpcomingMeetingCardProps {
  meeting: Meeting;
  cohort: Cohort;
  topic: string | undefined;
  /** From the page: one translation hook for all cards (≈ 400 on a big organisation's Today). */
  t: TFunction;
  lng: string;
}

/** One meeting on the Today screen: group, number, topic, date, time and place; opens meeting mode. */
export function UpcomingMeetingCard({ meeting, cohort, topic, t, lng }: UpcomingMeetingCardProps) {
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
