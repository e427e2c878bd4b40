/**
 * Attendance figures for one cohort: the matrix (participants × meetings),
 * rates per meeting and per person, and completion.
 *
 * How each mark counts (the policy every report shares):
 * - present, late, left early: attended.
 * - absent: not attended, counts against.
 * - excused: counts NEITHER as attended NOR against — the meeting drops out
 *   of that person's denominator, as if it had not been theirs to attend.
 * - no mark at a held meeting ("not recorded"): counts against, like an
 *   absence, so a gap in the register never flatters a rate; the matrix shows
 *   it apart so a coordinator can fill it in.
 * - cancelled meetings never count (not for anyone, not as absences); planned
 *   meetings that have not happened yet do not count either.
 * - extra meetings (added by hand outside the series) are shown in the matrix
 *   but counted apart: they are left out of rates and completion, so an
 *   outing neither helps nor hurts anyone's completion.
 * - a person counts only for held meetings while they were in the group
 *   (from the day they were enrolled, up to the day they left).
 */
import { ATTENDED as ATTENDANCE_COUNTED } from '../attendance-rules';
import type { Enrolment } from '../enrolment';
import type { Attendance, Meeting } from '../meeting';

export type AttendanceStatus = Attendance['status'];
export type MatrixCell = AttendanceStatus | 'not-recorded' | 'not-member' | 'not-held';

/** Who counts as attending: the attendance rules' set, read for any cell. */
const ATTENDED: ReadonlySet<string> = ATTENDANCE_COUNTED;
/** Default share of held meetings a person must attend to complete the programme. */
export const DEFAULT_COMPLETION_SHARE = 0.7;

export interface Member {
  participantId: string;
  /** First day they belonged to the group (undefined: from the start). */
  from?: string | undefined;
  /** Last day they belonged to the group (undefined: still in it). */
  until?: string | undefined;
  /** withdrawn / transferred: the person left before the end. */
  left?: 'withdrawn' | 'transferred' | undefined;
}

/** Whether a meeting took place: marked held, or planned with attendance already recorded. */
export function isHeld(meeting: Meeting, marked: boolean): boolean {
  if (meeting.status === 'cancelled') return false;
  return meeting.status === 'held' || marked;
}

/**
 * Who belongs in the report: everyone on the roster, plus everyone with an
 * enrolment that started (enrolled, later withdrawn or transferred). Waitlisted
 * or offered places never attended, so they are not members.
 */
export function membersOf(
  participantIds: readonly string[],
  enrolments: readonly Enrolment[],
  cohortId: string,
): Member[] {
  const byPerson = new Map<string, Member>();
  for (const e of enrolments) {
    if (e.cohortId !== cohortId) continue;
    const started = e.status === 'enrolled' || (e.enrolledOn && e.status !== 'waitlisted');
    if (!started) continue;
    const left = e.status === 'withdrawn' || e.status === 'transferred' ? e.status : undefined;
    byPerson.set(e.participantId, {
      participantId: e.participantId,
      from: e.enrolledOn,
      until: left ? e.endedOn : undefined,
      left,
    });
  }
  for (const id of participantIds) if (!byPerson.has(id)) byPerson.set(id, { participantId: id });
  return [...byPerson.values()];
}

function belongs(member: Member, date: string): boolean {
  return (!member.from || date >= member.from) && (!member.until || date <= member.until);
}

export interface PersonAttendance {
  participantId: string;
  attended: number;
  absent: number;
  excused: number;
  notRecorded: number;
  /** Held series meetings that counted for this person: attended + absent + not recorded. */
  counted: number;
  /** attended / counted; undefined when nothing counted yet. */
  rate: number | undefined;
}

export interface MeetingAttendance {
  meetingId: string;
  held: boolean;
  /** Members expected at this meeting (excused people excluded). */
  counted: number;
  attended: number;
  rate: number | undefined;
}

export interface AttendanceMatrix {
  /** Meetings in schedule order (cancelled included, shown as such). */
  meetings: Meeting[];
  members: Member[];
  /** cells[i][j]: member i at meeting j. */
  cells: MatrixCell[][];
  perPerson: PersonAttendance[];
  perMeeting: MeetingAttendance[];
  /** Attendance over all counted person-meetings. */
  overallRate: number | undefined;
  heldCount: number;
  cancelledCount: number;
}

const rate = (attended: number, counted: number) => (counted > 0 ? attended / counted : undefined);

/**
 * Builds the matrix in one pass over the attendance rows (a Map by
 * meeting and person), so 60,000 rows take milliseconds.
 */
