/**
 * The cohort report (coordinators only): attendance matrix and rates,
 * completion, withdrawals, concerns and follow-ups, mood and engagement,
 * anonymous youth feedback and the child-rights self-assessment. People are
 * shown by their code, never by name.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Link } from '../../../ui/link';
import { NotFound } from '../../../ui/not-found';
import { RequireRole } from '../../../session/require-role';
import {
  attendanceMatrix,
  completion,
  membersOf,
  withdrawals,
  DEFAULT_COMPLETION_SHARE,
} from '../../../domain/reports/attendance';
import { summariseCheckouts, summariseFinal } from '../../../domain/reports/feedback';
import { followUpsByType } from '../../../domain/reports/follow-ups';
import { moodSeries } from '../../../domain/reports/mood';
import { formatDate, formatPercent } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useCohortReport, type CohortReportData } from '../api/queries';
import { feedbackPath } from '../../../session/feedback-paths';
import { AttendanceMatrixTable } from '../components/attendance-matrix';
import { CrbaSection } from '../components/crba-form';
import { FeedbackSummary } from '../components/feedback-summary';
import { MeasureSection } from '../components/measure-section';
import { MoodChart } from '../components/mood-chart';
import { AttendanceRateNote } from '../../../ui/attendance-rate-note';
import { TableRegion } from '../../../ui/table-region';
import '../reports.css';

export function CohortReportPage() {
  const { t } = useTranslation('reports');
  return (
    <RequireRole allowed="coordinator" title={t('cohortReport.title')}>
      <CohortReport />
    </RequireRole>
  );
}

function CohortReport() {
  const { cohortId = '' } = useParams();
  const { t } = useTranslation('reports');
  const query = useCohortReport(cohortId);
  if (query.isError) throw query.error;
  if (query.isPending) return <Loading />;
  if (!query.data) return <NotFound />;
  return <CohortReportView data={query.data} key={cohortId} title={t('cohortReport.title')} />;
}

function CohortReportView({ data, title }: { data: CohortReportData; title: string }) {
  const { t } = useTranslation('reports');
  const lng = useLanguage();
  const [sharePercent, setSharePercent] = useState(String(DEFAULT_COMPLETION_SHARE * 100));
  const shareValid =
    /^\d{1,3}$/.test(sharePercent) && Number(sharePercent) >= 1 && Number(sharePercent) <= 100;
  const share = shareValid ? Number(sharePercent) / 100 : DEFAULT_COMPLETION_SHARE;
  const { cohort } = data;
  const finished = cohort.status === 'finished' || cohort.status === 'archived';

  const figures = useMemo(() => {
    // In code order, so the matrix reads the same way every time.
    const code = (id: string) => data.participants.get(id)?.code ?? '';
    const members = membersOf(cohort.participantIds, data.enrolments, cohort.id).sort((a, b) =>
      code(a.participantId).localeCompare(code(b.participantId)),
    );
    const matrix = attendanceMatrix({
      meetings: data.meetings,
      members,
      attendance: data.attendance,
    });
    return {
      matrix,
      left: withdrawals(data.enrolments, cohort.id),
      followUps: followUpsByType({
        followUps: data.followUps,
        concerns: data.concerns,
        now: new Date(),
      }),
      mood: moodSeries(data.meetings, data.notes),
      checkouts: summariseCheckouts(
        matrix.meetings.map((m) => m.id),
        data.feedback,
      ),
      final: summariseFinal(data.feedback),
    };
  }, [data, cohort]);
  const done = completion(figures.matrix, { finished, share });
  const tally = (status: string) => done.filter((d) => d.status === status).length;
  const labelOf = (id: string) => data.participants.get(id)?.code ?? t('unknownPerson');
  const heldMeetings = figures.matrix.meetings.filter((m) => m.status === 'held');

  return (
    <Page title={title} documentTitle={title}>
      <p className="report-subtitle">{cohort.name}</p>
      {data.damaged > 0 ? (
        <Notice tone="warning">{t('damaged', { count: data.damaged })}</Notice>
      ) : null}
      <div className="panel">
        <dl className="facts">
          <dt>{t('cohortReport.held')}</dt>
          <dd>{figures.matrix.heldCount}</dd>
          <dt>{t('cohortReport.cancelled')}</dt>
          <dd>{figures.matrix.cancelledCount}</dd>
          <dt>{t('cohortReport.rate')}</dt>
          <dd>
            {figures.matrix.overallRate === undefined
              ? '–'
              : formatPercent(figures.matrix.overallRate, lng)}
          </dd>
          <dt>{finished ? t('cohortReport.completed') : t('cohortReport.onTrack')}</dt>
          <dd>
            {finished
              ? t('cohortReport.ofMembers', { count: tally('completed'), total: done.length })
              : t('cohortReport.ofMembers', { count: tally('on-track'), total: done.length })}
          </dd>
        </dl>
        <AttendanceRateNote />
      </div>

      <section aria-labelledby="matrix-title">
        <div className="section-header">
          <h2 id="matrix-title">{t('matrix.title')}</h2>
          <div className="field report-share">
            <label htmlFor="completion-share">{t('matrix.share')}</label>
            <input
              id="completion-share"
              inputMode="numeric"
              value={sharePercent}
              aria-invalid={shareValid ? undefined : true}
              aria-describedby={shareValid ? undefined : 'completion-share-error'}
              onChange={(e) => setSharePercent(e.target.value)}
            />
            {shareValid ? null : (
              <div id="completion-share-error" className="field-error" role="alert">
                {t('matrix.shareInvalid')}
              </div>
            )}
          </div>
        </div>
        {figures.matrix.members.length === 0 ? (
          <p>{t('matrix.empty')}</p>
        ) : (
          <AttendanceMatrixTable matrix={figures.matrix} completion={done} labelOf={labelOf} />
        )}
      </section>

      <section aria-labelledby="mood-title">
        <h2 id="mood-title">{t('mood.title')}</h2>
        <MoodChart points={figures.mood} />
      </section>

      <section aria-labelledby="left-title">
        <h2 id="left-title">{t('left.title')}</h2>
        {figures.left.length === 0 ? (
          <p>{t('left.none')}</p>
        ) : (
          <TableRegion label={t('left.title')}>
            <table>
              <caption className="visually-hidden">{t('left.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('matrix.participant')}</th>
                  <th scope="col">{t('left.what')}</th>
                  <th scope="col">{t('left.when')}</th>
                  <th scope="col">{t('left.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.left.map((w) => (
                  <tr key={w.participantId}>
                    <th scope="row">{labelOf(w.participantId)}</th>
                    <td>{t(`left.${w.status}`)}</td>
                    <td>{w.endedOn ? formatDate(w.endedOn, lng) : '–'}</td>
                    <td className="pre-line">{w.reason ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>

      <section aria-labelledby="follow-ups-title">
        <h2 id="follow-ups-title">{t('followUps.title')}</h2>
        {figures.followUps.length === 0 ? (
          <p>{t('followUps.none')}</p>
        ) : (
          <TableRegion label={t('followUps.title')}>
            <table>
              <caption className="visually-hidden">{t('followUps.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('followUps.type')}</th>
                  <th scope="col">{t('followUps.total')}</th>
                  <th scope="col">{t('followUps.open')}</th>
                  <th scope="col">{t('followUps.median')}</th>
                  <th scope="col">{t('followUps.longest')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.followUps.map((f) => (
                  <tr key={f.type}>
                    <th scope="row">{t(`followUps.types.${f.type}`)}</th>
                    <td>{f.total}</td>
                    <td>{f.open}</td>
                    <td>
                      {f.medianDaysToClose === undefined
                        ? '–'
                        : t('followUps.days', { count: f.medianDaysToClose })}
                    </td>
                    <td>{t('followUps.days', { count: f.longestOpenDays })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>

      <FeedbackSummary
        meetings={figures.matrix.meetings}
        checkouts={figures.checkouts}
        final={figures.final}
      />

      <section className="panel" aria-labelledby="handover-title">
        <h2 id="handover-title">{t('handover.title')}</h2>
        <p>{t('handover.intro')}</p>
        {heldMeetings.length === 0 ? (
          <p>{t('handover.none')}</p>
        ) : (
          <ul className="handover-list">
            {heldMeetings.map((m) => (
              <li key={m.id}>
                <Link className="btn" to={feedbackPath(m.id, 'checkout')}>
                  {t('handover.checkout', { number: m.number, date: formatDate(m.date, lng) })}
                </Link>
              </li>
            ))}
            <li>
              <Link className="btn" to={feedbackPath(heldMeetings.at(-1)!.id, 'final')}>
                {t('handover.final')}
              </Link>
            </li>
          </ul>
        )}
      </section>

      <MeasureSection
        cohortId={cohort.id}
        participantIds={figures.matrix.members.map((m) => m.participantId)}
        responses={data.measures}
        labelOf={labelOf}
      />

      <CrbaSection cohortId={cohort.id} stored={data.crba} />
    </Page>
  );
}
