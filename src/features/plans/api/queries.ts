import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../../services/services';

// Local data does not go stale on its own (the client default staleTime is
// Infinity): the plan mutations invalidate `planQueries.all`. Locking clears
// the whole cache.
export const planQueries = {
  all: ['plans'] as const,
  participantKey: (participantId: string) =>
    [...planQueries.all, 'participant', participantId] as const,
  forParticipant: ({ stores }: AppServices, participantId: string) =>
    queryOptions({
      queryKey: planQueries.participantKey(participantId),
      queryFn: () => stores.plan.forParticipant(participantId),
    }),
  removals: ({ stores }: AppServices, participantId: string) =>
    queryOptions({
      queryKey: [...planQueries.all, 'removals', participantId],
      queryFn: () => stores.plan.removals(participantId),
    }),
};

export function usePlan(participantId: string) {
  return useQuery(planQueries.forParticipant(useServices(), participantId));
}

export function usePlanRemovals(participantId: string) {
  return useQuery(planQueries.removals(useServices(), participantId));
}
