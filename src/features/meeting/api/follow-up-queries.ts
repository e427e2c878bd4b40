import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useServices, useVaultSession, type AppServices } from '../../../app/services';
import { meetingStore } from '../../../db/meeting-store';
import { auditEntry } from '../../../domain/audit';
import type { Cohort } from '../../../domain/cohort';
import type { Concern } from '../../../domain/concern';
import { todayInRiga } from '../../../domain/calendar-date';
import { countOverdue, sortFollowUps, type FollowUp } from '../../../domain/follow-up';
import type { Meeting } from '../../../domain/meeting';
import type { Participant } from '../../../domain/participant';
import { absenceFollowUpsForRunningCohorts } from './absence';

export interface FollowUpList {
  items: FollowUp[];
  participants: Map<string, Participant>;
  cohorts: Map<string, Cohort>;
  meetings: Map<string, Meeting>;
  concerns: Map<string, Concern>;
  damaged: number;
}

// Local data: staleTime Infinity; the mutations below and raising a concern
// or closing a meeting invalidate `followUpQueries.all`.
export const followUpQueries = {
  all: ['follow-ups'] as const,
  list: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...followUpQueries.all, 'list'],
      staleTime: Infinity,
      queryFn: async (): Promise<FollowUpList> => {
        const [followUps, participants, cohorts, concerns] = await Promise.all([
          repos.followUps.list(),
          repos.participants.list(),
          repos.cohorts.list(),
          // Without the coordinators' key (a session from before the key split) the list still opens.
          repos.concerns.list().catch(() => ({ items: [] as Concern[], damaged: [] as string[] })),
        ]);
        const meetingIds = [
          ...new Set(followUps.items.flatMap((f) => (f.meetingId ? [f.meetingId] : []))),
        ];
        const meetings = await Promise.all(meetingIds.map((id) => repos.meetings.get(id)));
        return {
          items: sortFollowUps(followUps.items),
          participants: new Map(participants.items.map((p) => [p.id, p])),
          cohorts: new Map(cohorts.items.map((c) => [c.id, c])),
          meetings: new Map(meetings.flatMap((m) => (m ? [[m.id, m] as const] : []))),
          concerns: new Map(concerns.items.map((c) => [c.id, c])),
          damaged: followUps.damaged.length + concerns.damaged.length + participants.damaged.length,
        };
      },
    }),
};

export function useFollowUps() {
  return useQuery(followUpQueries.list(useServices()));
}

/** How many follow-ups are not closed yet, and how many of them are overdue today (for Today). */
export function useOpenFollowUpCount(enabled: boolean) {
  const { repos } = useServices();
  const today = todayInRiga();
  return useQuery({
    queryKey: [...followUpQueries.all, 'open-count', today],
    staleTime: Infinity,
    enabled,
    queryFn: async () => {
      const [open, started] = await Promise.all([
        repos.followUps.listWhere('status', 'open'),
        repos.followUps.listWhere('status', 'in-progress'),
      ]);
      const items = [...open.items, ...started.items];
      return { open: items.length, overdue: countOverdue(items, today) };
    },
  });
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
      await meetingStore(services.db, services.repos).updateFollowUp(followUp, audit);
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
      const followUps = await absenceFollowUpsForRunningCohorts(services, input);
      return meetingStore(services.db, services.repos).addFollowUps(followUps);
    },
    onSuccess: (added) =>
      added > 0 ? queryClient.invalidateQueries({ queryKey: followUpQueries.all }) : undefined,
  });
}
