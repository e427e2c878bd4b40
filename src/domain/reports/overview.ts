/**
 * The organisation overview across a date range (both days included):
 * cohorts running and finished, people referred, screened (with outcomes),
 * in groups, completed, withdrawn, on individual support, and the age bands
 * of the people in groups. Counts are of distinct people.
 *
 * Definitions:
 * - a cohort is *active* in the period when any of its meetings that was not
 *   cancelled falls in it; it *finished* in the period when its status is
 *   finished (or archived) and its last such meeting is in the period;
 *   otherwise it is *running*.
 * - *in groups*: members of an active cohort whose membership overlaps the
 *   period. Each person counts once, by their latest cohort: completed,
 *   not completed (cohort finished below the completion share), withdrawn,
 *   or still in a running group.
 * - *screened*: the person's latest screening completed in the period, by outcome.
 * - *on individual support*: the latest screening up to the period's end
 *   routed the person to individual support.
 */
import type { Cohort } from '../cohort';
import type { Enrolment } from '../enrolment';
import type { Attendance, Meeting } from '../meeting';
import type { Participant } from '../participant';
import { currentAge, type Referral } from '../referral';
import { latestScreening, outcomes, type Outcome, type Screening } from '../screening';
import { attendanceMatrix, completion, membersOf, DEFAULT_COMPLETION_SHARE } from './attendance';

export const ageBands = [
  'under-14',
  '14-15',
  '16-17',
  '18-20',
  '21-25',
  '26-plus',
  'unknown',
] as const;
export type AgeBand = (typeof ageBands)[number];
export const groupOutcomes = ['completed', 'not-completed', 'withdrawn', 'in-progress'] as const;
export type GroupOutcome = (typeof groupOutcomes)[number];

export function ageBand(age: number | undefined): AgeBand {
  if (age === undefined) return 'unknown';
  if (age < 14) return 'under-14';
  if (age < 16) return '14-15';
  if (age < 18) return '16-17';
  if (age < 21) return '18-20';
  if (age < 26) return '21-25';
  return '26-plus';
}

export interface OverviewInput {
  from: string;
  to: string;
  cohorts: readonly Cohort[];
  meetings: readonly Meeting[];
  attendance: readonly Attendance[];
  enrolments: readonly Enrolment[];
  referrals: readonly Referral[];
  screenings: readonly Screening[];
  participants: readonly Pick<Participant, 'id' | 'birthYear'>[];
  completionShare?: number;
}

export interface CohortInPeriod {
  cohortId: string;
  state: 'running' | 'finished';
  heldInPeriod: number;
  attendanceRate: number | undefined;
  members: number;
}

export interface Overview {
  from: string;
  to: string;
  cohortsRunning: number;
  cohortsFinished: number;
  cohorts: CohortInPeriod[];
  referred: number;
  screened: number;
  screenedByOutcome: Record<Outcome, number>;
  inGroups: number;
  byGroupOutcome: Record<GroupOutcome, number>;
  byAgeBand: Record<AgeBand, number>;
  individualSupport: number;
  /** Attendance over every counted person-meeting of the active cohorts. */
  attendanceRate: number | undefined;
}

const inRange = (d: string | undefined, from: string, to: string) =>
  d !== undefined && d >= from && d <= to;
