import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../services/services';

// Local data: the client default staleTime (Infinity) holds; the referral
// and enrolment mutations invalidate `participantQueries.all`.
export const participantQueries = {
  all: ['participants'] as const,
  list: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...participantQueries.all, 'list'],
      queryFn: async () => {
        const [participants, cohorts] = await Promise.all([
          repos.participants.list(),
          repos.cohorts.list(),
        ]);
        const cohortOf = new Map<string, string>();
        for (const cohort of cohorts.items)
          for (const id of cohort.participantIds) cohortOf.set(id, cohort.name);
        return {
          rows: participants.items
            .sort((a, b) => a.code.localeCompare(b.code))
            .map((participant) => ({ participant, cohortName: cohortOf.get(participant.id) })),
          damaged: participants.damaged.length,
        };
      },
    }),
  /** One participant, for the staff view of their plan (the kiosk never shows it). */
  detail: ({ repos }: AppServices, participantId: string) =>
    queryOptions({
      queryKey: [...participantQueries.all, 'detail', participantId],
      queryFn: () => repos.participants.get(participantId).then((p) => p ?? null),
    }),
};

export function useParticipants() {
  return useQuery(participantQueries.list(useServices()));
}

export function useParticipant(participantId: string) {
  return useQuery(participantQueries.detail(useServices(), participantId));
}
