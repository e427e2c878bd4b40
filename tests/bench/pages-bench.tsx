/**
 * Everyday pages benchmark, run in Chromium by scripts/bench.mjs (`--only=lowend`):
 * the benchmark organisation (400 groups of 15, 5,000 participants, 4,400
 * meetings, 60,000 attendance rows) sealed through the real repositories, then
 * the whole app (App, the app's routes, the staff layout with its menu)
 * rendered from a memory router. Each page is opened as a user opens it —
 * a click on the menu link (Today, Participants) or on a link to a group /
 * meeting (as on the group list or Today) — from a small start page inside the
 * layout, with every query the previous page used dropped from the cache, so
 * the page reads and unseals its data from IndexedDB; timed from the click to
 * the frame after its heading and its first rows/cards are in the DOM (and,
 * for context, to every read and write the app started having finished: `settled`).
 */
import '../../src/app/styles.css';
import { Link, createMemoryRouter, type RouteObject } from 'react-router';
import { createRoot } from 'react-dom/client';
import { App } from '../../src/app/app';
import { routes } from '../../src/app/router';
import { createQueryClient } from '../../src/services/query-client';
import { nextFrame, when } from './screen-timing';
import { createServices } from '../../src/services/services';
import { deriveBits } from '../../src/crypto/kdf';
import { attendanceStatuses, type Attendance, type Meeting } from '../../src/domain/meeting';
import { addDays, isoWeekday, todayInRiga } from '../../src/domain/calendar-date';
import type { Cohort } from '../../src/domain/cohort';
import { createI18n } from '../../src/i18n/i18n';
import { AUTO_LOCK_KEY } from '../../src/session/lock';
import { pick, syncBenchData } from './sync-data';

export type BenchPage = 'today' | 'group' | 'meeting' | 'participants';

declare global {
  interface Window {
    setupPagesBench: (options?: {
      cohorts?: number;
      participants?: number;
      attendance?: number;
    }) => Promise<{ seedMs: number; meetings: number; attendance: number }>;
    /** Opens `page` from the start page; resolves with the time to the DOM and to the painted frame. */
    openPage: (page: BenchPage) => Promise<{ dom: number; painted: number; settled: number }>;
  }
}

const GROUP_SIZE = 15;
const MEETINGS_PER_GROUP = 11; // ten held weekly up to this week, one next week

