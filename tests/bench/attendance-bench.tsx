/**
 * Attendance benchmark, run in Chromium by scripts/bench.mjs: a database that
 * already holds many attendance rows (sealed through the real repositories),
 * the real meeting-mode screen rendered with the real providers, and real
 * taps on its attendance radios driven by Playwright.
 *
 * Each tap is timed from its click event to the moment the repository's
 * `put` has resolved, i.e. the row is validated, sealed (AES-GCM) and
 * committed to IndexedDB. Dev-mode React (Vite's dev server) is slower than
 * the production build, so the numbers are on the pessimistic side.
 */
import '../../src/app/styles.css';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter } from 'react-router';
import { createQueryClient } from '../../src/services/query-client';
import { BenchApp } from './screen-timing';
import { createServices } from '../../src/services/services';
import { generateDataKey } from '../../src/crypto/keyring';
import { attendanceStatuses, type Attendance, type Meeting } from '../../src/domain/meeting';
import { isoWeekday, todayInRiga } from '../../src/domain/calendar-date';
import type { Cohort } from '../../src/domain/cohort';
import type { Participant } from '../../src/domain/participant';
import type { Staff } from '../../src/domain/staff';
import { flattenRegisters } from '../../src/db/registers';
import { AplisDatabase } from '../../src/db/schema';
import { MeetingPage } from '../../src/features/meeting/pages/meeting-page';
import { createI18n } from '../../src/i18n/i18n';

export interface AttendanceBenchSetup {
  seedMs: number;
  rowsInDatabase: number;
  participants: string[];
}

declare global {
  interface Window {
    setupAttendanceBench: (options?: {
      rows?: number;
      participants?: number;
    }) => Promise<AttendanceBenchSetup>;
    /** Set by the page: click time (armed by `armTap`) and the stored time of every put. */
    __attendanceBench: { clickAt: number | null; storedAt: number[]; check: () => Promise<string> };
    armTap: () => void;
  }
}

window.__attendanceBench = { clickAt: null, storedAt: [], check: () => Promise.resolve('') };
window.armTap = () => {
  window.__attendanceBench.clickAt = null;
  document.addEventListener(
    'click',
    () => {
      if (window.__attendanceBench.clickAt === null)
        window.__attendanceBench.clickAt = performance.now();
    },
    { capture: true, once: true },
  );
};

window.setupAttendanceBench = async ({ rows = 60_000, participants: size = 10 } = {}) => {
  const db = new AplisDatabase(`aplis-attendance-bench-${crypto.randomUUID()}`);
  const services = createServices({ db });
  const today = todayInRiga();
  const createdAt = new Date().toISOString();
  const staff: Staff = {
    id: crypto.randomUUID(),
    displayName: 'Facilitator',
    role: 'facilitator',
    languages: ['en'],
    active: true,
    createdAt,
  };
  services.vault.open(await generateDataKey(), { staffId: staff.id, viaRecovery: false });
  const participants: Participant[] = Array.from({ length: size }, (_, i) => ({
    id: crypto.randomUUID(),
    code: `L26-${String(i + 1).padStart(2, '0')}`,
    chosenName: `Person ${i + 1}`,
    gender: 'girl',
    languages: ['lv'],
    createdAt,
  }));
  const cohort: Cohort = {
    id: crypto.randomUUID(),
    name: 'Bench group',
    programmeId: 'lotus',
    facilitatorIds: [staff.id],
    place: 'Centre',
    room: '1',
    weekday: isoWeekday(today),
    startTime: '16:00',
    durationMinutes: 90,
    firstDate: today,
    composition: 'girls',
    ageBand: { min: 14, max: 18 },
    capacity: 12,
    language: 'en',
    status: 'running',
    participantIds: participants.map((p) => p.id),
  };
  const meeting: Meeting = {
    id: crypto.randomUUID(),
    cohortId: cohort.id,
    number: 1,
    planId: 'lotus-w01',
    date: today,
    startTime: '16:00',
    durationMinutes: 90,
    status: 'planned',
  };

  // The history: other groups' meetings, ~25 marks each, sealed like real rows.
  const seedStart = performance.now();
  const otherMeetings = Array.from({ length: Math.ceil(rows / 25) }, () => crypto.randomUUID());
  const otherPeople = Array.from({ length: 2_000 }, () => crypto.randomUUID());
  const CHUNK = 5_000;
  for (let start = 0; start < rows; start += CHUNK) {
    const chunk: Attendance[] = [];
    for (let i = start; i < Math.min(rows, start + CHUNK); i++) {
      const status = attendanceStatuses[i % attendanceStatuses.length]!;
      chunk.push({
        id: crypto.randomUUID(),
        meetingId: otherMeetings[Math.floor(i / 25)]!,
        participantId: otherPeople[i % otherPeople.length]!,
        status,
        ...(status === 'late' ? { time: '16:10' } : {}),
      });
    }
    await services.repos.attendance.bulkPut(chunk);
  }
  await services.repos.staff.put(staff);
  await services.repos.participants.bulkPut(participants);
  await services.repos.cohorts.put(cohort);
  await services.repos.meetings.put(meeting);
  const seedMs = performance.now() - seedStart;

  // Time every write the screen makes: resolved = sealed and committed.
  const put = services.repos.attendance.put.bind(services.repos.attendance);
  services.repos.attendance.put = async (value) => {
    const result = await put(value);
    window.__attendanceBench.storedAt.push(performance.now());
    return result;
  };
  window.__attendanceBench.check = async () => {
    const stored = (await db.registers.get(meeting.id))?.marks ?? [];
    const plain = stored.find((row) => JSON.stringify(row).includes('"status"'));
    if (stored.length !== size)
      return `expected ${size} rows for the meeting, found ${stored.length}`;
    if (plain) return 'a stored row has its status in the clear';
    if (!stored.every((row) => row.sealed instanceof Uint8Array)) return 'a row is not sealed';
    return '';
  };

  const i18n = await createI18n('en');
  const router = createMemoryRouter([{ path: '/meetings/:meetingId', element: <MeetingPage /> }], {
    initialEntries: [`/meetings/${meeting.id}`],
  });
  createRoot(document.getElementById('root')!).render(
    <BenchApp services={services} i18n={i18n} router={router} queryClient={createQueryClient()} />,
  );
  return {
    seedMs,
    rowsInDatabase: flattenRegisters(await db.registers.toArray()).length,
    participants: participants.map((p) => p.chosenName),
  };
};

document.title = 'ready';
