/**
 * Report benchmark data and the domain-only measurement, shared by the Node
 * run (scripts/bench.mjs loads this through Vite's SSR loader) and the
 * Chromium page (reports-bench.tsx). Plain data, no database: the target is
 * "render in ≤ 500 ms after data is loaded".
 */
import { addDays, todayInRiga } from '../../src/domain/calendar-date';
import type { Cohort } from '../../src/domain/cohort';
import type { Concern } from '../../src/domain/concern';
import type { Enrolment } from '../../src/domain/enrolment';
import type { FollowUp } from '../../src/domain/follow-up';
import type { Attendance, Meeting, MeetingNote } from '../../src/domain/meeting';
import type { Participant } from '../../src/domain/participant';
import {
  attendanceMatrix,
  completion,
  membersOf,
  withdrawals,
} from '../../src/domain/reports/attendance';
import type { Feedback } from '../../src/domain/reports/feedback';
import { summariseCheckouts, summariseFinal } from '../../src/domain/reports/feedback';
import { funderReport, tallyFeedback } from '../../src/domain/reports/funder';
import { followUpsByType } from '../../src/domain/reports/follow-ups';
import { moodSeries } from '../../src/domain/reports/mood';
import { organisationOverview } from '../../src/domain/reports/overview';
import type { Referral } from '../../src/domain/referral';
import type { Screening } from '../../src/domain/screening';

export interface ReportsBenchData {
  cohorts: Cohort[];
  meetings: Meeting[];
  attendance: Attendance[];
  notes: MeetingNote[];
  enrolments: Enrolment[];
  referrals: Referral[];
  screenings: Screening[];
  participants: Participant[];
  concerns: Concern[];
  followUps: FollowUp[];
  feedback: Feedback[];
}

const STATUSES = [
  'present',
  'present',
  'present',
  'late',
  'excused',
  'absent',
  'left-early',
] as const;

/** 400 cohorts × 10 meetings × 15 people = 60,000 attendance rows by default. */
export function makeReportsData(
  cohortCount = 400,
  meetingsPer = 10,
  peoplePer = 15,
): ReportsBenchData {
  const uuid = () => crypto.randomUUID();
  const data: ReportsBenchData = {
    cohorts: [],
    meetings: [],
    attendance: [],
    notes: [],
    enrolments: [],
    referrals: [],
    screenings: [],
    participants: [],
    concerns: [],
    followUps: [],
    feedback: [],
  };
  const author = uuid();
  // Every cohort's first meeting within the last year, so the default period (this year) is busy.
  const today = todayInRiga();
  for (let c = 0; c < cohortCount; c++) {
    const firstDate = addDays(today, -70 - 7 * (c % 40));
    const people: Participant[] = Array.from({ length: peoplePer }, (_, p) => ({
      id: uuid(),
      code: `L25-${String((c * peoplePer + p) % 1000).padStart(3, '0')}`,
      chosenName: `Person ${c}-${p}`,
      gender: 'girl',
      birthYear: 2005 + (p % 8),
      languages: ['lv'],
      createdAt: '2025-01-01T10:00:00.000Z',
    }));
    data.participants.push(...people);
    const cohort: Cohort = {
      id: uuid(),
      name: `Group ${c + 1}`,
      programmeId: 'lotus',
      facilitatorIds: [author],
      place: 'Centre',
      room: '1',
      weekday: 1,
      startTime: '16:00',
      durationMinutes: 90,
      firstDate,
      composition: 'girls',
      ageBand: { min: 14, max: 21 },
      capacity: peoplePer,
      language: 'lv',
      status: c % 3 === 0 ? 'running' : 'finished',
      participantIds: people.slice(1).map((p) => p.id),
    };
    data.cohorts.push(cohort);
    const leaver = people[0]!;
    data.enrolments.push({
      id: uuid(),
      participantId: leaver.id,
      cohortId: cohort.id,
      status: 'withdrawn',
      enrolledOn: firstDate,
      endedOn: addDays(firstDate, 30),
      endReason: 'Moved away',
      createdAt: '2025-01-01T10:00:00.000Z',
    });
    for (const p of people) {
      data.referrals.push({
        id: uuid(),
        participantId: p.id,
        legalName: p.chosenName,
        ageAtReferral: 16,
        referrer: { role: 'social-worker', organisation: '', contact: '' },
        reason: 'x',
        consent: { youngPerson: true, guardian: true },
        referredOn: addDays(firstDate, -30),
        createdAt: '2025-01-01T10:00:00.000Z',
      });
      data.screenings.push({
        participantId: p.id,
        id: uuid(),
        outcome: 'group',
        completedOn: addDays(firstDate, -20),
        createdAt: '2025-01-01T10:00:00.000Z',
      } as Screening);
    }
    for (let m = 0; m < meetingsPer; m++) {
      const meeting: Meeting = {
        id: uuid(),
        cohortId: cohort.id,
        number: m + 1,
        planId: `lotus-w${m + 1}`,
        date: addDays(firstDate, m * 7),
        startTime: '16:00',
        durationMinutes: 90,
        status: m === 7 && c % 5 === 0 ? 'cancelled' : 'held',
      };
      data.meetings.push(meeting);
      people.forEach((p, i) =>
        data.attendance.push({
          id: uuid(),
          meetingId: meeting.id,
          participantId: p.id,
          status: STATUSES[(c + m + i) % STATUSES.length]!,
        }),
      );
      data.notes.push({
        id: uuid(),
        meetingId: meeting.id,
        mood: 1 + ((c + m) % 5),
        engagement: 1 + ((c * m) % 5),
        tags: [],
        text: '',
        authorId: author,
        updatedAt: '2025-01-01T10:00:00.000Z',
      });
      data.feedback.push({
        id: uuid(),
        kind: 'checkout',
        meetingId: meeting.id,
        cohortId: cohort.id,
        date: meeting.date,
        safe: 'yes',
        feeling: 4,
      });
    }
    const concernId = uuid();
    data.concerns.push({
      id: concernId,
      meetingId: data.meetings.at(-1)!.id,
      cohortId: cohort.id,
      type: 'distress',
      seenOrSaid: 'x',
      actionTaken: '',
      stepsDone: [],
      raisedBy: author,
      raisedAt: '2025-03-01T10:00:00.000Z',
    });
    data.followUps.push({
      id: uuid(),
      kind: 'concern',
      status: 'closed',
      cohortId: cohort.id,
      concernId,
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-03T10:00:00.000Z',
      closedAt: '2025-03-03T10:00:00.000Z',
    });
  }
  return data;
}

