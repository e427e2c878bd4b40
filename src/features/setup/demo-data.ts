/**
 * The demo organisation: fictional staff, two cohorts (a Lotus group and a
 * peer-support group), fictional participants, some attendance and notes.
 * Every name here is invented. Dates are placed around today so the Today
 * screen has something to show.
 *
 * This module is loaded only when someone asks for the demo, and its chunk is
 * left out of the service worker's cache: even made-up names never sit in the
 * device's storage unencrypted.
 */
import type { AppServices } from '../../services/services';
import { addDays, todayInRiga, isoWeekday } from '../../domain/calendar-date';
import { isClosed, latvianPublicHolidays, type Closure } from '../../domain/closures';
import type { Cohort } from '../../domain/cohort';
import { generateSchedule } from '../../domain/schedule';
import { minutesOfDay } from '../../domain/week-dates';
import type { Attendance, Meeting, MeetingNote } from '../../domain/meeting';
import type { Participant } from '../../domain/participant';
import type { Staff } from '../../domain/staff';
import type { UiLanguage } from '../../i18n/languages';
import { demoText } from './demo-data-text';
import { DEMO_PASSPHRASE } from '../../session/demo-passphrase';
import { addDemoJourneys } from '../screening';

const uuid = () => crypto.randomUUID();

const girls = ['Alise', 'Beāte', 'Diāna', 'Elza', 'Katrīna', 'Laura', 'Nora'];
const boys = ['Artūrs', 'Dāvis', 'Kārlis', 'Oskars', 'Rihards', 'Sergejs'];

/**
 * The first date of a group that has met `heldBefore` times before `anchor`
 * (a date on its weekday), counting only weeks that are not closed: the demo
 * is placed around today through the same holiday rules as a real group.
 */
function firstDateBefore(anchor: string, heldBefore: number, closures: readonly Closure[]) {
  let date = anchor;
  for (let held = 0; held < heldBefore;) {
    date = addDays(date, -7);
    if (!isClosed(date, closures)) held++;
  }
  return date;
}

