import { z } from 'zod';

export const meetingStatuses = ['planned', 'held', 'cancelled'] as const;

export const meetingSchema = z.object({
  id: z.uuid(),
  cohortId: z.uuid(),
  /** 1-based position in the cohort's schedule. */
  number: z.number().int().min(1),
  /** The meeting plan of the programme this meeting runs. */
  planId: z.string().min(1),
  date: z.iso.date(),
  startTime: z.string().regex(/^\d{2}:\d{2}$/),
  durationMinutes: z.number().int().min(15).max(480),
  status: z.enum(meetingStatuses),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const attendanceStatuses = ['present', 'late', 'left-early', 'excused', 'absent'] as const;

export const attendanceSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  participantId: z.uuid(),
  status: z.enum(attendanceStatuses),
  /** HH:mm, for late arrivals and early leavers. */
  time: z.string().optional(),
  reason: z.string().max(500).optional(),
});
export type Attendance = z.infer<typeof attendanceSchema>;

export const meetingNoteSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  mood: z.number().int().min(1).max(5).optional(),
  engagement: z.number().int().min(1).max(5).optional(),
  tags: z.array(z.string()).default([]),
  text: z.string().max(20_000).default(''),
  authorId: z.uuid(),
  updatedAt: z.iso.datetime(),
});
export type MeetingNote = z.infer<typeof meetingNoteSchema>;
