/**
 * Runs the absence rules (domain/absence-rules.ts) over what is stored and
 * turns their flags into follow-ups. Each carries, sealed inside, its rule
 * key (rule, participant, meeting) and has a random id, so this may run
 * whenever a meeting closes or the follow-up list opens: the meeting store
 * reads the keys already followed up and never adds a flag twice.
 */
import type { AppServices } from '../../services/services';
import { absenceFlags, isUnexplainedAbsence } from '../../domain/absence-rules';
import { addDays, todayInRiga } from '../../domain/calendar-date';
import { absenceRuleKey, newFollowUp, type FollowUp } from '../../domain/follow-up';
import type { Attendance, Meeting } from '../../domain/meeting';
import { ABSENCE_INPUTS_KEY } from '../../db/absence-inputs';

/** Older absences are history, not news: the rules look back this far. */
export const ABSENCE_LOOKBACK_DAYS = 84;

export async function absenceFollowUpsForCohort(
  { repos }: AppServices,
  cohortId: string,
  options: {
    missingRiskIds: ReadonlySet<string>;
    threshold: number | undefined;
    /** Newer versions of some meetings than what is stored (the one being closed). */
    meetings?: readonly Meeting[];
    today?: string;
  },
): Promise<FollowUp[]> {
  const today = options.today ?? todayInRiga();
  const from = addDays(today, -ABSENCE_LOOKBACK_DAYS);
  const stored = await repos.meetings.listWhere('cohortId', cohortId);
  const override = new Map((options.meetings ?? []).map((m) => [m.id, m]));
  const held = stored.items
    .map((m) => override.get(m.id) ?? m)
    .filter((m) => m.date <= today && m.status !== 'cancelled');
  const meetings = held.filter((m) => m.date >= from);
  const marks = await Promise.all(
    meetings.map((m) => repos.attendance.listWhere('meetingId', m.id)),
  );
  const attendance = marks.flatMap((m) => m.items);
  const flags = absenceFlags({
    meetings,
    attendance,
    missingRiskIds: options.missingRiskIds,
    runBefore: await runsBefore(
      repos,
      meetings,
      attendance,
      held.filter((m) => m.date < from),
    ),
    ...(options.threshold ? { threshold: options.threshold } : {}),
  });
  return flags.map((flag) =>
    newFollowUp(
      {
        // A random id; the rule key, sealed inside, says which flag it follows up.
        ruleKey: absenceRuleKey(flag.kind, flag.participantId, flag.meetingId),
        kind: flag.kind,
        participantId: flag.participantId,
        meetingId: flag.meetingId,
        cohortId: flag.cohortId,
        // A missing-risk absence may be excused: no run to count then.
        ...(flag.kind === 'absence-run' ? { absences: flag.absences } : {}),
      },
      today,
    ),
  );
}

/**
 * For each person whose first mark in the window is an absence without a
 * reason: how many such absences came in a row just before it, read back
 * meeting by meeting from `earlier` (the group's older meetings) until each
 * run ends. Without this a run longer than the window would be counted from
 * the window's start, which moves every day: the same run flagged again at
 * other meetings, a new follow-up each week.
 */
async function runsBefore(
  repos: AppServices['repos'],
  meetings: readonly Meeting[],
  attendance: readonly Attendance[],
  earlier: readonly Meeting[],
): Promise<Map<string, number>> {
  const runs = new Map<string, number>();
  if (earlier.length === 0) return runs;
  const order = (a: Meeting, b: Meeting) => a.date.localeCompare(b.date) || a.number - b.number;
  const position = new Map([...meetings].sort(order).map((m, i) => [m.id, i]));
  const first = new Map<string, Attendance>();
  for (const mark of attendance) {
    const seen = first.get(mark.participantId);
    if (!seen || position.get(mark.meetingId)! < position.get(seen.meetingId)!)
      first.set(mark.participantId, mark);
  }
  const open = new Set(
    [...first.values()].filter(isUnexplainedAbsence).map((mark) => mark.participantId),
  );
  for (const meeting of [...earlier].sort(order).reverse()) {
    if (open.size === 0) break;
    const { items } = await repos.attendance.listWhere('meetingId', meeting.id);
    for (const mark of items) {
      if (!open.has(mark.participantId)) continue;
      if (isUnexplainedAbsence(mark))
        runs.set(mark.participantId, (runs.get(mark.participantId) ?? 0) + 1);
      else open.delete(mark.participantId);
    }
  }
  return runs;
}

/** Every running group's follow-ups from the absence rules. */
export async function absenceFollowUpsForRunningCohorts(
  services: AppServices,
  options: { missingRiskIds: ReadonlySet<string>; threshold: number | undefined; today?: string },
): Promise<FollowUp[]> {
  const cohorts = await services.repos.cohorts.listWhere('status', 'running');
  const perCohort = await Promise.all(
    cohorts.items.map((c) => absenceFollowUpsForCohort(services, c.id, options)),
  );
  return perCohort.flat();
}

/**
 * Runs the absence rules over every running group and stores the new
 * follow-ups — unless nothing they read has changed since they last ran on
 * this device (db/absence-inputs.ts: the digest of their inputs, read
 * without opening a row, against the one kept in `meta`). Coordinators only.
 *
 * The digest is read before the rules read anything, so a change made while
 * they run (a mark arriving by sync) makes the next check differ and they
 * run again; it is stored only once the follow-ups are written.
 */
export async function runAbsenceRules(
  services: AppServices,
  options: { missingRiskIds: ReadonlySet<string>; threshold: number | undefined; today?: string },
): Promise<{ added: number; ran: boolean }> {
  const today = options.today ?? todayInRiga();
  const from = addDays(today, -ABSENCE_LOOKBACK_DAYS);
  const { meeting } = services.stores;
  const inputs = await meeting.absenceInputs({
    from,
    today,
    missingRiskIds: options.missingRiskIds,
    threshold: options.threshold,
  });
  const before = await inputs.digest();
  if ((await services.meta.get(ABSENCE_INPUTS_KEY)) === before) return { added: 0, ran: false };
  const followUps = await absenceFollowUpsForRunningCohorts(services, { ...options, today });
  const added = await meeting.addFollowUpIds(followUps);
  // What is stored now: the follow-ups read with the inputs and the ones just added.
  // Anyone else's follow-up written meanwhile makes the next check differ (one more run).
  await services.meta.put(
    ABSENCE_INPUTS_KEY,
    added.length ? await inputs.digest([...inputs.followUpIds, ...added]) : before,
  );
  return { added: added.length, ran: true };
}
