import { z } from 'zod/mini';

export const meetingStatuses = ['planned', 'held', 'cancelled'] as const;
const hhmm = z.string().check(z.regex(/^\d{2}:\d{2}$/));
export const CANCEL_REASON_MAX = 500;

export const meetingSchema = z.object({
  id: z.uuid(),
  cohortId: z.uuid(),
  /** 1-based position in the cohort's schedule. */
  number: z.int().check(z.minimum(1)),
  /** The meeting plan of the programme this meeting runs. */
  planId: z.string().check(z.minLength(1)),
  date: z.iso.date(),
  startTime: hhmm,
  durationMinutes: z.int().check(z.minimum(15), z.maximum(480)),
  status: z.enum(meetingStatuses),
  /** Why a cancelled meeting did not take place; shown on the schedule and in reports. */
  cancelReason: z.optional(z.string().check(z.trim(), z.maxLength(CANCEL_REASON_MAX))),
  /**
   * Added by hand outside the weekly series (a catch-up, an outing). It is not
   * part of the series: it never takes a plan's place when the series moves,
   * and reports count it apart.
   */
  extra: z.optional(z.boolean()),
  /**
   * The calendar revision (iCalendar SEQUENCE): 0 or absent when first
   * planned, one more each time its date, time, length, status or plan
   * changes (`revised`), so a calendar that imported it takes the newer one.
   */
  sequence: z.optional(z.int().check(z.minimum(0))),
});
export type Meeting = z.infer<typeof meetingSchema>;

/**
 * `next` with its calendar revision: one above `previous`'s when anything a
 * calendar shows of it changed (date, time, length, status or the plan, whose
 * topic is the event's description), else `previous`'s.
 */
export function revised(previous: Meeting | undefined, next: Meeting): Meeting {
  const { sequence: _ignored, ...rest } = next;
  if (!previous) return rest;
  const before = previous.sequence ?? 0;
  const changed =
    previous.date !== next.date ||
    previous.startTime !== next.startTime ||
    previous.durationMinutes !== next.durationMinutes ||
    previous.status !== next.status ||
    previous.planId !== next.planId;
  const sequence = changed ? before + 1 : before;
  return sequence === 0 ? rest : { ...rest, sequence };
}

export const attendanceStatuses = ['present', 'late', 'left-early', 'excused', 'absent'] as const;

export const attendanceSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  participantId: z.uuid(),
  status: z.enum(attendanceStatuses),
  /** HH:mm, for late arrivals and early leavers. */
  time: z.optional(hhmm),
  reason: z.optional(z.string().check(z.maxLength(500))),
  /** Travel costs paid / a meal had, when the cohort records them (`travelAndMeal`). */
  travel: z.optional(z.boolean()),
  meal: z.optional(z.boolean()),
});
export type Attendance = z.infer<typeof attendanceSchema>;

export const meetingNoteSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  mood: z.optional(z.int().check(z.minimum(1), z.maximum(5))),
  engagement: z.optional(z.int().check(z.minimum(1), z.maximum(5))),
  tags: z.array(z.string()),
  text: z.string().check(z.maxLength(20_000)),
  authorId: z.uuid(),
  updatedAt: z.iso.datetime(),
  /** Short observations about individual participants, by participant id. */
  observations: z.optional(z.record(z.string(), z.string().check(z.maxLength(2_000)))),
  /** Written when the meeting is closed, for the co-facilitator and the coordinator. */
  handover: z.optional(z.string().check(z.maxLength(5_000))),
});
export type MeetingNote = z.infer<typeof meetingNoteSchema>;
