/**
 * Who may change a meeting's group-dynamics notes, and when. Notes stay open
 * to the facilitators for 7 days after the meeting (time to finish them
 * calmly); after that only a coordinator may change them, and each change is
 * written to the audit log.
 */
import { addDays, daysBetween, type IsoDate } from './calendar-date';
import type { StaffRole } from './staff';

export const NOTE_EDIT_DAYS = 7;

export type NoteAccess =
  /** Anyone may edit; saved as they type. */
  | 'open'
  /** Only a coordinator may change them, deliberately, and it is audited. */
  | 'coordinator-audited'
  /** Read only for this person. */
  | 'read-only';

export function noteAccess(meetingDate: IsoDate, today: IsoDate, role: StaffRole): NoteAccess {
  if (daysBetween(meetingDate, today) <= NOTE_EDIT_DAYS) return 'open';
  return role === 'coordinator' ? 'coordinator-audited' : 'read-only';
}

/** The last day on which the notes are open to everyone. */
export function notesOpenUntil(meetingDate: IsoDate): IsoDate {
  return addDays(meetingDate, NOTE_EDIT_DAYS);
}
