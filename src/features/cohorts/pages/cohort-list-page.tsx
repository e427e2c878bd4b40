import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../ui/link';
import { formatDate, formatPercent, formatWeekday } from '../../../i18n/format';
import { AttendanceRateNote } from '../../../ui/attendance-rate-note';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useProgrammeLibrary } from '../../../entities/programmes/queries';
import { useIsCoordinator } from '../../../entities/staff/queries';
import { useCohortSummaries } from '../../../entities/cohorts/queries';
import { useLanguage } from '../../../i18n/i18n';

/** How many groups show before "Show all": keeps the list quick with hundreds of groups. */
const FIRST_PAGE = 48;

/** The organisation's groups, by name. */
export function CohortList() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const cohorts = useCohortSummaries();
  const isCoordinator = useIsCoordinator();
  const [showAll, setShowAll] = useState(false);
  const all = cohorts.data?.summaries ?? [];
  const shown = showAll ? all : all.slice(0, FIRST_PAGE);
  const library = useProgrammeLibrary();
  const programmeTitle = (id: string) =>
    library.data?.entries.find((e) => e.programme.id === id)?.programme.title ?? '';

  return (
    <Page
      title={t('nav.cohorts')}
      actions={
        <>
          <Link className="btn" to="/cohorts/calendar">
            {t('cohorts:calendar.open')}
          </Link>
          {isCoordinator ? (
            <Link className="btn btn-primary" to="/cohorts/new">
              {t('cohorts:new.open')}
            </Link>
          ) : null}
        </>
      }
    >
      {cohorts.isPending ? <Loading /> : null}
      {cohorts.data?.damaged ? (
        <Notice tone="warning" title={t('errors.damagedSome', { count: cohorts.data.damaged })} />
      ) : null}
      {cohorts.data && cohorts.data.summaries.length === 0 ? (
        <p className="muted">{t('cohorts.none')}</p>
      ) : null}
      <ul className="card-list">
        {shown.map(({ cohort, meetings, nextMeeting, held, attendanceRate }) => (
          <li key={cohort.id} className="card">
            <h2 className="card-title">
              <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
            </h2>
            <p>{programmeTitle(cohort.programmeId)}</p>
            <dl className="facts">
              <div>
                <dt>{t('cohorts.when')}</dt>
                <dd>
                  {formatWeekday(cohort.weekday, lng)}, {cohort.startTime} (
                  {t('cohorts.minutes', { count: cohort.durationMinutes })})
                </dd>
              </div>
              <div>
                <dt>{t('cohorts.group')}</dt>
                <dd>
                  {t(`cohorts.composition.${cohort.composition}`)}, {cohort.ageBand.min}–
                  {cohort.ageBand.max} ·{' '}
                  {t('cohorts.members', {
                    count: cohort.participantIds.length,
                    capacity: cohort.capacity,
                  })}
                </dd>
              </div>
              <div>
                <dt>{t('cohorts.status')}</dt>
                <dd>{t(`cohorts.statuses.${cohort.status}`)}</dd>
              </div>
              <div>
                <dt>{t('cohorts.held')}</dt>
                <dd>
                  {t('cohorts.heldOf', { held, total: meetings.length })}
                  {attendanceRate !== undefined
                    ? ` · ${t('cohorts.attendance', { rate: formatPercent(attendanceRate, lng) })}`
                    : ''}
                </dd>
              </div>
              <div>
                <dt>{t('cohorts.next')}</dt>
                <dd>
                  {nextMeeting
                    ? `${formatDate(nextMeeting.date, lng)} (${t('today.meetingNumber', { number: nextMeeting.number })} / ${meetings.length})`
                    : '—'}
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      {all.some((c) => c.attendanceRate !== undefined) ? <AttendanceRateNote /> : null}
      {shown.length < all.length ? (
        <button type="button" className="btn" onClick={() => setShowAll(true)}>
          {t('cohorts.showAll', { count: all.length })}
        </button>
      ) : null}
    </Page>
  );
}
