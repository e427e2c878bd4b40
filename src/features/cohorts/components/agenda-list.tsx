import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../ui/link';
import type { IsoDate } from '../../../domain/calendar-date';
import { formatLongDate } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import type { CalendarEntry } from '../api/queries';
import { wallClock } from '../calendar/ics';

interface AgendaListProps {
  byDate: ReadonlyMap<IsoDate, CalendarEntry[]>;
}

/** Meetings day by day, each with its time, group, number and place. */
export function AgendaList({ byDate }: AgendaListProps) {
  const { t } = useTranslation('cohorts');
  const lng = useLanguage();
  const id = useId();
  return (
    <div className="agenda">
      {[...byDate].map(([date, entries]) => (
        <section key={date} className="agenda-day" aria-labelledby={`${id}-${date}`}>
          <h2 id={`${id}-${date}`}>
            <time dateTime={date}>{formatLongDate(date, lng)}</time>
          </h2>
          <ul className="agenda-items">
            {entries.map(({ meeting, cohort }) => (
              <li
                key={meeting.id}
                className={meeting.status === 'cancelled' ? 'is-cancelled' : undefined}
              >
                <span className="meeting-time">
                  {meeting.startTime}–
                  {wallClock(meeting.date, meeting.startTime, meeting.durationMinutes).slice(
                    11,
                    16,
                  )}
                </span>
                <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
                <span className="muted">
                  {t('common:today.meetingNumber', { number: meeting.number })}
                  {cohort.place || cohort.room
                    ? ` · ${[cohort.place, cohort.room].filter(Boolean).join(', ')}`
                    : ''}
                </span>
                {meeting.status === 'cancelled' ? (
                  <span className="meeting-flag">{t('calendar.cancelled')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
