import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../../services/services';

// Local data: staleTime Infinity; the referral issue's mutations invalidate `participantQueries.all`.
export const participantQueries = {
  all: ['participants'] as const,
  list: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...participantQueries.all, 'list'],
      staleTime: Infinity,
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
};

export function useParticipants() {
  return useQuery(participantQueries.list(useServices()));
}
