/**
 * For meeting mode: who had recent missing episodes in their latest
 * screening. Ids only; empty while loading and for anyone but a coordinator,
 * so screening answers never reach a facilitator's screen.
 */
import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../services/services';
import { latestScreening, reportsRecentMissingEpisodes } from '../../domain/screening';
import { useIsCoordinator } from '../staff/queries';
import { screeningQueries } from './keys';

const EMPTY: ReadonlySet<string> = new Set();

export function useMissingRiskParticipantIds(): ReadonlySet<string> {
  return useMissingRiskParticipantIdsWhenKnown() ?? EMPTY;
}

/** The same, but undefined while a coordinator's list is still loading. */
export function useMissingRiskParticipantIdsWhenKnown(): ReadonlySet<string> | undefined {
  const { repos } = useServices();
  const isCoordinator = useIsCoordinator();
  const query = useQuery({
    queryKey: [...screeningQueries.all, 'missing-risk'],
    enabled: isCoordinator,
    queryFn: async (): Promise<ReadonlySet<string>> => {
      const { items } = await repos.screenings.list();
      const byParticipant = new Map<string, typeof items>();
      for (const s of items)
        byParticipant.set(s.participantId, [...(byParticipant.get(s.participantId) ?? []), s]);
      const ids = new Set<string>();
      for (const [participantId, screenings] of byParticipant)
        if (reportsRecentMissingEpisodes(latestScreening(screenings))) ids.add(participantId);
      return ids;
    },
  });
  if (!isCoordinator) return EMPTY;
  return query.data;
}
