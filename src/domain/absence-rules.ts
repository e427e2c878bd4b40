/**
 * Absence rules: when an absence should reach a coordinator as a follow-up.
 *
 * 1. `absence-run`: a participant marked absent without a reason at
 *    `threshold` meetings in a row (a setting; 2 by default). An excused
 *    absence (with a reason) or any attendance ends the run; a meeting with
 *    no mark for the person (before they joined, not marked yet) or a
 *    cancelled meeting neither ends nor extends it. A run that goes on flags
 *    again at every further `threshold` meetings.
 * 2. `missing-risk-absence`: ANY absence (excused or not) of a participant
 *    whose latest screening noted recent missing episodes. For them an
 *    absence can be a safety signal, not only a statistic.
 *
 * A run counts from its first absence even when that is older than the
 * meetings given (`runBefore`), so it is flagged at the same meetings
 * whichever day the rules run on.
 *
 * When both fire for the same absence, only the missing-risk flag is kept.
 * The rules are pure: the caller turns flags into follow-ups with ids derived
 * from (kind, participant, meeting), so running them again changes nothing.
 */
import type { Attendance, Meeting } from './meeting';

export const DEFAULT_ABSENCE_THRESHOLD = 2;
export const ABSENCE_THRESHOLD_RANGE = { min: 2, max: 6 } as const;

export interface AbsenceFlag {
  kind: 'absence-run' | 'missing-risk-absence';
  participantId: string;
  meetingId: string;
  cohortId: string;
  /** Meetings in a row absent without a reason, up to and including this one (0 for an excused absence). */
  absences: number;
}

export interface AbsenceRuleInput {
  /** One cohort's meetings, any order; cancelled ones are skipped. */
  meetings: readonly Pick<Meeting, 'id' | 'cohortId' | 'date' | 'number' | 'status'>[];
  attendance: readonly Pick<Attendance, 'meetingId' | 'participantId' | 'status' | 'reason'>[];
  missingRiskIds: ReadonlySet<string>;
  threshold?: number;
  /** Per participant: absences in a row without a reason just before the first meeting given. */
  runBefore?: ReadonlyMap<string, number>;
}

/** An absence without a reason: it extends a run. */
export function isUnexplainedAbsence(mark: Pick<Attendance, 'status' | 'reason'>): boolean {
  return mark.status === 'absent' && !mark.reason?.trim();
}

export function absenceFlags({
  meetings,
  attendance,
  missingRiskIds,
  threshold = DEFAULT_ABSENCE_THRESHOLD,
  runBefore,
}: AbsenceRuleInput): AbsenceFlag[] {
  const limit = Math.max(ABSENCE_THRESHOLD_RANGE.min, Math.floor(threshold));
  const ordered = meetings
    .filter((m) => m.status !== 'cancelled')
    .sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number);
  const marks = new Map<string, Map<string, AbsenceRuleInput['attendance'][number]>>();
  for (const mark of attendance) {
    const byParticipant = marks.get(mark.meetingId) ?? new Map<string, typeof mark>();
    byParticipant.set(mark.participantId, mark);
    marks.set(mark.meetingId, byParticipant);
  }
  const participants = new Set(attendance.map((a) => a.participantId));
  const flags: AbsenceFlag[] = [];
  for (const participantId of participants) {
    let run = runBefore?.get(participantId) ?? 0;
    for (const meeting of ordered) {
      const mark = marks.get(meeting.id)?.get(participantId);
      if (!mark) continue;
      run = isUnexplainedAbsence(mark) ? run + 1 : 0;
      const base = {
        participantId,
        meetingId: meeting.id,
        cohortId: meeting.cohortId,
        absences: run,
      };
      const away = mark.status === 'absent' || mark.status === 'excused';
      if (away && missingRiskIds.has(participantId)) {
        flags.push({ ...base, kind: 'missing-risk-absence' });
      } else if (run > 0 && run % limit === 0) {
        flags.push({ ...base, kind: 'absence-run' });
      }
    }
  }
  return flags;
}