/** Everything the cohort report computes for one cohort. */
export function cohortFigures(data: ReportsBenchData, cohort: Cohort) {
  const meetings = data.meetings.filter((m) => m.cohortId === cohort.id);
  const ids = new Set(meetings.map((m) => m.id));
  const members = membersOf(cohort.participantIds, data.enrolments, cohort.id);
  const matrix = attendanceMatrix({
    meetings,
    members,
    attendance: data.attendance.filter((a) => ids.has(a.meetingId)),
  });
  return {
    matrix,
    completion: completion(matrix, { finished: cohort.status === 'finished' }),
    left: withdrawals(data.enrolments, cohort.id),
    followUps: followUpsByType({
      followUps: data.followUps.filter((f) => f.cohortId === cohort.id),
      concerns: data.concerns,
      now: new Date(),
    }),
    mood: moodSeries(
      meetings,
      data.notes.filter((n) => ids.has(n.meetingId)),
    ),
    checkouts: summariseCheckouts(
      [...ids],
      data.feedback.filter((f) => ids.has(f.meetingId)),
    ),
    final: summariseFinal(data.feedback),
  };
}

export interface DomainTimings {
  attendanceRows: number;
  cohorts: number;
  overviewMs: number;
  funderMs: number;
  cohortReportMs: number;
}

/** Times the organisation overview (one year, all cohorts), the funder report, and one cohort report. */
export function runReportsDomainBench(data: ReportsBenchData, rounds = 5): DomainTimings[] {
  const out: DomainTimings[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const overview = organisationOverview({ ...data, from: '2025-01-01', to: '2026-12-31' });
    const t1 = performance.now();
    funderReport({
      organisation: 'Bench',
      overview,
      feedback: tallyFeedback(data.feedback),
      label: (k) => k,
      period: '2025–2026',
    });
    const t2 = performance.now();
    cohortFigures(data, data.cohorts[r % data.cohorts.length]!);
    const t3 = performance.now();
    out.push({
      attendanceRows: data.attendance.length,
      cohorts: data.cohorts.length,
      overviewMs: t1 - t0,
      funderMs: t2 - t1,
      cohortReportMs: t3 - t2,
    });
  }
  return out;
}
