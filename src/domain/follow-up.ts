/**
 * The coordinators' follow-up list: a concern raised in a meeting, or an
 * absence the absence rules flagged. Each moves open → in progress → closed
 * (or straight from open to closed); closing needs a note saying what was
 * done, and a closed item stays closed.
 */
import { z } from 'zod/mini';
import { addDays, type IsoDate } from './calendar-date';

export const followUpStatuses = ['open', 'in-progress', 'closed'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];
export const followUpKinds = [
  'concern',
  'absence-run',
  'missing-risk-absence',
  // From a screening (template version 2): every outcome's next step is tracked.
  'screening-next-step',
  'rescreen',
  'screening-need',
  'support-review',
] as const;
/** Follow-ups a completed screening creates, with the owner and date chosen in it. */
export const screeningFollowUpKinds = [
  'screening-next-step',
  'rescreen',
  'screening-need',
  'support-review',
] as const;
export type ScreeningFollowUpKind = (typeof screeningFollowUpKinds)[number];
export type FollowUpKind = (typeof followUpKinds)[number];

export const CLOSING_NOTE_MAX = 5_000;

export const followUpSchema = z.object({
  id: z.uuid(),
  kind: z.enum(followUpKinds),
  status: z.enum(followUpStatuses),
  participantId: z.optional(z.uuid()),
  cohortId: z.optional(z.uuid()),
  /** The meeting where it arose (the concern's meeting, or the absence). */
  meetingId: z.optional(z.uuid()),
  concernId: z.optional(z.uuid()),
  /** The screening it came from, and for `support-review` the pathway. */
  screeningId: z.optional(z.uuid()),
  pathwayId: z.optional(z.uuid()),
  /**
   * For follow-ups the absence rules raise: which rule fired for whom at which
   * meeting (`absenceRuleKey`). Sealed inside, never the id: an id derived
   * from it would let anyone recompute a `missing-risk-absence` flag, which
   * comes from a coordinators-only screening answer.
   */
  ruleKey: z.optional(z.string().check(z.maxLength(200))),
  /** For absence runs: how many meetings in a row. */
  absences: z.optional(z.int().check(z.minimum(1))),
  ownerId: z.optional(z.uuid()),
  dueDate: z.optional(z.iso.date()),
  closingNote: z.optional(z.string().check(z.trim(), z.maxLength(CLOSING_NOTE_MAX))),
  closedAt: z.optional(z.iso.datetime()),
  closedBy: z.optional(z.uuid()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** How soon each kind is due by default: a concern is followed up the next day at the latest. */
export const DUE_IN_DAYS: Record<Exclude<FollowUpKind, ScreeningFollowUpKind>, number> = {
  concern: 1,
  'missing-risk-absence': 1,
  'absence-run': 7,
};

export function newFollowUp(
  fields: Omit<FollowUp, 'id' | 'status' | 'createdAt' | 'updatedAt' | 'dueDate' | 'kind'> & {
    id?: string;
    kind: Exclude<FollowUpKind, ScreeningFollowUpKind>;
  },
  today: IsoDate,
  now: Date = new Date(),
): FollowUp {
  const at = now.toISOString();
  return {
    ...fields,
    id: fields.id ?? crypto.randomUUID(),
    status: 'open',
    dueDate: addDays(today, DUE_IN_DAYS[fields.kind]),
    createdAt: at,
    updatedAt: at,
  };
}

export type AbsenceFollowUpKind = 'absence-run' | 'missing-risk-absence';

/**
 * What caused an automatic follow-up, so a rule may run any number of times
 * and a flag already followed up is found by reading (the id is random).
 */
export function absenceRuleKey(
  kind: AbsenceFollowUpKind,
  participantId: string,
  meetingId: string,
): string {
  return `${kind}:${participantId}:${meetingId}`;
}

/** The rule key of a stored follow-up; absence follow-ups from before keys were sealed get theirs from their fields. */
export function ruleKeyOf(followUp: FollowUp): string | undefined {
  if (followUp.ruleKey) return followUp.ruleKey;
  if (followUp.kind !== 'absence-run' && followUp.kind !== 'missing-risk-absence') return undefined;
  if (!followUp.participantId || !followUp.meetingId) return undefined;
  return absenceRuleKey(followUp.kind, followUp.participantId, followUp.meetingId);
}

const NEXT: Record<FollowUpStatus, readonly FollowUpStatus[]> = {
  open: ['in-progress', 'closed'],
  'in-progress': ['closed'],
  closed: [],
};

export function nextStatuses(status: FollowUpStatus): readonly FollowUpStatus[] {
  return NEXT[status];
}

export type FollowUpChangeError = 'not-allowed' | 'closing-note-required';

export type FollowUpChange =
  { ok: true; followUp: FollowUp } | { ok: false; error: FollowUpChangeError };

export function moveFollowUp(
  followUp: FollowUp,
  to: FollowUpStatus,
  input: { by: string; closingNote?: string; now?: Date },
): FollowUpChange {
  if (!NEXT[followUp.status].includes(to)) return { ok: false, error: 'not-allowed' };
  const at = (input.now ?? new Date()).toISOString();
  if (to === 'closed') {
    const note = input.closingNote?.trim() ?? '';
    if (!note) return { ok: false, error: 'closing-note-required' };
    return {
      ok: true,
      followUp: {
        ...followUp,
        status: 'closed',
        closingNote: note,
        closedAt: at,
        closedBy: input.by,
        updatedAt: at,
      },
    };
  }
  return { ok: true, followUp: { ...followUp, status: to, updatedAt: at } };
}

/** Owner and due date can change while the item is not closed. */
export function assignFollowUp(
  followUp: FollowUp,
  changes: { ownerId?: string | undefined; dueDate?: string | undefined },
  now: Date = new Date(),
): FollowUp | null {
  if (followUp.status === 'closed') return null;
  const next: FollowUp = { ...followUp, updatedAt: now.toISOString() };
  if ('ownerId' in changes) {
    if (changes.ownerId) next.ownerId = changes.ownerId;
    else delete next.ownerId;
  }
  if ('dueDate' in changes) {
    if (changes.dueDate) next.dueDate = changes.dueDate;
    else delete next.dueDate;
  }
  return next;
}

/** Open items first, overdue first within them, then by due date. */
export function sortFollowUps(items: readonly FollowUp[]): FollowUp[] {
  const rank: Record<FollowUpStatus, number> = { open: 0, 'in-progress': 1, closed: 2 };
  return [...items].sort(
    (a, b) =>
      rank[a.status] - rank[b.status] ||
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
      b.createdAt.localeCompare(a.createdAt),
  );
}

/**
 * One follow-up per absence rule. Two coordinators' devices that run the
 * rules on the same marks before either's follow-up has reached the other
 * each add one (the ids are random, so sync keeps both). Shown is the one
 * furthest along (closed, then in progress, then the one changed last, then
 * the lowest id, so every device shows the same); the others stay stored,
 * nothing written in them is deleted.
 */
export function oneFollowUpPerRule(items: readonly FollowUp[]): FollowUp[] {
  const rank: Record<FollowUpStatus, number> = { open: 0, 'in-progress': 1, closed: 2 };
  const ahead = (a: FollowUp, b: FollowUp) =>
    rank[a.status] - rank[b.status] ||
    a.updatedAt.localeCompare(b.updatedAt) ||
    b.id.localeCompare(a.id);
  const shown = new Map<string, FollowUp>();
  for (const item of items) {
    const key = ruleKeyOf(item);
    if (key === undefined) continue;
    const other = shown.get(key);
    if (!other || ahead(item, other) > 0) shown.set(key, item);
  }
  return items.filter((item) => {
    const key = ruleKeyOf(item);
    return key === undefined || shown.get(key) === item;
  });
}

export function isOverdue(followUp: FollowUp, today: IsoDate): boolean {
  return followUp.status !== 'closed' && followUp.dueDate !== undefined && followUp.dueDate < today;
}

/** A follow-up a screening creates: owner and due date were chosen in the screening. */
export function screeningFollowUp(
  fields: {
    kind: ScreeningFollowUpKind;
    participantId: string;
    screeningId: string;
    ownerId: string;
    dueDate: IsoDate;
    pathwayId?: string;
  },
  now: Date = new Date(),
): FollowUp {
  const at = now.toISOString();
  return {
    id: crypto.randomUUID(),
    status: 'open',
    ...fields,
    createdAt: at,
    updatedAt: at,
  };
}

/** Not closed, and its due date has passed: shown as overdue on Today and the list. */
export function countOverdue(items: readonly FollowUp[], today: IsoDate): number {
  return items.filter((f) => isOverdue(f, today)).length;
}