export function attendanceMatrix(input: {
  meetings: readonly Meeting[];
  members: readonly Member[];
  attendance: readonly Attendance[];
}): AttendanceMatrix {
  const meetings = [...input.meetings].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.number - b.number,
  );
  const index = new Map(meetings.map((m, j) => [m.id, j]));
  // Per person, the mark at each meeting (by the meeting's column): no string keys.
  const marks = new Map<string, (AttendanceStatus | undefined)[]>();
  const marked = new Array<boolean>(meetings.length).fill(false);
  for (const a of input.attendance) {
    const j = index.get(a.meetingId);
    if (j === undefined) continue;
    let row = marks.get(a.participantId);
    if (!row) {
      row = new Array<AttendanceStatus | undefined>(meetings.length);
      marks.set(a.participantId, row);
    }
    row[j] = a.status;
    marked[j] = true;
  }
  const held = meetings.map((m, j) => isHeld(m, marked[j]!));
  const members = [...input.members];
  const perMeeting: MeetingAttendance[] = meetings.map((m, j) => ({
    meetingId: m.id,
    held: held[j]!,
    counted: 0,
    attended: 0,
    rate: undefined,
  }));
  let totalAttended = 0;
  let totalCounted = 0;

  const cells: MatrixCell[][] = [];
  const perPerson: PersonAttendance[] = [];
  for (const member of members) {
    const row: MatrixCell[] = [];
    const person: PersonAttendance = {
      participantId: member.participantId,
      attended: 0,
      absent: 0,
      excused: 0,
      notRecorded: 0,
      counted: 0,
      rate: undefined,
    };
    const own = marks.get(member.participantId);
    meetings.forEach((meeting, j) => {
      const mark = own?.[j];
      let cell: MatrixCell;
      const member_ = belongs(member, meeting.date);
      if (!held[j]) cell = 'not-held';
      // Outside their time in the group only a visit counts (they came anyway);
      // an absence mark left on the register after someone left does not.
      else if (mark && (member_ || ATTENDED.has(mark))) cell = mark;
      else cell = member_ ? 'not-recorded' : 'not-member';
      row.push(cell);
      if (!held[j] || meeting.extra || cell === 'not-member') return;
      const slot = perMeeting[j]!;
      if (cell === 'excused') {
        person.excused++;
        return;
      }
      person.counted++;
      slot.counted++;
      if (ATTENDED.has(cell)) {
        person.attended++;
        slot.attended++;
      } else if (cell === 'absent') person.absent++;
      else person.notRecorded++;
    });
    person.rate = rate(person.attended, person.counted);
    totalAttended += person.attended;
    totalCounted += person.counted;
    cells.push(row);
    perPerson.push(person);
  }
  for (const slot of perMeeting) slot.rate = rate(slot.attended, slot.counted);
  return {
    meetings,
    members,
    cells,
    perPerson,
    perMeeting,
    overallRate: rate(totalAttended, totalCounted),
    heldCount: held.filter((h, j) => h && !meetings[j]!.extra).length,
    cancelledCount: meetings.filter((m) => m.status === 'cancelled').length,
  };
}

/**
 * A group's attendance rate, the one figure every screen shows (Groups,
 * Reports, the group report): attended ÷ counted person-meetings, by the
 * policy at the top of this file.
 */
export function groupAttendanceRate(input: {
  cohort: { id: string; participantIds: readonly string[] };
  meetings: readonly Meeting[];
  attendance: readonly Attendance[];
  enrolments: readonly Enrolment[];
}): number | undefined {
  const { cohort } = input;
  return attendanceMatrix({
    meetings: input.meetings,
    members: membersOf(cohort.participantIds, input.enrolments, cohort.id),
    attendance: input.attendance,
  }).overallRate;
}

export type CompletionStatus = 'completed' | 'not-completed' | 'on-track' | 'behind' | 'left';

export interface PersonCompletion {
  participantId: string;
  status: CompletionStatus;
  rate: number | undefined;
}

/**
 * Completion: a person completes when they attended at least `share` of the
 * held series meetings that counted for them (see the policy at the top:
 * excused meetings drop out, cancelled ones never count). While the cohort is
 * still running the answer is provisional: on track or behind.
 */
export function completion(
  matrix: AttendanceMatrix,
  options: { finished: boolean; share?: number },
): PersonCompletion[] {
  const share = options.share ?? DEFAULT_COMPLETION_SHARE;
  return matrix.perPerson.map((p, i) => {
    const member = matrix.members[i]!;
    const meets = p.rate !== undefined && p.rate >= share - 1e-9;
    let status: CompletionStatus;
    if (member.left) status = 'left';
    else if (options.finished) status = meets ? 'completed' : 'not-completed';
    else status = p.rate === undefined || meets ? 'on-track' : 'behind';
    return { participantId: p.participantId, status, rate: p.rate };
  });
}

export interface Withdrawal {
  participantId: string;
  status: 'withdrawn' | 'transferred';
  endedOn: string | undefined;
  reason: string | undefined;
}

/** Who left the cohort, when and why (the reason is the coordinator's own words). */
export function withdrawals(enrolments: readonly Enrolment[], cohortId: string): Withdrawal[] {
  return enrolments
    .filter(
      (e) => e.cohortId === cohortId && (e.status === 'withdrawn' || e.status === 'transferred'),
    )
    .map((e) => ({
      participantId: e.participantId,
      status: e.status as 'withdrawn' | 'transferred',
      endedOn: e.endedOn,
      reason: e.endReason,
    }))
    .sort((a, b) => (a.endedOn ?? '').localeCompare(b.endedOn ?? ''));
}
