import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatWeekday } from '../../i18n/format';
import { Notice } from '../../ui/notice';
import { Loading, Page } from '../../ui/page';
import { useProgrammeLibrary } from '../programmes/api/queries';
import { useIsCoordinator } from '../settings/api/queries';
import { useCohortSummaries } from './api/queries';

/** The organisation's groups. Creating and scheduling arrive with the scheduling issue. */
export function CohortList() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'lv';
  const cohorts = useCohortSummaries();
  const isCoordinator = useIsCoordinator();
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
        {cohorts.data?.summaries.map(({ cohort, meetings, nextMeeting, held, attendanceRate }) => (
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
                    ? ` · ${t('cohorts.attendance', { rate: new Intl.NumberFormat(lng, { style: 'percent' }).format(attendanceRate) })}`
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
    </Page>
  );
}
