import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, useVaultSession, type AppServices } from '../../services/services';

// Local data: the client default staleTime (Infinity) holds; the staff
// mutations invalidate `staffQueries.all`.
export const staffQueries = {
  all: ['staff'] as const,
  list: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...staffQueries.all, 'list'],
      queryFn: () => repos.staff.list(),
    }),
  detail: ({ repos }: AppServices, id: string) =>
    queryOptions({
      queryKey: [...staffQueries.all, 'detail', id],
      queryFn: () => repos.staff.get(id).then((s) => s ?? null),
    }),
};

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
