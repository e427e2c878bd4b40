import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../services/services';
import { ORGANISATION_ID } from '../../db/keyring-store';

// Local data does not go stale on its own (no server): the client default is
// staleTime Infinity, and every mutation invalidates the keys it touches.
// Locking clears the cache.
export const organisationQueries = {
  all: ['organisation'] as const,
  detail: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...organisationQueries.all, 'detail'],
      queryFn: () => repos.organisation.get(ORGANISATION_ID).then((o) => o ?? null),
    }),
};

export function useOrganisation() {
  return useQuery(organisationQueries.detail(useServices()));
}
