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
import type { AppServices } from '../../app/services';
import { addDays, todayInRiga, isoWeekday } from '../../domain/calendar-date';
import type { Cohort } from '../../domain/cohort';
import type { Attendance, Meeting, MeetingNote } from '../../domain/meeting';
import type { Participant } from '../../domain/participant';
import type { Staff } from '../../domain/staff';
import type { UiLanguage } from '../../i18n/languages';
import { DEMO_PASSPHRASE } from './demo-passphrase';
import { addDemoJourneys } from '../screening/demo-journeys';

const uuid = () => crypto.randomUUID();

interface DemoText {
  organisation: string;
  coordinator: string;
  facilitators: [string, string, string];
  lotusCohort: string;
  peerCohort: string;
  place: string;
  notes: string[];
}

const demoText: Record<UiLanguage, DemoText> = {
  lv: {
    organisation: 'Demo centrs «Saulgrieži»',
    coordinator: 'Ieva (demo koordinatore)',
    facilitators: ['Anna Kalniņa', 'Jānis Ozols', 'Dace Liepa'],
    lotusCohort: 'Lotus — Rīga, rudens',
    peerCohort: 'Puišu atbalsta grupa',
    place: 'Demo centrs, Brīvības iela (izdomāta adrese)',
    notes: [
      'Grupa vienojās par noteikumiem. Visi piedalījās, daži vairāk klausījās.',
      'Labs noskaņojums. Diskusija par robežām ģimenē bija dzīva.',
      'Divi dalībnieki kļuva klusāki pēc trešās aktivitātes; runājām pēc tikšanās.',
      'Daudz smieklu pie kopīgās maltītes. Jauns dalībnieks iejutās labi.',
    ],
  },
  en: {
    organisation: 'Demo centre “Solstice”',
    coordinator: 'Ieva (demo coordinator)',
    facilitators: ['Anna Kalniņa', 'Jānis Ozols', 'Dace Liepa'],
    lotusCohort: 'Lotus — Riga, autumn',
    peerCohort: 'Young men’s support group',
    place: 'Demo centre, Freedom Street (made-up address)',
    notes: [
      'The group agreed its ground rules. Everyone took part; some mostly listened.',
      'Good mood. A lively talk about boundaries in families.',
      'Two participants went quiet after the third activity; we checked in after the meeting.',
      'Lots of laughter over the shared meal. A new member settled in well.',
    ],
  },
  ru: {
    organisation: 'Демо-центр «Солнцеворот»',
    coordinator: 'Иева (демо-координатор)',
    facilitators: ['Anna Kalniņa', 'Jānis Ozols', 'Dace Liepa'],
    lotusCohort: 'Lotus — Рига, осень',
    peerCohort: 'Группа поддержки для парней',
    place: 'Демо-центр, улица Свободы (вымышленный адрес)',
    notes: [
      'Группа договорилась о правилах. Участвовали все, некоторые больше слушали.',
      'Хорошее настроение. Живой разговор о личных границах в семье.',
      'Двое участников притихли после третьего упражнения; поговорили с ними после встречи.',
      'Много смеха за общим столом. Новый участник хорошо освоился.',
    ],
  },
  uk: {
    organisation: 'Демо-центр «Сонцеворот»',
    coordinator: 'Ієва (демо-координаторка)',
    facilitators: ['Anna Kalniņa', 'Jānis Ozols', 'Dace Liepa'],
    lotusCohort: 'Lotus — Рига, осінь',
    peerCohort: 'Група підтримки для хлопців',
    place: 'Демо-центр, вулиця Свободи (вигадана адреса)',
    notes: [
      'Група домовилася про правила. Брали участь усі, дехто більше слухав.',
      'Гарний настрій. Жвава розмова про особисті межі в родині.',
      'Двоє учасників притихли після третьої вправи; поговорили з ними після зустрічі.',
      'Багато сміху за спільним столом. Новий учасник добре освоївся.',
    ],
  },
};

const girls = ['Alise', 'Beāte', 'Diāna', 'Elza', 'Katrīna', 'Laura', 'Nora'];
const boys = ['Artūrs', 'Dāvis', 'Kārlis', 'Oskars', 'Rihards', 'Sergejs'];

function weeklyDates(first: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(first, i * 7));
}

export async function createDemoOrganisation(
  services: AppServices,
  lng: UiLanguage,
): Promise<void> {
  const text = demoText[lng];
  await services.keyring.createOrganisation({
    organisation: { name: text.organisation, supportContacts: [] },
    coordinator: { displayName: text.coordinator, languages: ['lv', 'en'] },
    passphrase: DEMO_PASSPHRASE,
    demo: true,
  });
  const { repos } = services;
  const createdAt = new Date().toISOString();
  const today = todayInRiga();

  const staff: Staff[] = text.facilitators.map((displayName, i) => ({
    id: uuid(),
    displayName,
    role: 'facilitator',
    languages: i === 2 ? ['lv', 'ru'] : ['lv', 'en'],
    active: true,
    createdAt,
  }));

  const year = today.slice(2, 4);
  const participants: Participant[] = [
    ...girls.map((chosenName, i) => ({
      id: uuid(),
      code: `L${year}-${String(i + 1).padStart(2, '0')}`,
      chosenName,
      gender: 'girl' as const,
      birthYear: 2009 + (i % 3),
      languages: i === 3 ? ['lv', 'ru'] : ['lv'],
      createdAt,
    })),
    ...boys.map((chosenName, i) => ({
      id: uuid(),
      code: `P${year}-${String(i + 1).padStart(2, '0')}`,
      chosenName,
      gender: 'boy' as const,
      birthYear: 2003 + (i % 5),
      languages: i === 5 ? ['ru', 'en'] : ['lv', 'en'],
      createdAt,
    })),
  ];
  const lotusMembers = participants.filter((p) => p.gender === 'girl');
  const peerMembers = participants.filter((p) => p.gender === 'boy');

  // Lotus meets on today's weekday and is at week 5 today.
  const lotusFirst = addDays(today, -28);
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
  const peerFirst = addDays(today, -40);
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
    weeklyDates(cohort.firstDate, count).forEach((date, i) => {
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
          ...(status === 'late' ? { time: '16:45' } : {}),
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
  await addDemoJourneys(services, { participants, cohorts: [lotus, peer], today, lng });
}
