/**
 * Attendance in meeting mode: one mark per (meeting, participant), stored the
 * moment it is tapped. The row id is derived from the pair, so every tap on
 * the same person overwrites the one row instead of adding another. On disk
 * the mark is stored under a keyed id of the pair instead (db/blind-index.ts),
 * which this readable one never reaches.
 */
import { attendanceStatuses, type Attendance } from './meeting';
import { stableUuid } from './stable-id';

export type AttendanceStatus = (typeof attendanceStatuses)[number];

export function attendanceId(meetingId: string, participantId: string): string {
  return stableUuid(`attendance:${meetingId}:${participantId}`);
}

/** Statuses that count as having come to the meeting. */
export const ATTENDED: ReadonlySet<AttendanceStatus> = new Set(['present', 'late', 'left-early']);

/** Statuses that ask for a time (HH:mm) or a reason. */
export function needsTime(status: AttendanceStatus): boolean {
  return status === 'late' || status === 'left-early';
}

export interface AttendanceCount {
  byStatus: Record<AttendanceStatus, number>;
  /** On the roster but not marked yet. */
  unmarked: number;
  /** Present, late or left early. */
  attended: number;
  roster: number;
}

/** The count at the top of the attendance list; marks of people not on the roster are ignored. */
export function countAttendance(
  rosterIds: readonly string[],
  marks: readonly Pick<Attendance, 'participantId' | 'status'>[],
): AttendanceCount {
  const byStatus = Object.fromEntries(attendanceStatuses.map((s) => [s, 0])) as Record<
    AttendanceStatus,
    number
  >;
  const byParticipant = new Map(marks.map((m) => [m.participantId, m.status]));
  let unmarked = 0;
  for (const id of rosterIds) {
    const status = byParticipant.get(id);
    if (status) byStatus[status] += 1;
    else unmarked += 1;
  }
  const attended = [...ATTENDED].reduce((sum, s) => sum + byStatus[s], 0);
  return { byStatus, unmarked, attended, roster: rosterIds.length };
}

/**
 * The mark a tap produces: the new status, keeping what still applies
 * (travel and meal ticks; the time for late/left early; the reason for
 * excused) and dropping what no longer does.
 */
export function markAttendance(
  previous: Attendance | undefined,
  input: { meetingId: string; participantId: string; status: AttendanceStatus; now: string },
): Attendance {
  const { meetingId, participantId, status } = input;
  const mark: Attendance = {
    // The stored mark keeps its id (keyed, db/blind-index.ts); a new one is
    // given its keyed id when written.
    id: previous?.id ?? attendanceId(meetingId, participantId),
    meetingId,
    participantId,
    status,
  };
  if (needsTime(status)) mark.time = previous?.time ?? input.now;
  if (status === 'excused' && previous?.reason) mark.reason = previous.reason;
  if (previous?.travel !== undefined) mark.travel = previous.travel;
  if (previous?.meal !== undefined) mark.meal = previous.meal;
  return mark;
}
