/**
 * A young person's healthy-relationship plan (Lotus weeks 4–10). It belongs
 * to the young person: staff see only which parts have something written,
 * never what, and the young person can delete it from the device for real.
 *
 * Every answer may stay empty: nothing in a plan is required or "wrong".
 */
import { z } from 'zod/mini';

/** The free-text parts, in the order the programme reaches them. */
export const planTextSections = [
  { id: 'hopes', week: 4 },
  { id: 'strengths', week: 5 },
  { id: 'selfCare', week: 6 },
  { id: 'boundaries', week: 7 },
] as const;
export type PlanTextSectionId = (typeof planTextSections)[number]['id'];

/** The week-10 grid: three actions for each kind of relationship. */
export const relationshipAreas = ['self', 'family', 'peers', 'partners'] as const;
export type RelationshipArea = (typeof relationshipAreas)[number];
export const ACTIONS_PER_AREA = 3;

/** Every part of the plan, for progress and for the printed order. */
export const planSections = [
  ...planTextSections.map((s) => s.id),
  'actions',
  'trustedPeople',
  'helpPlaces',
] as const;
export type PlanSectionId = (typeof planSections)[number];

/** Long enough for a page of writing; short enough to print on A4. */
export const PLAN_TEXT_MAX = 2000;
export const PLAN_ACTION_MAX = 300;
export const PLAN_NAME_MAX = 80;

const text = (max: number) => z.string().check(z.maxLength(max));
const actionRow = z.array(text(PLAN_ACTION_MAX)).check(z.length(ACTIONS_PER_AREA));

export const planSchema = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  /** The language the young person chose for their plan (independent of the app's). */
  language: z.string().check(z.minLength(2), z.maxLength(10)),
  /** The name printed on the plan: the young person's choice; empty prints no name. */
  nameOnPlan: text(PLAN_NAME_MAX),
  hopes: text(PLAN_TEXT_MAX),
  strengths: text(PLAN_TEXT_MAX),
  selfCare: text(PLAN_TEXT_MAX),
  boundaries: text(PLAN_TEXT_MAX),
  actions: z.object({
    self: actionRow,
    family: actionRow,
    peers: actionRow,
    partners: actionRow,
  }),
  trustedPeople: text(PLAN_TEXT_MAX),
  helpPlaces: text(PLAN_TEXT_MAX),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Plan = z.infer<typeof planSchema>;

export function emptyPlan(participantId: string, language: string, now = new Date()): Plan {
  const blank = () => Array.from({ length: ACTIONS_PER_AREA }, () => '');
  return {
    id: crypto.randomUUID(),
    participantId,
    language,
    nameOnPlan: '',
    hopes: '',
    strengths: '',
    selfCare: '',
    boundaries: '',
    actions: { self: blank(), family: blank(), peers: blank(), partners: blank() },
    trustedPeople: '',
    helpPlaces: '',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

const written = (value: string) => value.trim().length > 0;

/** Whether a part of the plan has anything in it (what staff may see: not the content). */
export function sectionHasContent(plan: Plan, section: PlanSectionId): boolean {
  if (section === 'actions')
    return relationshipAreas.some((area) => plan.actions[area].some(written));
  return written(plan[section]);
}

export interface PlanProgress {
  filled: PlanSectionId[];
  total: number;
}

export function planProgress(plan: Plan): PlanProgress {
  return {
    filled: planSections.filter((s) => sectionHasContent(plan, s)),
    total: planSections.length,
  };
}

/** Field errors keyed by path ("hopes", "actions.self.1"), for messages beside the field. */
export function planFieldErrors(plan: Plan): Record<string, 'tooLong'> {
  const result = planSchema.safeParse(plan);
  if (result.success) return {};
  const errors: Record<string, 'tooLong'> = {};
  for (const issue of result.error.issues) errors[issue.path.join('.')] = 'tooLong';
  return errors;
}

// The helplines live in their own small module so the organisation schema
// (loaded with the app shell) does not pull in the whole plan.
import { defaultHelplines, type HelplineId } from './helplines';
export { defaultHelplines, helplineIds, type HelplineId } from './helplines';

export interface SupportContact {
  label: string;
  phone: string;
}

/**
 * What the plan prints under "places to get help": the default helplines the
 * organisation keeps (all of them when it has not chosen), then its own contacts.
 */
export function planSupportContacts(
  helplineLabel: (id: HelplineId) => string,
  organisation: { supportContacts: SupportContact[]; helplines?: HelplineId[] | undefined } | null,
): SupportContact[] {
  const kept = organisation?.helplines ?? defaultHelplines.map((h) => h.id);
  return [
    ...defaultHelplines
      .filter((h) => kept.includes(h.id))
      .map((h) => ({ label: helplineLabel(h.id), phone: h.phone })),
    ...(organisation?.supportContacts ?? []),
  ];
}
