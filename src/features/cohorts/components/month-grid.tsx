import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { IsoDate } from '../../../domain/calendar-date';
import { formatWeekday } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import type { CalendarEntry } from '../api/queries';

interface MonthGridProps {
  weeks: IsoDate[][];
  byDate: ReadonlyMap<IsoDate, CalendarEntry[]>;
  /** `YYYY-MM` of the month shown: days of the months around it are dimmed. */
  monthPrefix: string;
  today: IsoDate;
  caption: string;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/**
 * Meetings listed in a day cell before the rest fold behind a "+N more"
 * button: a cell with dozens of 44 px links helps nobody, and a busy month
 * (hundreds of groups) stays quick to draw.
 */
export const DAY_LIMIT = 6;

/** A month as a table, Monday first; every day lists its meetings (time and group). */
export function MonthGrid({ weeks, byDate, monthPrefix, today, caption }: MonthGridProps) {
  const { t } = useTranslation('cohorts');
  const lng = useLanguage();
  const cancelled = t('calendar.cancelled');
  const wrap = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<IsoDate>>(() => new Set());
  const toggle = (date: IsoDate) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!next.delete(date)) next.add(date);
      return next;
    });
  const navigate = useNavigate();

  // A busy month holds a couple of thousand links. Plain <a> elements with one
  // delegated click handler (client-side navigation, as <Link> would do) keep
  // rendering cheap: <Link> costs several hooks per link.
  useEffect(() => {
    const element = wrap.current;
    if (!element) return;
    const onClick = (event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
        return;
      const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-route]');
      if (!link) return;
      event.preventDefault();
      void navigate(link.dataset.route!);
    };
    element.addEventListener('click', onClick);
    return () => element.removeEventListener('click', onClick);
  }, [navigate]);

  return (
    <div className="table-wrap" ref={wrap}>
      <table className="month-grid">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {formatWeekday(d, lng)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((date) => {
                const entries = byDate.get(date);
                const open = expanded.has(date);
                const hidden = entries && !open ? Math.max(0, entries.length - DAY_LIMIT) : 0;
                const shownEntries = hidden ? entries!.slice(0, DAY_LIMIT) : entries;
                const classes = [
                  date.startsWith(monthPrefix) ? '' : 'is-other-month',
                  date === today ? 'is-today' : '',
                ]
                  .filter(Boolean)
                  .join(' ');
                return (
                  <td
                    key={date}
                    className={classes || undefined}
                    aria-current={date === today ? 'date' : undefined}
                  >
                    <div className="day-head">
                      <time dateTime={date}>{Number(date.slice(8))}</time>
                      {date === today ? (
                        <span className="today-label">{t('calendar.today')}</span>
                      ) : null}
                    </div>
                    {shownEntries ? (
                      <ul className="day-meetings">
                        {shownEntries.map(({ meeting, cohort }) => (
                          <li
                            key={meeting.id}
                            className={meeting.status === 'cancelled' ? 'is-cancelled' : undefined}
                          >
                            <a href={`/cohorts/${cohort.id}`} data-route={`/cohorts/${cohort.id}`}>
                              <span className="meeting-time">{meeting.startTime}</span>{' '}
                              <span className="meeting-group">{cohort.name}</span>
                              {meeting.status === 'cancelled' ? (
                                <span className="meeting-flag"> ({cancelled})</span>
                              ) : null}
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {hidden || open ? (
                      <button
                        type="button"
                        className="btn btn-quiet btn-small day-more"
                        aria-expanded={open}
                        onClick={() => toggle(date)}
                      >
                        {open ? t('calendar.fewer') : t('calendar.more', { count: hidden })}
                      </button>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
