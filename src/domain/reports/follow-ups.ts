/**
 * Concerns and follow-ups by type, and how long they stayed open. A concern's
 * follow-up takes the concern's type (disclosure, recruitment, missing,
 * distress, other); automatic ones keep their kind (a run of absences, an
 * absence of someone at risk of going missing).
 */
import type { Concern, ConcernType } from '../concern';
import type { FollowUp } from '../follow-up';

export type FollowUpType =
  | ConcernType
  | 'absence-run'
  | 'missing-risk-absence'
  | 'screening-next-step'
  | 'rescreen'
  | 'screening-need'
  | 'support-review'
  /** A concern follow-up whose concern could not be read. */
  | 'concern-unknown';

export interface FollowUpTypeSummary {
  type: FollowUpType;
  total: number;
  open: number;
  closed: number;
  /** Median whole days from raised to closed, over the closed ones. */
  medianDaysToClose: number | undefined;
  /** The longest any item of this type has been (or was) open, in days. */
  longestOpenDays: number;
}

const DAY_MS = 86_400_000;

/** Whole days between two instants (rounded down; the same day is 0). */
export function daysOpen(createdAt: string, endAt: string): number {
  return Math.max(0, Math.floor((Date.parse(endAt) - Date.parse(createdAt)) / DAY_MS));
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function followUpType(
  followUp: FollowUp,
  concerns: ReadonlyMap<string, Pick<Concern, 'type'>>,
): FollowUpType {
  if (followUp.kind !== 'concern') return followUp.kind;
  const concern = followUp.concernId ? concerns.get(followUp.concernId) : undefined;
  return concern?.type ?? 'concern-unknown';
}

/**
 * Follow-ups (of one cohort, or of all) grouped by type. Items still open are
 * measured up to `now`. Types with no items are left out.
 */
export function followUpsByType(input: {
  followUps: readonly FollowUp[];
  concerns: readonly Pick<Concern, 'id' | 'type'>[];
  now: Date;
}): FollowUpTypeSummary[] {
  const concerns = new Map(input.concerns.map((c) => [c.id, c]));
  const nowIso = input.now.toISOString();
  const groups = new Map<
    FollowUpType,
    { items: FollowUp[]; closeDays: number[]; longest: number }
  >();
  for (const f of input.followUps) {
    const type = followUpType(f, concerns);
    const group = groups.get(type) ?? { items: [], closeDays: [], longest: 0 };
    group.items.push(f);
    const days = daysOpen(f.createdAt, f.status === 'closed' && f.closedAt ? f.closedAt : nowIso);
    if (f.status === 'closed') group.closeDays.push(days);
    group.longest = Math.max(group.longest, days);
    groups.set(type, group);
  }
  const order: FollowUpType[] = [
    'disclosure',
    'recruitment',
    'missing',
    'distress',
    'other',
    'concern-unknown',
    'missing-risk-absence',
    'absence-run',
  ];
  return order
    .filter((type) => groups.has(type))
    .map((type) => {
      const g = groups.get(type)!;
      const closed = g.items.filter((f) => f.status === 'closed').length;
      return {
        type,
        total: g.items.length,
        open: g.items.length - closed,
        closed,
        medianDaysToClose: median(g.closeDays),
        longestOpenDays: g.longest,
      };
    });
}
