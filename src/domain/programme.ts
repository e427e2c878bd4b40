/**
 * Programmes (curricula) and their meeting plans.
 *
 * Shipped programmes live as JSON in `sessions/<programme>/<lng>.json`, one
 * file per language, and are validated by `programmeContentSchema` at build and
 * test time. A coordinator's copy of a programme is stored (sealed) in the
 * database in one working language; its shape is the same.
 */
import { z } from 'zod';

const text = z.string().trim().min(1);

export const activitySchema = z.object({
  /** Stable across languages: `lotus-w03-a2`. */
  id: text,
  title: text,
  minutes: z.number().int().min(1).max(240),
  /** What the facilitator does and says, in a few sentences. */
  description: text,
});

export const meetingPlanSchema = z.object({
  /** Stable across languages: `lotus-w03`. */
  id: text,
  /** 1-based position in the programme. */
  number: z.number().int().min(1),
  topic: text,
  aims: z.array(text).min(1),
  activities: z.array(activitySchema).min(1),
  materials: z.array(text),
  facilitatorNotes: text,
  /** Shown before the meeting when the topic can be hard for survivors. */
  caution: text.optional(),
});

export const programmeKinds = ['lotus', 'peer-support', 'custom'] as const;

export const programmeBaseSchema = z.object({
  /** Stable across languages: `lotus`. */
  id: text,
  kind: z.enum(programmeKinds),
  title: text,
  summary: text,
  /** e.g. "Young people aged 14–18". */
  audience: text,
  /** Planned length of one meeting, in minutes. */
  meetingMinutes: z.number().int().min(15).max(480),
  /** `fixed`: a course of N meetings; `rolling`: an open-ended group that cycles its plans. */
  format: z.enum(['fixed', 'rolling']),
  meetings: z.array(meetingPlanSchema).min(1),
});

/** What a shipped curriculum file must satisfy: every meeting's activities fill the meeting exactly. */
export const programmeContentSchema = programmeBaseSchema.superRefine((programme, ctx) => {
  programme.meetings.forEach((meeting, index) => {
    const total = meeting.activities.reduce((sum, a) => sum + a.minutes, 0);
    if (total !== programme.meetingMinutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['meetings', index, 'activities'],
        message: `activities of ${meeting.id} add up to ${total} minutes, not ${programme.meetingMinutes}`,
      });
    }
    if (meeting.number !== index + 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['meetings', index, 'number'],
        message: `${meeting.id} is number ${meeting.number} at position ${index + 1}`,
      });
    }
  });
});

export type Activity = z.infer<typeof activitySchema>;
export type MeetingPlan = z.infer<typeof meetingPlanSchema>;
export type ProgrammeContent = z.infer<typeof programmeContentSchema>;

export function meetingMinutes(meeting: Pick<MeetingPlan, 'activities'>): number {
  return meeting.activities.reduce((sum, a) => sum + a.minutes, 0);
}

/**
 * A coordinator's copy of a programme, stored sealed. It is written in one
 * working language, and its minutes may not add up while it is being edited
 * (the editor shows the difference rather than refusing to save).
 */
export const customProgrammeSchema = programmeBaseSchema.extend({
  kind: z.literal('custom'),
  language: z.enum(['lv', 'en', 'ru', 'uk']),
  /** The programme it was copied from. */
  basedOn: z.string().min(1),
  meetings: z.array(meetingPlanSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CustomProgramme = z.infer<typeof customProgrammeSchema>;
export type Programme = ProgrammeContent | CustomProgramme;

export function isCustom(programme: Programme): programme is CustomProgramme {
  return programme.kind === 'custom';
}
