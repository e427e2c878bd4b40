/** Small builders for test data; override only what a test is about. */
import { isoWeekday, todayInRiga } from '../domain/calendar-date';
import type { Cohort } from '../domain/cohort';
import type { Meeting } from '../domain/meeting';
import type { Participant } from '../domain/participant';
import type { Activity, CustomProgramme, MeetingPlan } from '../domain/programme';
import type { Staff } from '../domain/staff';

export function anActivity(overrides: Partial<Activity> = {}): Activity {
  return {
    id: `a-${crypto.randomUUID()}`,
    title: 'Check-in',
    minutes: 30,
    description: 'A round where everyone says how they are.',
    ...overrides,
  };
}

/** A meeting whose activities fill 90 minutes (60 + 30). */
export function aMeetingPlan(overrides: Partial<MeetingPlan> = {}): MeetingPlan {
  return {
    id: `m-${crypto.randomUUID()}`,
    number: 1,
    topic: 'Getting to know each other',
    aims: ['Feel welcome'],
    activities: [
      anActivity({ title: 'Main activity', minutes: 60 }),
      anActivity({ title: 'Check-out', minutes: 30 }),
    ],
    materials: [],
    facilitatorNotes: 'Keep it light.',
    ...overrides,
  };
}

/** A coordinator's programme copy of 90-minute meetings, one per topic given. */
export function aCustomProgramme(
  overrides: Partial<CustomProgramme> & { topics?: string[] } = {},
): CustomProgramme {
  const { topics = ['Alpha', 'Beta', 'Gamma'], ...rest } = overrides;
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    kind: 'custom',
    language: 'en',
    basedOn: 'lotus',
    title: 'Our own programme',
    summary: 'Adapted for our centre.',
    audience: 'Young people aged 14–18',
    meetingMinutes: 90,
    format: 'fixed',
    meetings: topics.map((topic, i) =>
      aMeetingPlan({ id: `m-${i + 1}-${topic.toLowerCase()}`, number: i + 1, topic }),
    ),
    createdAt: now,
    updatedAt: now,
    ...rest,
  };
}

export function aParticipant(overrides: Partial<Participant> = {}): Participant {
  return {
    id: crypto.randomUUID(),
    code: 'L25-07',
    chosenName: 'Anna',
    gender: 'girl',
    languages: ['lv'],
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A planned meeting of this group, today, numbered 1, at the group's time (override what matters). */
export function aMeeting(
  cohort: Pick<Cohort, 'id'> & Partial<Pick<Cohort, 'startTime' | 'durationMinutes'>>,
  overrides: Partial<Meeting> = {},
): Meeting {
  const number = overrides.number ?? 1;
  return {
    id: crypto.randomUUID(),
    cohortId: cohort.id,
    number,
    planId: `lotus-w${String(number).padStart(2, '0')}`,
    date: todayInRiga(),
    startTime: cohort.startTime ?? '16:00',
    durationMinutes: cohort.durationMinutes ?? 90,
    status: 'planned',
    ...overrides,
  };
}

export function aStaffMember(overrides: Partial<Staff> = {}): Staff {
  return {
    id: crypto.randomUUID(),
    displayName: 'Anna',
    role: 'facilitator',
    languages: ['lv'],
    active: true,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A running group meeting weekly on today's weekday. */
export function aCohort(name: string, overrides: Partial<Cohort> = {}): Cohort {
  const today = todayInRiga();
  return {
    id: crypto.randomUUID(),
    name,
    programmeId: 'lotus',
    facilitatorIds: [],
    place: 'Youth centre',
    room: '1',
    weekday: isoWeekday(today),
    startTime: '16:00',
    durationMinutes: 90,
    firstDate: today,
    composition: 'mixed',
    ageBand: { min: 14, max: 18 },
    capacity: 8,
    language: 'lv',
    status: 'running',
    participantIds: [],
    ...overrides,
  };
}