window.setupPagesBench = async ({
  cohorts: cohortCount = 400,
  participants: participantCount = 5_000,
  attendance: attendanceCount = 60_000,
} = {}) => {
  const services = createServices({
    dbName: `aplis-pages-bench-${crypto.randomUUID()}`,
    policy: { iterations: 1_000, floor: 1_000 },
    derive: deriveBits,
  });
  const seedStart = performance.now();
  const { staffId } = await services.keyring.createOrganisation({
    organisation: { name: 'Bench centre', supportContacts: [] },
    coordinator: { displayName: 'Bench coordinator', languages: ['en'] },
    passphrase: 'a long bench passphrase',
  });
  const { participants } = syncBenchData(
    { participants: participantCount, attendance: 0, notes: 0 },
    staffId,
  );
  const today = todayInRiga();
  const cohorts: Cohort[] = [];
  const meetings: Meeting[] = [];
  for (let i = 0; i < cohortCount; i++) {
    // Groups meet on every weekday: one in seven meets today.
    const last = addDays(today, -(i % 7));
    const cohortId = crypto.randomUUID();
    cohorts.push({
      id: cohortId,
      name: `Group ${String(i + 1).padStart(3, '0')}`,
      programmeId: 'lotus',
      facilitatorIds: [staffId],
      place: 'Centre',
      room: String(1 + (i % 6)),
      weekday: isoWeekday(last),
      startTime: '16:00',
      durationMinutes: 90,
      firstDate: addDays(last, -63),
      composition: 'girls',
      ageBand: { min: 14, max: 18 },
      capacity: 16,
      language: 'en',
      status: 'running',
      participantIds: Array.from(
        { length: GROUP_SIZE },
        (_, k) => pick(participants, i * GROUP_SIZE + k).id,
      ),
    });
    for (let k = 0; k < MEETINGS_PER_GROUP; k++) {
      meetings.push({
        id: crypto.randomUUID(),
        cohortId,
        number: k + 1,
        planId: `lotus-w${String(Math.min(k + 1, 10)).padStart(2, '0')}`,
        date: addDays(last, (k - 9) * 7),
        startTime: '16:00',
        durationMinutes: 90,
        status: k < 9 ? 'held' : 'planned',
      });
    }
  }
  // Marks on the meetings up to today, a group's members in turn.
  const marked = meetings.filter((m) => m.date <= today);
  const members = new Map(cohorts.map((c) => [c.id, c.participantIds]));
  const attendance: Attendance[] = [];
  for (let i = 0; i < attendanceCount; i++) {
    const meeting = pick(marked, Math.floor(i / GROUP_SIZE));
    attendance.push({
      id: crypto.randomUUID(),
      meetingId: meeting.id,
      participantId: pick(members.get(meeting.cohortId)!, i),
      status: pick(attendanceStatuses, i),
    });
  }
  // In batches: thousands of WebCrypto calls at once starve the page.
  const bulk = async <T,>(repo: { bulkPut(v: readonly T[]): Promise<void> }, rows: T[]) => {
    for (let i = 0; i < rows.length; i += 5_000) await repo.bulkPut(rows.slice(i, i + 5_000));
  };
  await bulk(services.repos.participants, participants);
  await bulk(services.repos.cohorts, cohorts);
  await bulk(services.repos.meetings, meetings);
  await bulk(services.repos.attendance, attendance);
  const seedMs = performance.now() - seedStart;
  // The bench clicks links but never touches the screen, so the app's idle
  // lock (10 minutes by default) closed the session part-way through a run on
  // a loaded machine. This bench database alone locks after a day instead,
  // as a user could choose in Settings; the app's default is unchanged.
  await services.meta.put(AUTO_LOCK_KEY, 24 * 60);

  // The group and meeting a facilitator opens: the first group that meets today.
  const group = cohorts[0]!;
  const meeting = meetings.find((m) => m.cohortId === group.id && m.date === today)!;
  const start: RouteObject = {
    path: 'bench-start',
    element: (
      <section id="bench-start">
        <h1>Bench start</h1>
        <Link id="to-group" to={`/cohorts/${group.id}`}>
          {group.name}
        </Link>
        <Link id="to-meeting" to={`/meetings/${meeting.id}`}>
          {group.name} meeting
        </Link>
      </section>
    ),
  };
  const [staffShell, ...rest] = routes;
  const [inner] = staffShell!.children!;
  const benchRoutes: RouteObject[] = [
    { ...staffShell!, children: [{ ...inner!, children: [start, ...inner!.children!] }] },
    ...rest,
  ] as RouteObject[];
  const router = createMemoryRouter(benchRoutes, { initialEntries: ['/bench-start'] });
  const queryClient = createQueryClient();
  const i18n = await createI18n('en');
  const container = document.getElementById('root')!;
  createRoot(container).render(
    <App
      services={services}
      i18n={i18n}
      router={router}
      withServiceWorker={false}
      queryClient={queryClient}
    />,
  );
  await when(() => container.querySelector('#bench-start') !== null, 'the start page');

  const main = () => container.querySelector('main');
  const heading = (text?: string) => {
    const h1 = main()?.querySelector('h1#page-title');
    return !!h1 && (text === undefined || h1.textContent === text);
  };
  const away = () => container.querySelector('#bench-start') === null;
  const pages: Record<BenchPage, { link: () => HTMLElement | null; ready: () => boolean }> = {
    today: {
      link: () => container.querySelector<HTMLElement>('nav.app-nav a[href="/"]'),
      ready: () => away() && heading('Today') && !!main()?.querySelector('.card-list li a'),
    },
    group: {
      link: () => container.querySelector<HTMLElement>('#to-group'),
      ready: () =>
        away() && heading(group.name) && !!main()?.querySelector(`a[href^="/meetings/"]`),
    },
    meeting: {
      link: () => container.querySelector<HTMLElement>('#to-meeting'),
      ready: () =>
        away() && heading() && !!main()?.querySelector('.attendance-list input[type="radio"]'),
    },
    participants: {
      link: () => container.querySelector<HTMLElement>('nav.app-nav a[href="/participants"]'),
      ready: () => away() && heading('Participants') && !!main()?.querySelector('tbody tr'),
    },
  };
  // Every read and write the app started has finished (one page's work never runs into the
  // next's timing): Today's absence rules are a mutation, which isFetching does not count.
  // Three frames first: a page may start secondary reads once its content is painted (Today
  // paints its week's cards a frame after today's, and starts the follow-up count a frame later).
  const idle = async () => {
    await nextFrame();
    await nextFrame();
    await nextFrame();
    while (queryClient.isFetching() > 0 || queryClient.isMutating() > 0)
      await new Promise((resolve) => setTimeout(resolve, 20));
    return performance.now();
  };
  window.openPage = async (page) => {
    await router.navigate('/bench-start');
    await when(() => container.querySelector('#bench-start') !== null, 'the start page');
    await idle();
    // What the last page read is gone: this page reads and unseals its own data.
    queryClient.removeQueries({ type: 'inactive' });
    await nextFrame();
    const link = pages[page].link();
    if (!link) throw new Error(`no link to ${page} on the start page`);
    const t0 = performance.now();
    const shown = when(pages[page].ready, page);
    link.click();
    const dom = await shown;
    const painted = await nextFrame();
    const settled = await idle();
    return { dom: dom - t0, painted: painted - t0, settled: settled - t0 };
  };
  return { seedMs, meetings: meetings.length, attendance: attendance.length };
};

document.title = 'ready';
