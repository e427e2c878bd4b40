/**
 * Runs the absence rules (domain/absence-rules.ts) over what is stored and
 * turns their flags into follow-ups. Each carries, sealed inside, its rule
 * key (rule, participant, meeting) and has a random id, so this may run
 * whenever a meeting closes or the follow-up list opens: the meeting store
 * reads the keys already followed up and never adds a flag twice.
 */
import type { AppServices } from '../../services/services';
import { absenceFlags } from '../../domain/absence-rules';
import { addDays, todayInRiga } from '../../domain/calendar-date';
import { absenceRuleKey, newFollowUp, type FollowUp } from '../../domain/follow-up';
import type { Meeting } from '../../domain/meeting';
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
  const meetings = stored.items
    .map((m) => override.get(m.id) ?? m)
    .filter((m) => m.date >= from && m.date <= today && m.status !== 'cancelled');
  const marks = await Promise.all(
    meetings.map((m) => repos.attendance.listWhere('meetingId', m.id)),
  );
  const flags = absenceFlags({
    meetings,
    attendance: marks.flatMap((m) => m.items),
    missingRiskIds: options.missingRiskIds,
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
