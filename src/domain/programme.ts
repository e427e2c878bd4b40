/**
 * Programmes (curricula) and their meeting plans.
 *
 * Shipped programmes live as JSON in `sessions/<programme>/<lng>.json`, one
 * file per language, and are validated by `programmeContentSchema` at build and
 * test time. A coordinator's copy of a programme is stored (sealed) in the
 * database in one working language; its shape is the same.
 */
import { z } from 'zod/mini';
import { uiLanguages } from '../i18n/languages';

// zod/mini: the same validation as classic zod at a fraction of the bundle
// (it is in the first screen's path, through the repositories).
const text = z.string().check(z.trim(), z.minLength(1));
/** A coordinator's copy may hold empty fields while it is being written. */
const draftText = z.string().check(z.maxLength(20_000));
const minutesSchema = z.int().check(z.minimum(1), z.maximum(240));

function planSchemas(str: z.ZodMiniString) {
  const activity = z.object({
    /** Stable across languages: `lotus-w03-a2`. */
    id: text,
    title: str,
    minutes: minutesSchema,
    /** What the facilitator does and says, in a few sentences. */
    description: str,
  });
  const meeting = z.object({
    /** Stable across languages: `lotus-w03`. */
    id: text,
    /** 1-based position in the programme. */
    number: z.int().check(z.minimum(1)),
    topic: str,
    aims: z.array(str),
    activities: z.array(activity),
    materials: z.array(str),
    facilitatorNotes: str,
    /** Shown before the meeting when the topic can be hard for survivors. */
    caution: z.optional(str),
  });
  return { activity, meeting };
}

const shippedPlan = planSchemas(text);
const draftPlan = planSchemas(draftText);

export const activitySchema = shippedPlan.activity;
export const meetingPlanSchema = z.extend(shippedPlan.meeting, {
  aims: z.array(text).check(z.minLength(1)),
  activities: z.array(shippedPlan.activity).check(z.minLength(1)),
});
export const draftMeetingPlanSchema = draftPlan.meeting;

export const programmeKinds = ['lotus', 'peer-support'] as const;

export const programmeBaseSchema = z.object({
  /** Stable across languages: `lotus`. */
  id: text,
  kind: z.enum(programmeKinds),
  title: text,
  summary: text,
  /** e.g. "Young people aged 14–18". */
  audience: text,
  /** Planned length of one meeting, in minutes. */
  meetingMinutes: z.int().check(z.minimum(15), z.maximum(480)),
  /** `fixed`: a course of N meetings; `rolling`: an open-ended group that cycles its plans. */
  format: z.enum(['fixed', 'rolling']),
  meetings: z.array(meetingPlanSchema).check(z.minLength(1)),
});

/** What a shipped curriculum file must satisfy: every meeting's activities fill the meeting exactly. */
export const programmeContentSchema = programmeBaseSchema.check(
  z.superRefine((programme, ctx) => {
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
  }),
);

export type Activity = z.infer<typeof activitySchema>;
export type MeetingPlan = z.infer<typeof draftMeetingPlanSchema>;
export type ProgrammeContent = z.infer<typeof programmeContentSchema>;

export function meetingMinutes(meeting: Pick<MeetingPlan, 'activities'>): number {
  return meeting.activities.reduce((sum, a) => sum + a.minutes, 0);
}

/**
 * A coordinator's copy of a programme, stored sealed. It is written in one
 * working language, and its minutes may not add up while it is being edited
 * (the editor shows the difference rather than refusing to save).
 */
export const customProgrammeSchema = z.extend(programmeBaseSchema, {
  id: z.uuid(),
  kind: z.literal('custom'),
  language: z.enum(uiLanguages),
  /** The programme it was copied from. */
  basedOn: text,
  title: draftText,
  summary: draftText,
  audience: draftText,
  meetings: z.array(draftMeetingPlanSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CustomProgramme = z.infer<typeof customProgrammeSchema>;
export type Programme = ProgrammeContent | CustomProgramme;

export function isCustom(programme: Programme): programme is CustomProgramme {
  return programme.kind === 'custom';
}
