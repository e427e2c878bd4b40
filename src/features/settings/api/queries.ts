import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, useVaultSession, type AppServices } from '../../../services/services';
import { ORGANISATION_ID } from '../../../db/keyring-store';

// Local data does not go stale on its own (no server): staleTime Infinity,
// and every mutation invalidates the keys it touches. Locking clears the cache.
export const organisationQueries = {
  all: ['organisation'] as const,
  detail: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...organisationQueries.all, 'detail'],
      queryFn: () => repos.organisation.get(ORGANISATION_ID).then((o) => o ?? null),
      staleTime: Infinity,
    }),
};

export const staffQueries = {
  all: ['staff'] as const,
  list: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...staffQueries.all, 'list'],
      queryFn: () => repos.staff.list(),
      staleTime: Infinity,
    }),
  detail: ({ repos }: AppServices, id: string) =>
    queryOptions({
      queryKey: [...staffQueries.all, 'detail', id],
      queryFn: () => repos.staff.get(id).then((s) => s ?? null),
      staleTime: Infinity,
    }),
};

export function useOrganisation() {
  return useQuery(organisationQueries.detail(useServices()));
}

export function useStaffList() {
  return useQuery(staffQueries.list(useServices()));
}

/** The staff member whose passphrase opened the vault. */
export function useCurrentStaff() {
  const services = useServices();
  const session = useVaultSession();
  return useQuery({
    ...staffQueries.detail(services, session?.staffId ?? ''),
    enabled: Boolean(session?.staffId),
  });
}

export function useIsCoordinator(): boolean {
  return useCurrentStaff().data?.role === 'coordinator';
}
