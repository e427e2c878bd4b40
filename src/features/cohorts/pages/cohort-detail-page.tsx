import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Link } from '../../../ui/link';
import { NotFound } from '../../../ui/not-found';
import { todayInRiga } from '../../../domain/calendar-date';
import { findClashes } from '../../../domain/clashes';
import { appFileName, fileNamePart } from '../../../domain/file-names';
import { revised, type Meeting } from '../../../domain/meeting';
import { awayPeriodsOf } from '../../../domain/staff';
import type { ScheduledMeeting } from '../../../domain/schedule';
import { formatDate, formatWeekday } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { TableRegion } from '../../../ui/table-region';
import { useProgramme } from '../../../entities/programmes/queries';
import { useIsCoordinator, useStaffList } from '../../../entities/staff/queries';
import { useClosures } from '../../../entities/closures/queries';
import { useSaveCohortMutation } from '../api/mutations';
import { useClashData, useCohort } from '../../../entities/cohorts/queries';
import { downloadCalendar, meetingEvent } from '../calendar/download';
import { ClashList } from '../components/clash-list';
import { CohortDetailsForm } from '../components/cohort-details-form';
import { ExtraMeetingForm } from '../components/extra-meeting-form';
import { ScheduleChangeForm } from '../components/schedule-change-form';

export function CohortDetail() {
  const { cohortId = '' } = useParams();
  const { t } = useTranslation('cohorts');
  const lng = useLanguage();
  const query = useCohort(cohortId);
  const programme = useProgramme(query.data?.cohort.programmeId ?? '');
  const staff = useStaffList();
  const [exportFailed, setExportFailed] = useState(false);
  const [changing, setChanging] = useState<Meeting | 'extra' | null>(null);
  const [editing, setEditing] = useState(false);
  const isCoordinator = useIsCoordinator();
  const save = useSaveCohortMutation();
  const today = todayInRiga();
  // Only meetings from today on can clash with this group's upcoming ones;
  // read after the group itself, so its heading and meetings come first.
  const clashData = useClashData(today, query.isSuccess);
  const holidays = useClosures();
  const clashes = useMemo(() => {
    if (!query.data || !clashData.data || !holidays.data) return [];
    const { cohort, meetings } = query.data;
    return findClashes({
      cohort: { ...cohort, cohortId: cohort.id },
      meetings: meetings.filter((m) => m.date >= today),
      others: clashData.data.others,
      closures: holidays.data,
      awayPeriods: awayPeriodsOf(staff.data?.items ?? []),
    });
  }, [query.data, clashData.data, holidays.data, staff.data, today]);

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

  /**
   * Saves a changed schedule: new meetings get ids, the rest keep theirs, and
   * a meeting that moved, was cancelled or got another plan gets its next
   * calendar revision (SEQUENCE in the .ics).
   */
  async function applySchedule(next: ScheduledMeeting[]) {
    const before = new Map(meetings.map((m) => [m.id, m]));
    const updated: Meeting[] = next.map((m) =>
      revised(m.id === undefined ? undefined : before.get(m.id), {
        id: m.id ?? crypto.randomUUID(),
        cohortId: cohort.id,
        number: m.number,
        planId: m.planId ?? '',
        date: m.date,
        startTime: m.startTime,
        durationMinutes: m.durationMinutes,
        status: m.status,
        ...(m.cancelReason ? { cancelReason: m.cancelReason } : {}),
        ...(m.extra ? { extra: true } : {}),
      }),
    );
    await save.mutateAsync({ cohort, meetings: updated });
  }

  async function downloadIcs() {
    setExportFailed(false);
    try {
      await downloadCalendar(
        appFileName('group', [fileNamePart(cohort.name), todayInRiga()], '.ics'),
        cohort.name,
        meetings.map((m) =>
          meetingEvent(
            cohort,
            m,
            `${cohort.name} · ${t('common:today.meetingNumber', { number: m.number })}`,
            topicOf(m.planId),
          ),
        ),
      );
    } catch {
      setExportFailed(true);
    }
  }

  return (
    <Page
      title={cohort.name}
      documentTitle={t('common:nav.cohorts')}
      actions={
        <>
          {isCoordinator && !editing ? (
            <button type="button" className="btn" onClick={() => setEditing(true)}>
              {t('details.edit')}
            </button>
          ) : null}
          <button type="button" className="btn" onClick={() => void downloadIcs()}>
            {t('detail.export')}
          </button>
        </>
      }
    >
      {exportFailed ? <Notice tone="error" live title={t('common:errors.saveFailed')} /> : null}
      {editing ? (
        <CohortDetailsForm
          cohort={cohort}
          staff={staff.data?.items ?? []}
          programmeMeetings={plans.length}
          onClose={() => setEditing(false)}
        />
      ) : null}
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
      <ClashList clashes={clashes} staff={staff.data?.items ?? []} />
      {changing === 'extra' ? (
        <ExtraMeetingForm
          cohort={cohort}
          meetings={meetings}
          plans={plans}
          onApply={applySchedule}
          onClose={() => setChanging(null)}
        />
      ) : changing ? (
        <ScheduleChangeForm
          key={changing.id}
          meeting={changing}
          meetings={meetings}
          closures={holidays.data}
          onApply={applySchedule}
          onClose={() => setChanging(null)}
        />
      ) : null}
      <div className="section-header">
        <h2>{t('detail.meetings')}</h2>
        {isCoordinator && !changing ? (
          <button type="button" className="btn" onClick={() => setChanging('extra')}>
            {t('schedule.extra')}
          </button>
        ) : null}
      </div>
      <TableRegion label={t('detail.meetings')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('detail.number')}</th>
              <th scope="col">{t('detail.date')}</th>
              <th scope="col">{t('detail.time')}</th>
              <th scope="col">{t('detail.topic')}</th>
              <th scope="col">{t('detail.status')}</th>
              {isCoordinator ? (
                <th scope="col">
                  <span className="visually-hidden">{t('schedule.change')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {meetings.map((m) => (
              <tr key={m.id}>
                <td>{m.number}</td>
                <td>
                  {m.status === 'cancelled' ? (
                    <time dateTime={m.date}>{formatDate(m.date, lng)}</time>
                  ) : (
                    // Opens meeting mode for this meeting.
                    <Link to={`/meetings/${m.id}`}>
                      <time dateTime={m.date}>{formatDate(m.date, lng)}</time>
                    </Link>
                  )}
                </td>
                <td>{m.startTime}</td>
                <td lang={programme.data?.language}>
                  <Link to={`/programmes/${cohort.programmeId}/meetings/${m.planId}`}>
                    {topicOf(m.planId)}
                  </Link>
                </td>
                <td>
                  {m.status === 'cancelled' && m.cancelReason
                    ? t('schedule.cancelledBecause', { reason: m.cancelReason })
                    : t(`meetingStatus.${m.status}`)}
                  {m.extra ? ` · ${t('schedule.extraLabel')}` : ''}
                </td>
                {isCoordinator ? (
                  <td>
                    {m.status === 'planned' ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={t('schedule.changeFor', { number: m.number })}
                        onClick={() => setChanging(m)}
                      >
                        {t('schedule.change')}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </Page>
  );
}
