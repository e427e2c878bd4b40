/**
 * Reports benchmark, run in Chromium by scripts/bench.mjs: 400 cohorts and
 * 60,000 attendance rows put straight into the query cache ("after data is
 * loaded"), then the real reports page (organisation overview of every
 * cohort) and a cohort report rendered with the real providers, timed from
 * `router.navigate()` to the content in the DOM and to the next frame.
 * Development React (Vite's dev server), so pessimistic, unless scripts/bench.mjs
 * runs with BENCH_REACT=production.
 */
import '../../src/app/styles.css';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter } from 'react-router';
import { createQueryClient } from '../../src/services/query-client';
import { BenchApp, timed, when, type Timing } from './screen-timing';
import { createServices } from '../../src/services/services';
import { deriveBits } from '../../src/crypto/kdf';
import { reportQueries, type CohortReportData } from '../../src/features/reports/api/queries';
import { CohortReportPage } from '../../src/features/reports/pages/cohort-report-page';
import { ReportsPage } from '../../src/features/reports/pages/reports-page';
import { todayInRiga } from '../../src/domain/calendar-date';
import { organisationOverview } from '../../src/domain/reports/overview';
import { createI18n } from '../../src/i18n/i18n';
import { makeReportsData, runReportsDomainBench, type DomainTimings } from './reports-data';

declare global {
  interface Window {
    runReportsBench: (options?: { cohorts?: number; rounds?: number }) => Promise<{
      attendanceRows: number;
      cohortsInPeriod: number;
      domain: DomainTimings[];
      overview: Timing[];
      cohort: Timing[];
    }>;
  }
}

window.runReportsBench = async ({ cohorts = 400, rounds = 5 } = {}) => {
  const data = makeReportsData(cohorts);
  const domain = runReportsDomainBench(data, rounds);

  // A real organisation, so the session holds the coordinator key (the reports
  // page's guard asks for the key, not the staff row's role). Cheap KDF: set-up
  // is not what is timed.
  const services = createServices({
    dbName: `aplis-reports-bench-${crypto.randomUUID()}`,
    policy: { iterations: 1_000, floor: 1_000 },
    derive: deriveBits,
  });
  await services.keyring.createOrganisation({
    organisation: { name: 'Bench centre', supportContacts: [] },
    coordinator: { displayName: 'Coordinator', languages: ['en'] },
    passphrase: 'a long bench passphrase',
  });
  const i18n = await createI18n('en');
  const queryClient = createQueryClient();
  const cohort = data.cohorts[1]!;
  const ids = new Set(data.meetings.filter((m) => m.cohortId === cohort.id).map((m) => m.id));
  // "After data is loaded": both reports' data in the cache before each visit.
  const load = () => {
    queryClient.setQueryData(reportQueries.organisation(services).queryKey, {
      ...data,
      damaged: 0,
    });
    const cohortData: CohortReportData = {
      cohort,
      meetings: data.meetings.filter((m) => m.cohortId === cohort.id),
      attendance: data.attendance.filter((a) => ids.has(a.meetingId)),
      notes: data.notes.filter((n) => ids.has(n.meetingId)),
      enrolments: data.enrolments.filter((e) => e.cohortId === cohort.id),
      participants: new Map(data.participants.map((p) => [p.id, p])),
      concerns: data.concerns.filter((c) => c.cohortId === cohort.id),
      followUps: data.followUps.filter((f) => f.cohortId === cohort.id),
      feedback: data.feedback.filter((f) => ids.has(f.meetingId)),
      crba: undefined,
      measures: [],
      damaged: 0,
    };
    queryClient.setQueryData(reportQueries.cohort(services, cohort.id).queryKey, cohortData);
  };
  const router = createMemoryRouter(
    [
      { path: '/', element: <p>start</p> },
      { path: '/reports', element: <ReportsPage /> },
      { path: '/reports/cohorts/:cohortId', element: <CohortReportPage /> },
    ],
    { initialEntries: ['/'] },
  );
  const container = document.getElementById('root')!;
  const root = createRoot(container);
  root.render(
    <BenchApp services={services} i18n={i18n} router={router} queryClient={queryClient} />,
  );
  // The staff row (for the role guard) is read once before timing starts.
  await router.navigate('/reports');
  await when(() => container.querySelector('#overview-title') !== null);

  // The reports page opens on this year: every cohort that met in it gets a row.
  const today = todayInRiga();
  const expected = organisationOverview({ ...data, from: `${today.slice(0, 4)}-01-01`, to: today })
    .cohorts.length;
  const overviewReady = () =>
    container.querySelector('#overview-title') !== null &&
    container.querySelectorAll('section[aria-labelledby="cohorts-title"] tbody tr').length ===
      Math.min(expected, 48);
  const cohortReady = () =>
    container.querySelector('table.report-matrix tfoot') !== null &&
    container.querySelector('#crba-title') !== null;
  const overview: Timing[] = [];
  const cohortTimes: Timing[] = [];
  for (let r = 0; r < rounds; r++) {
    await router.navigate('/');
    load();
    overview.push(await timed(() => router.navigate('/reports'), overviewReady));
    await router.navigate('/');
    load();
    cohortTimes.push(
      await timed(() => router.navigate(`/reports/cohorts/${cohort.id}`), cohortReady),
    );
  }
  root.unmount();
  services.database.close();
  await services.database.wipe();
  return {
    attendanceRows: data.attendance.length,
    cohortsInPeriod: expected,
    domain,
    overview,
    cohort: cohortTimes,
  };
};
