import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFound } from '../../../app/errors';
import { formatDate, formatWeekday } from '../../../i18n/format';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useProgramme } from '../../programmes/api/queries';
import { useStaffList } from '../../settings/api/queries';
import { useCohort } from '../api/queries';
import { buildIcs } from '../calendar/ics';

export function CohortDetail() {
  const { cohortId = '' } = useParams();
  const { t, i18n } = useTranslation('cohorts');
  const lng = i18n.resolvedLanguage ?? 'lv';
  const query = useCohort(cohortId);
  const programme = useProgramme(query.data?.cohort.programmeId ?? '');
  const staff = useStaffList();
  const [exportFailed, setExportFailed] = useState(false);

  if (query.isPending) return <Loading />;
  if (query.isError) throw query.error;
  if (!query.data) return <NotFound />;
  const { cohort, meetings } = query.data;
  const plans = programme.data?.programme.meetings ?? [];
  const topicOf = (planId: string) => plans.find((p) => p.id === planId)?.topic ?? '';
  const facilitatorNames = cohort.facilitatorIds
    .map((id) => staff.data?.items.find((s) => s.id === id)?.displayName)
    .filter(Boolean)
    .join(', ');

  async function downloadIcs() {
    setExportFailed(false);
    try {
      const text = await buildIcs(
        cohort.name,
        meetings.map((m) => ({
          meetingId: m.id,
          date: m.date,
          startTime: m.startTime,
          durationMinutes: m.durationMinutes,
          summary: `${cohort.name} · ${t('common:today.meetingNumber', { number: m.number })}`,
          location: [cohort.place, cohort.room].filter(Boolean).join(', '),
          description: topicOf(m.planId),
          cancelled: m.status === 'cancelled',
        })),
      );
      const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'aplis-group.ics';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setExportFailed(true);
    }
  }

  return (
    <Page
      title={cohort.name}
      documentTitle={t('common:nav.cohorts')}
      actions={
        <button type="button" className="btn" onClick={() => void downloadIcs()}>
          {t('detail.export')}
        </button>
      }
    >
      {exportFailed ? <Notice tone="error" live title={t('common:errors.saveFailed')} /> : null}
      <dl className="facts panel">
        <div>
          <dt>{t('form.programme')}</dt>
          <dd>
            <Link to={`/programmes/${cohort.programmeId}`}>
              {programme.data?.programme.title ?? ''}
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t('common:cohorts.when')}</dt>
          <dd>
            {formatWeekday(cohort.weekday, lng)}, {cohort.startTime} (
            {t('common:cohorts.minutes', { count: cohort.durationMinutes })})
          </dd>
        </div>
        <div>
          <dt>{t('detail.place')}</dt>
          <dd>{[cohort.place, cohort.room].filter(Boolean).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('detail.facilitators')}</dt>
          <dd>{facilitatorNames || '—'}</dd>
        </div>
        <div>
          <dt>{t('common:cohorts.group')}</dt>
          <dd>
            {t(`common:cohorts.composition.${cohort.composition}`)}, {cohort.ageBand.min}–
            {cohort.ageBand.max} ·{' '}
            {t('common:cohorts.members', {
              count: cohort.participantIds.length,
              capacity: cohort.capacity,
            })}
          </dd>
        </div>
        <div>
          <dt>{t('common:cohorts.status')}</dt>
          <dd>{t(`common:cohorts.statuses.${cohort.status}`)}</dd>
        </div>
      </dl>
      <h2>{t('detail.meetings')}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('detail.number')}</th>
              <th scope="col">{t('detail.date')}</th>
              <th scope="col">{t('detail.time')}</th>
              <th scope="col">{t('detail.topic')}</th>
              <th scope="col">{t('detail.status')}</th>
            </tr>
          </thead>
          <tbody>
            {meetings.map((m) => (
              <tr key={m.id}>
                <td>{m.number}</td>
                <td>
                  <time dateTime={m.date}>{formatDate(m.date, lng)}</time>
                </td>
                <td>{m.startTime}</td>
                <td lang={programme.data?.language}>
                  <Link to={`/programmes/${cohort.programmeId}/meetings/${m.planId}`}>
                    {topicOf(m.planId)}
                  </Link>
                </td>
                <td>{t(`meetingStatus.${m.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
