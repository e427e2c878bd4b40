/**
 * Reports (coordinators only): the organisation overview across a date range,
 * each cohort's report, and the anonymised export for funders. The overview
 * on screen shows exact counts (it stays inside the organisation); the
 * exports apply small-number suppression.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../ui/link';
import { RequireRole } from '../../../session/require-role';
import { todayInRiga } from '../../../domain/calendar-date';
import { organisationOverview, type Overview } from '../../../domain/reports/overview';
import { formatPercent } from '../../../i18n/format';
import { isDateRangeValid } from '../../../ui/date-range-fields';
import { Field } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useOrganisation } from '../../../entities/organisation/queries';
import { useOrganisationData, type OrganisationData } from '../api/queries';
import { buildFunderReport, funderCsvText, funderPdfBytes } from '../funder-export';
import '../reports.css';
import { useLanguage } from '../../../i18n/i18n';
import { downloadFile } from '../../../ui/download';

/** Rows shown before "Show all": an organisation may have hundreds of groups in a year. */
const FIRST_ROWS = 48;
import { AttendanceRateNote } from '../../../ui/attendance-rate-note';
import { TableRegion } from '../../../ui/table-region';

export function ReportsPage() {
  const { t } = useTranslation('reports');
  return (
    <RequireRole allowed="coordinator" title={t('title')}>
      <Reports />
    </RequireRole>
  );
}

function Reports() {
  const { t } = useTranslation('reports');
  const data = useOrganisationData();
  if (data.isError) throw data.error;
  return (
    <Page title={t('title')}>{data.isPending ? <Loading /> : <Overview data={data.data} />}</Page>
  );
}

function Overview({ data }: { data: OrganisationData }) {
  const { t } = useTranslation('reports');
  const lng = useLanguage();
  const today = todayInRiga();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [exporting, setExporting] = useState<'csv' | 'pdf' | null>(null);
  const [exportFailed, setExportFailed] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const organisation = useOrganisation();
  const valid = isDateRangeValid(from, to) && Boolean(to);
  const overview = useMemo(
    () => (valid ? organisationOverview({ ...data, from, to }) : undefined),
    [data, from, to, valid],
  );
  const names = new Map(data.cohorts.map((c) => [c.id, c.name]));

  async function exportAs(kind: 'csv' | 'pdf') {
    if (!valid) return;
    setExporting(kind);
    setExportFailed(false);
    try {
      const report = buildFunderReport({
        data,
        organisation: organisation.data?.name ?? '',
        from,
        to,
        t,
        lng,
      });
      const name = `aplis-report-${from}-${to}`;
      if (kind === 'csv')
        downloadFile(
          funderCsvText(report, {
            section: t('funder.csv.section'),
            item: t('funder.csv.item'),
            value: t('funder.csv.value'),
          }),
          'text/csv;charset=utf-8',
          `${name}.csv`,
        );
      else downloadFile(await funderPdfBytes(report, lng), 'application/pdf', `${name}.pdf`);
    } catch {
      setExportFailed(true);
    } finally {
      setExporting(null);
    }
  }

  return (
    <>
      {data.damaged > 0 ? (
        <Notice tone="warning">{t('damaged', { count: data.damaged })}</Notice>
      ) : null}
      <section className="panel" aria-labelledby="period-title">
        <h2 id="period-title">{t('overview.period')}</h2>
        <div className="report-period">
          <Field
            label={t('overview.from')}
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <Field
            label={t('overview.to')}
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            error={valid ? undefined : t('overview.invalidRange')}
          />
        </div>
      </section>
      {overview ? <OverviewFigures overview={overview} lng={lng} /> : null}

      <section className="panel" aria-labelledby="funder-title">
        <h2 id="funder-title">{t('funder.exportTitle')}</h2>
        <p>{t('funder.exportIntro')}</p>
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            disabled={!valid || exporting !== null}
            onClick={() => void exportAs('csv')}
          >
            {t('funder.csvButton')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={!valid || exporting !== null}
            onClick={() => void exportAs('pdf')}
          >
            {exporting === 'pdf' ? t('funder.making') : t('funder.pdfButton')}
          </button>
        </div>
        {exportFailed ? (
          <Notice tone="error" live>
            {t('funder.failed')}
          </Notice>
        ) : null}
      </section>

      {overview ? (
        <section aria-labelledby="cohorts-title">
          <h2 id="cohorts-title">{t('overview.cohortsTitle')}</h2>
          {overview.cohorts.length === 0 ? (
            <p>{t('overview.noCohorts')}</p>
          ) : (
            <TableRegion label={t('overview.cohortsTitle')}>
              <table>
                <caption className="visually-hidden">{t('overview.cohortsTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('overview.cohort')}</th>
                    <th scope="col">{t('overview.state')}</th>
                    <th scope="col">{t('overview.members')}</th>
                    <th scope="col">{t('overview.heldInPeriod')}</th>
                    <th scope="col">{t('overview.rate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(showAll ? overview.cohorts : overview.cohorts.slice(0, FIRST_ROWS)).map((c) => (
                    <tr key={c.cohortId}>
                      <th scope="row">
                        <Link to={`/reports/cohorts/${c.cohortId}`}>{names.get(c.cohortId)}</Link>
                      </th>
                      <td>{t(`overview.states.${c.state}`)}</td>
                      <td>{c.members}</td>
                      <td>{c.heldInPeriod}</td>
                      <td>
                        {c.attendanceRate === undefined
                          ? '–'
                          : formatPercent(c.attendanceRate, lng)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
          {overview.cohorts.length > 0 ? <AttendanceRateNote /> : null}
          {!showAll && overview.cohorts.length > FIRST_ROWS ? (
            <button type="button" className="btn" onClick={() => setShowAll(true)}>
              {t('overview.showAll', { count: overview.cohorts.length })}
            </button>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

function OverviewFigures({ overview: o, lng }: { overview: Overview; lng: string }) {
  const { t } = useTranslation('reports');
  return (
    <section className="panel" aria-labelledby="overview-title">
      <h2 id="overview-title">{t('overview.title')}</h2>
      <dl className="facts">
        <dt>{t('funder.groups.running')}</dt>
        <dd>{o.cohortsRunning}</dd>
        <dt>{t('funder.groups.finished')}</dt>
        <dd>{o.cohortsFinished}</dd>
        <dt>{t('funder.screening.referred')}</dt>
        <dd>{o.referred}</dd>
        <dt>{t('funder.screening.screened')}</dt>
        <dd>
          {o.screened}
          {o.screened > 0 ? (
            <span className="fact-detail">
              {' '}
              (
              {Object.entries(o.screenedByOutcome)
                .filter(([, n]) => n > 0)
                .map(([k, n]) => `${t(`funder.outcome.${k}`)}: ${n}`)
                .join(', ')}
              )
            </span>
          ) : null}
        </dd>
        <dt>{t('funder.people.inGroups')}</dt>
        <dd>{o.inGroups}</dd>
        <dt>{t('funder.groupOutcome.completed')}</dt>
        <dd>{o.byGroupOutcome.completed}</dd>
        <dt>{t('funder.groupOutcome.withdrawn')}</dt>
        <dd>{o.byGroupOutcome.withdrawn}</dd>
        <dt>{t('funder.screening.individualSupport')}</dt>
        <dd>{o.individualSupport}</dd>
        <dt>{t('funder.people.attendance')}</dt>
        <dd>{o.attendanceRate === undefined ? '–' : formatPercent(o.attendanceRate, lng)}</dd>
      </dl>
    </section>
  );
}