const count = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function organisationOverview(input: OverviewInput): Overview {
  const { from, to } = input;
  const meetingsByCohort = new Map<string, Meeting[]>();
  for (const m of input.meetings) {
    const list = meetingsByCohort.get(m.cohortId);
    if (list) list.push(m);
    else meetingsByCohort.set(m.cohortId, [m]);
  }
  const cohortOfMeeting = new Map(input.meetings.map((m) => [m.id, m.cohortId]));
  const attendanceByCohort = new Map<string, Attendance[]>();
  for (const a of input.attendance) {
    const cohortId = cohortOfMeeting.get(a.meetingId);
    if (!cohortId) continue;
    const list = attendanceByCohort.get(cohortId);
    if (list) list.push(a);
    else attendanceByCohort.set(cohortId, [a]);
  }
  const enrolmentsByCohort = new Map<string, Enrolment[]>();
  for (const e of input.enrolments) {
    const list = enrolmentsByCohort.get(e.cohortId);
    if (list) list.push(e);
    else enrolmentsByCohort.set(e.cohortId, [e]);
  }

  const cohorts: CohortInPeriod[] = [];
  /** Per person: the outcome in their latest cohort (by last meeting date). */
  const people = new Map<string, { last: string; outcome: GroupOutcome }>();
  let attended = 0;
  let counted = 0;
  for (const cohort of input.cohorts) {
    const own = (meetingsByCohort.get(cohort.id) ?? []).filter((m) => m.status !== 'cancelled');
    const inPeriod = own.filter((m) => inRange(m.date, from, to));
    if (inPeriod.length === 0) continue;
    const last = own.reduce((d, m) => (m.date > d ? m.date : d), '');
    const finished = (cohort.status === 'finished' || cohort.status === 'archived') && last <= to;
    // Only the meetings up to the period's end count for the period.
    const upToEnd = own.filter((m) => m.date <= to);
    const members = membersOf(
      cohort.participantIds,
      enrolmentsByCohort.get(cohort.id) ?? [],
      cohort.id,
    );
    const matrix = attendanceMatrix({
      meetings: upToEnd,
      members,
      attendance: attendanceByCohort.get(cohort.id) ?? [],
    });
    const done = completion(matrix, {
      finished,
      share: input.completionShare ?? DEFAULT_COMPLETION_SHARE,
    });
    const periodMeetingIds = new Set(inPeriod.map((m) => m.id));
    for (const slot of matrix.perMeeting) {
      if (!periodMeetingIds.has(slot.meetingId)) continue;
      attended += slot.attended;
      counted += slot.counted;
    }
    let memberCount = 0;
    members.forEach((member, i) => {
      // Membership must overlap the period.
      if (member.from && member.from > to) return;
      if (member.until && member.until < from) return;
      memberCount++;
      const status = done[i]!.status;
      const outcome: GroupOutcome =
        status === 'left'
          ? 'withdrawn'
          : status === 'completed'
            ? 'completed'
            : status === 'not-completed'
              ? 'not-completed'
              : 'in-progress';
      const previous = people.get(member.participantId);
      if (!previous || previous.last <= last) people.set(member.participantId, { last, outcome });
    });
    cohorts.push({
      cohortId: cohort.id,
      state: finished ? 'finished' : 'running',
      heldInPeriod: matrix.perMeeting.filter((s) => s.held && periodMeetingIds.has(s.meetingId))
        .length,
      attendanceRate: matrix.overallRate,
      members: memberCount,
    });
  }

  const byGroupOutcome = count(groupOutcomes);
  for (const p of people.values()) byGroupOutcome[p.outcome]++;

  // Ages at the period's end: from the referral (coordinators' data) or the birth year.
  const referralByPerson = new Map<string, Referral>();
  for (const r of input.referrals) {
    const prev = referralByPerson.get(r.participantId);
    if (!prev || prev.referredOn < r.referredOn) referralByPerson.set(r.participantId, r);
  }
  const birthYear = new Map(input.participants.map((p) => [p.id, p.birthYear]));
  const byAgeBand = count(ageBands);
  for (const id of people.keys()) {
    let age = currentAge(referralByPerson.get(id), to);
    const year = birthYear.get(id);
    if (age === undefined && year !== undefined) age = Number(to.slice(0, 4)) - year;
    byAgeBand[ageBand(age)]++;
  }

  const referred = new Set(
    input.referrals.filter((r) => inRange(r.referredOn, from, to)).map((r) => r.participantId),
  ).size;

  const screeningsByPerson = new Map<string, Screening[]>();
  for (const s of input.screenings) {
    const list = screeningsByPerson.get(s.participantId);
    if (list) list.push(s);
    else screeningsByPerson.set(s.participantId, [s]);
  }
  const screenedByOutcome = count(outcomes);
  let screened = 0;
  let individualSupport = 0;
  for (const list of screeningsByPerson.values()) {
    const inPeriod = latestScreening(list.filter((s) => inRange(s.completedOn, from, to)));
    if (inPeriod) {
      screened++;
      screenedByOutcome[inPeriod.outcome]++;
    }
    const upToEnd = latestScreening(list.filter((s) => s.completedOn <= to));
    if (upToEnd?.outcome === 'individual-support') individualSupport++;
  }

  return {
    from,
    to,
    cohortsRunning: cohorts.filter((c) => c.state === 'running').length,
    cohortsFinished: cohorts.filter((c) => c.state === 'finished').length,
    cohorts,
    referred,
    screened,
    screenedByOutcome,
    inGroups: people.size,
    byGroupOutcome,
    byAgeBand,
    individualSupport,
    attendanceRate: counted ? attended / counted : undefined,
  };
}
