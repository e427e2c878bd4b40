import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useServices, useVaultSession, type AppServices } from '../../services/services';
import { auditEntry } from '../../domain/audit';
import type { Cohort } from '../../domain/cohort';
import type { Concern } from '../../domain/concern';
import { todayInRiga } from '../../domain/calendar-date';
import {
  countOverdue,
  oneFollowUpPerRule,
  sortFollowUps,
  type FollowUp,
  type FollowUpStatus,
} from '../../domain/follow-up';
import type { Meeting } from '../../domain/meeting';
import type { Participant } from '../../domain/participant';
import { useMissingRiskParticipantIdsWhenKnown } from '../screenings/missing-risk';
import { useOrganisation } from '../organisation/queries';
import { runAbsenceRules } from './absence';

export interface FollowUpList {
  items: FollowUp[];
  participants: Map<string, Participant>;
  cohorts: Map<string, Cohort>;
  meetings: Map<string, Meeting>;
  concerns: Map<string, Concern>;
  damaged: number;
}

// Local data (client default staleTime Infinity); the mutations below and raising a concern
// or closing a meeting invalidate `followUpQueries.all`.
export const followUpQueries = {
  all: ['follow-ups'] as const,
  /** The follow-ups themselves: the list and every count on other screens read this one query. */
  items: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...followUpQueries.all, 'items'],
      queryFn: async () => {
        const followUps = await repos.followUps.list();
        return {
          items: sortFollowUps(oneFollowUpPerRule(followUps.items)),
          damaged: followUps.damaged.length,
        };
      },
    }),
  /** What the list shows beside each item: who, which group, which meeting, which concern. */
  details: ({ repos }: AppServices, meetingIds: readonly string[]) =>
    queryOptions({
      queryKey: [...followUpQueries.all, 'details', meetingIds],
      queryFn: async () => {
        const [participants, cohorts, concerns, meetings] = await Promise.all([
          repos.participants.list(),
          repos.cohorts.list(),
          // Without the coordinators' key (a session from before the key split) the list still opens.
          repos.concerns.list().catch(() => ({ items: [] as Concern[], damaged: [] as string[] })),
          Promise.all(meetingIds.map((id) => repos.meetings.get(id))),
        ]);
        return {
          participants: new Map(participants.items.map((p) => [p.id, p])),
          cohorts: new Map(cohorts.items.map((c) => [c.id, c])),
          meetings: new Map(meetings.flatMap((m) => (m ? [[m.id, m] as const] : []))),
          concerns: new Map(concerns.items.map((c) => [c.id, c])),
          damaged: concerns.damaged.length + participants.damaged.length,
        };
      },
    }),
};

/** The follow-up list with what each item refers to. */
export function useFollowUps(): {
  data: FollowUpList | undefined;
  isPending: boolean;
  isError: boolean;
  error: Error | null;
} {
  const services = useServices();
  const items = useQuery(followUpQueries.items(services));
  const meetingIds = useMemo(
    () => [
      ...new Set((items.data?.items ?? []).flatMap((f) => (f.meetingId ? [f.meetingId] : []))),
    ],
    [items.data],
  );
  const details = useQuery({
    ...followUpQueries.details(services, meetingIds),
    enabled: items.isSuccess,
    placeholderData: keepPreviousData,
  });
  const data = useMemo(
    () =>
      items.data && details.data
        ? {
            ...details.data,
            items: items.data.items,
            damaged: items.data.damaged + details.data.damaged,
          }
        : undefined,
    [items.data, details.data],
  );
  const isError = items.isError || details.isError;
  return { data, isPending: !data && !isError, isError, error: items.error ?? details.error };
}

/**
 * How many follow-ups there are by status, from the same query as the list
 * (so Today and the list never disagree). Runs the absence rules first, as
 * the list does: a fresh absence counts before anyone opens the list.
 */
export function useFollowUpCounts(
  enabled: boolean,
): (Record<FollowUpStatus, number> & { overdue: number }) | undefined {
  // No count until the absence rules have run and the list is read again:
  // a number that then jumps would be a wrong number for a moment.
  const rules = useAbsenceRules(enabled);
  const settled = rules.isSuccess || rules.isError;
  const services = useServices();
  const items = useQuery({ ...followUpQueries.items(services), enabled });
  const today = todayInRiga();
  return useMemo(
    () =>
      items.data && settled
        ? {
            ...countByStatus(items.data.items),
            overdue: countOverdue(
              items.data.items.filter((f) => f.status !== 'closed'),
              today,
            ),
          }
        : undefined,
    [items.data, today, settled],
  );
}

export function countByStatus(items: readonly FollowUp[]): Record<FollowUpStatus, number> {
  const counts: Record<FollowUpStatus, number> = { open: 0, 'in-progress': 0, closed: 0 };
  for (const f of items) counts[f.status]++;
  return counts;
}

/**
 * Runs the absence rules over every running group once the organisation's
 * threshold and the missing-risk list are known (the ids make it idempotent),
 * or only checks that nothing they read has changed since they last ran.
 */
export function useAbsenceRules(enabled = true) {
  const organisation = useOrganisation();
  const missingRiskIds = useMissingRiskParticipantIdsWhenKnown();
  const runRules = useRunAbsenceRulesMutation();
  const threshold = organisation.data?.absenceThreshold;
  const ready = enabled && organisation.isSuccess && missingRiskIds !== undefined;
  const { mutate } = runRules;
  useEffect(() => {
    if (ready && missingRiskIds) mutate({ missingRiskIds, threshold });
  }, [ready, missingRiskIds, threshold, mutate]);
  return runRules;
}

export function useUpdateFollowUpMutation() {
  const services = useServices();
  const session = useVaultSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (followUp: FollowUp) => {
      if (!session) throw new Error('locked');
      const before = await services.repos.followUps.get(followUp.id);
      const audit = [];
      const subject = { table: 'followUps', id: followUp.id };
      // Who owns it and by when: a change of either is on the record (ids only).
      if (before && (before.ownerId !== followUp.ownerId || before.dueDate !== followUp.dueDate))
        audit.push(
          auditEntry({
            actorId: session.staffId,
            action: 'follow-up-reassigned',
            subject,
            ...(followUp.ownerId ? { related: { ownerId: followUp.ownerId } } : {}),
          }),
        );
      if (followUp.status === 'closed' && before?.status !== 'closed')
        audit.push(auditEntry({ actorId: session.staffId, action: 'follow-up-closed', subject }));
      await services.stores.meeting.updateFollowUp(followUp, audit);
      return followUp;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: followUpQueries.all }),
  });
}

/** Runs the absence rules over every running group; returns how many follow-ups were new. */
export function useRunAbsenceRulesMutation() {
  const services = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      missingRiskIds: ReadonlySet<string>;
      threshold: number | undefined;
    }) => {
      // Follow-ups are found by reading them (random ids): coordinators only.
      if (!services.vault.hasCoordinatorKey) return 0;
      // Skipped when nothing the rules read has changed since they last ran (absence.ts).
      return (await runAbsenceRules(services, input)).added;
    },
    onSuccess: (added) =>
      added > 0 ? queryClient.invalidateQueries({ queryKey: followUpQueries.all }) : undefined,
  });
}