/** A time `minutes` after `start` (HH:mm), for late arrivals. */
function after(start: string, minutes: number): string {
  const total = minutesOfDay(start) + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export async function createDemoOrganisation(
  services: AppServices,
  lng: UiLanguage,
  /** For tests: the day the demo is built around (default: today in Riga). */
  today: string = todayInRiga(),
): Promise<void> {
  const text = demoText[lng];
  const year = Number(today.slice(0, 4));
  // The same closures a coordinator's new group is scheduled around.
  const closures = await latvianPublicHolidays(year - 1, year + 1);
  await services.keyring.createOrganisation({
    organisation: { name: text.organisation, supportContacts: text.contacts },
    coordinator: { displayName: text.coordinator, languages: ['lv', 'en'] },
    passphrase: DEMO_PASSPHRASE,
    demo: true,
  });
  const { repos } = services;
  const createdAt = new Date().toISOString();

  const staff: Staff[] = text.facilitators.map((displayName, i) => ({
    id: uuid(),
    displayName,
    role: 'facilitator',
    languages: i === 2 ? ['lv', 'ru'] : ['lv', 'en'],
    active: true,
    createdAt,
  }));

  const yy = today.slice(2, 4);
  const participants: Participant[] = [
    ...girls.map((chosenName, i) => ({
      id: uuid(),
      code: `L${yy}-${String(i + 1).padStart(2, '0')}`,
      chosenName,
      gender: 'girl' as const,
      birthYear: 2009 + (i % 3),
      languages: i === 3 ? ['lv', 'ru'] : ['lv'],
      createdAt,
    })),
    ...boys.map((chosenName, i) => ({
      id: uuid(),
      code: `P${yy}-${String(i + 1).padStart(2, '0')}`,
      chosenName,
      gender: 'boy' as const,
      birthYear: 2003 + (i % 5),
      languages: i === 5 ? ['ru', 'en'] : ['lv', 'en'],
      createdAt,
    })),
  ];
  const lotusMembers = participants.filter((p) => p.gender === 'girl');
  const peerMembers = participants.filter((p) => p.gender === 'boy');
  // Screened, and routed to individual support instead of a group (demo-journeys.ts).
  const supported: Participant = {
    id: uuid(),
    code: `L${yy}-${String(girls.length + 1).padStart(2, '0')}`,
    chosenName: 'Rūta',
    gender: 'girl',
    birthYear: year - 15,
    languages: ['lv'],
    createdAt,
  };
  participants.push(supported);

  // Lotus meets on today's weekday and has met four times (week 5 is today,
  // unless today is a holiday).
  const lotusFirst = firstDateBefore(today, 4, closures);
  const lotus: Cohort = {
    id: uuid(),
    name: text.lotusCohort,
    programmeId: 'lotus',
    facilitatorIds: [staff[0]!.id, staff[1]!.id],
    place: text.place,
    room: '2',
    weekday: isoWeekday(lotusFirst),
    startTime: '16:30',
    durationMinutes: 90,
    firstDate: lotusFirst,
    composition: 'girls',
    ageBand: { min: 14, max: 17 },
    capacity: 8,
    // The demo's groups work in the language it was started in (meeting mode
    // shows the plan in the group's working language); in a Latvian demo the
    // peer group works in English, to show a group in another language.
    language: lng,
    status: 'running',
    participantIds: lotusMembers.map((p) => p.id),
  };
  // The peer group meets two days from today's weekday and has met six times.
  const peerFirst = firstDateBefore(addDays(today, 2), 6, closures);
  const peer: Cohort = {
    id: uuid(),
    name: text.peerCohort,
    programmeId: 'peer-support',
    facilitatorIds: [staff[1]!.id, staff[2]!.id],
    place: text.place,
    room: '1',
    weekday: isoWeekday(peerFirst),
    startTime: '17:00',
    durationMinutes: 120,
    firstDate: peerFirst,
    composition: 'boys',
    ageBand: { min: 16, max: 25 },
    capacity: 8,
    language: lng === 'lv' ? 'en' : lng,
    status: 'running',
    participantIds: peerMembers.map((p) => p.id),
    // ECPAT practice: travel paid and a meal at every session (meeting mode ticks them per person).
    travelAndMeal: true,
  };

  const meetings: Meeting[] = [];
  const attendance: Attendance[] = [];
  const notes: MeetingNote[] = [];
  const statuses = [
    'present',
    'present',
    'present',
    'late',
    'present',
    'excused',
    'absent',
  ] as const;

  function schedule(cohort: Cohort, planPrefix: string, count: number, members: Participant[]) {
    const planned = generateSchedule({
      firstDate: cohort.firstDate,
      weekday: cohort.weekday,
      count,
      planIds: Array.from(
        { length: count },
        (_, i) => `${planPrefix}${String(i + 1).padStart(2, '0')}`,
      ),
      closures,
      startTime: cohort.startTime,
      durationMinutes: cohort.durationMinutes,
    });
    if (!planned.ok) throw new Error(`demo schedule: ${planned.error.kind}`);
    planned.value.forEach(({ date }, i) => {
      const held = date < today;
      const meeting: Meeting = {
        id: uuid(),
        cohortId: cohort.id,
        number: i + 1,
        planId: `${planPrefix}${String(i + 1).padStart(2, '0')}`,
        date,
        startTime: cohort.startTime,
        durationMinutes: cohort.durationMinutes,
        status: held ? 'held' : 'planned',
      };
      meetings.push(meeting);
      if (!held) return;
      members.forEach((participant, j) => {
        const status = statuses[(i * 3 + j) % statuses.length]!;
        attendance.push({
          id: uuid(),
          meetingId: meeting.id,
          participantId: participant.id,
          status,
          ...(status === 'late' ? { time: after(cohort.startTime, 10 + ((i + j) % 3) * 5) } : {}),
        });
      });
      notes.push({
        id: uuid(),
        meetingId: meeting.id,
        mood: 3 + (i % 3),
        engagement: 2 + (i % 4),
        tags: i % 2 === 0 ? ['laughter'] : ['withdrawal'],
        text: text.notes[i % text.notes.length]!,
        authorId: cohort.facilitatorIds[0]!,
        updatedAt: new Date().toISOString(),
      });
    });
  }
  schedule(lotus, 'lotus-w', 10, lotusMembers);
  schedule(peer, 'peer-w', 12, peerMembers);

  await repos.staff.bulkPut(staff);
  await repos.participants.bulkPut(participants);
  await repos.cohorts.bulkPut([lotus, peer]);
  await repos.meetings.bulkPut(meetings);
  await repos.attendance.bulkPut(attendance);
  await repos.notes.bulkPut(notes);
  await addDemoJourneys(services, {
    participants,
    cohorts: [lotus, peer],
    meetings,
    staff,
    supportedId: supported.id,
    today,
    lng,
  });
}
