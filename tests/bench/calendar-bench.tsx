/**
 * Calendar benchmark, run in Chromium by scripts/bench.mjs: a fresh database
 * holding many groups and meetings (sealed through the real repositories),
 * then the real month view and group list rendered with the real providers,
 * and timed when navigating to them with their data already cached.
 *
 * Times run from `router.navigate()` to the screen's content being in the DOM
 * and then to the next frame after it (painted). Not part of the production
 * build (Vite builds index.html only); dev-mode React is slower than the
 * production build, so the numbers are on the pessimistic side.
 */
import '../../src/app/styles.css';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter } from 'react-router';
import { createQueryClient } from '../../src/services/query-client';
import { BenchApp, timed, type Timing } from './screen-timing';
import { createServices } from '../../src/services/services';
import { generateDataKey } from '../../src/crypto/keyring';
import { addDays, isoWeekday, todayInRiga } from '../../src/domain/calendar-date';
import type { Cohort } from '../../src/domain/cohort';
import type { Meeting } from '../../src/domain/meeting';
import type { Staff } from '../../src/domain/staff';
import { CohortList } from '../../src/features/cohorts/pages/cohort-list-page';
import { CalendarPage } from '../../src/features/cohorts/pages/calendar-page';
import { createI18n } from '../../src/i18n/i18n';

export interface CalendarBenchOptions {
  cohorts?: number;
  meetingsPerCohort?: number;
  rounds?: number;
}

export interface CalendarBenchResult {
  seedMs: number;
  /** Meetings the month view showed (links in the grid). */
  meetingsInMonth: number;
  firstCalendar: Timing;
  firstList: Timing;
  calendar: Timing[];
  list: Timing[];
  /** From pressing "Show all" to every group's card painted. */
  showAll: Timing[];
}

declare global {
  interface Window {
    runCalendarBench: (options?: CalendarBenchOptions) => Promise<CalendarBenchResult>;
  }
}

window.runCalendarBench = async ({ cohorts = 400, meetingsPerCohort = 10, rounds = 5 } = {}) => {
  const services = createServices({ dbName: `aplis-calendar-bench-${crypto.randomUUID()}` });
  const today = todayInRiga();
  const staff: Staff[] = Array.from({ length: 40 }, (_, i) => ({
    id: crypto.randomUUID(),
    displayName: `Facilitator ${i + 1}`,
    role: i === 0 ? 'coordinator' : 'facilitator',
    languages: ['lv'],
    active: true,
    createdAt: new Date().toISOString(),
  }));
  services.vault.open(await generateDataKey(), { staffId: staff[0]!.id, viaRecovery: false });

  const seedStart = performance.now();
  const cohortRows: Cohort[] = [];
  const meetingRows: Meeting[] = [];
  for (let i = 0; i < cohorts; i++) {
    // First meetings spread over the last 9 weeks, so the current month is busy.
    const firstDate = addDays(today, -63 + (i % 63));
    const cohort: Cohort = {
      id: crypto.randomUUID(),
      name: `Group ${String(i + 1).padStart(3, '0')}`,
      programmeId: 'lotus',
      facilitatorIds: [staff[i % staff.length]!.id, staff[(i + 7) % staff.length]!.id],
      place: `Centre ${(i % 12) + 1}`,
      room: String((i % 5) + 1),
      weekday: isoWeekday(firstDate),
      startTime: `${String(14 + (i % 6)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
      durationMinutes: 90,
      firstDate,
      composition: 'mixed',
      ageBand: { min: 14, max: 18 },
      capacity: 8,
      language: 'lv',
      status: 'running',
      participantIds: [],
    };
    cohortRows.push(cohort);
    for (let n = 0; n < meetingsPerCohort; n++) {
      const date = addDays(firstDate, n * 7);
      meetingRows.push({
        id: crypto.randomUUID(),
        cohortId: cohort.id,
        number: n + 1,
        planId: `lotus-w${String(n + 1).padStart(2, '0')}`,
        date,
        startTime: cohort.startTime,
        durationMinutes: 90,
        status: n % 17 === 5 ? 'cancelled' : date < today ? 'held' : 'planned',
      });
    }
  }
  await services.repos.staff.bulkPut(staff);
  await services.repos.cohorts.bulkPut(cohortRows);
  await services.repos.meetings.bulkPut(meetingRows);
  const seedMs = performance.now() - seedStart;

  const i18n = await createI18n('en');
  const queryClient = createQueryClient();
  const router = createMemoryRouter(
    [
      { path: '/cohorts', element: <CohortList /> },
      { path: '/cohorts/calendar', element: <CalendarPage /> },
    ],
    { initialEntries: ['/cohorts'] },
  );
  const container = document.getElementById('root')!;
  const root = createRoot(container);

  // The list shows its first page (48 groups) until "Show all" is pressed.
  const listReady = () => container.querySelectorAll('.card').length === Math.min(cohorts, 48);
  const calendarReady = () => container.querySelector('table.month-grid a') !== null;

  // First visits load and decrypt the data (not the target; shown for context).
  const firstList = await timed(async () => {
    root.render(
      <BenchApp services={services} i18n={i18n} router={router} queryClient={queryClient} />,
    );
    await Promise.resolve();
  }, listReady);
  const firstCalendar = await timed(() => router.navigate('/cohorts/calendar'), calendarReady);
  const meetingsInMonth = container.querySelectorAll('table.month-grid a').length;

  // Data cached: what the target is about.
  const calendar: Timing[] = [];
  const list: Timing[] = [];
  const showAll: Timing[] = [];
  const allShown = () => container.querySelectorAll('.card').length === cohorts;
  for (let r = 0; r < rounds; r++) {
    list.push(await timed(() => router.navigate('/cohorts'), listReady));
    // "Show all N groups": every card at once.
    const button = [...container.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Show all'),
    );
    if (button)
      showAll.push(
        await timed(async () => {
          button.click();
          await Promise.resolve();
        }, allShown),
      );
    calendar.push(await timed(() => router.navigate('/cohorts/calendar'), calendarReady));
  }

  root.unmount();
  services.database.close();
  await services.database.wipe();
  return { seedMs, meetingsInMonth, firstCalendar, firstList, calendar, list, showAll };
};
