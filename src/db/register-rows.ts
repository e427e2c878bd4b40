/**
 * Grouping mark rows into registers, apart from the registers' repository
 * (registers.ts): the schema's upgrade needs it (migrations.ts) to open the
 * database on the first screen, the repository only after an unlock.
 */
import type { AttendanceRow, RegisterRow } from './rows';

export function registerOf(meetingId: string, marks: AttendanceRow[]): RegisterRow {
  return {
    id: meetingId,
    participantIds: [...new Set(marks.map((m) => m.participantId))],
    updatedAt: Math.max(...marks.map((m) => m.updatedAt)),
    marks,
  };
}

/** Groups mark rows into one register per meeting. */
export function packMarks(marks: readonly AttendanceRow[]): RegisterRow[] {
  const byMeeting = new Map<string, AttendanceRow[]>();
  for (const mark of marks) {
    const list = byMeeting.get(mark.meetingId);
    if (list) list.push(mark);
    else byMeeting.set(mark.meetingId, [mark]);
  }
  return [...byMeeting].map(([meetingId, list]) => registerOf(meetingId, list));
}
