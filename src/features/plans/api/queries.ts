import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../../services/services';

// Local data does not go stale on its own: staleTime Infinity, and the plan
// mutations invalidate `planQueries.all`. Locking clears the whole cache.
export const planQueries = {
  all: ['plans'] as const,
  participantKey: (participantId: string) =>
    [...planQueries.all, 'participant', participantId] as const,
  forParticipant: ({ stores }: AppServices, participantId: string) =>
    queryOptions({
      queryKey: planQueries.participantKey(participantId),
      staleTime: Infinity,
      queryFn: () => stores.plan.forParticipant(participantId),
    }),
  removals: ({ stores }: AppServices, participantId: string) =>
    queryOptions({
      queryKey: [...planQueries.all, 'removals', participantId],
      staleTime: Infinity,
      queryFn: () => stores.plan.removals(participantId),
    }),
};

/** One participant, for the staff view of their plan (the kiosk never shows it). */
export const participantDetail = ({ repos }: AppServices, participantId: string) =>
  queryOptions({
    queryKey: ['participants', 'detail', participantId],
    staleTime: Infinity,
    queryFn: () => repos.participants.get(participantId).then((p) => p ?? null),
  });

export function usePlan(participantId: string) {
  return useQuery(planQueries.forParticipant(useServices(), participantId));
}

export function usePlanRemovals(participantId: string) {
  return useQuery(planQueries.removals(useServices(), participantId));
}

export function useParticipant(participantId: string) {
  return useQuery(participantDetail(useServices(), participantId));
}
