import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Staff } from '../../domain/staff';
import {
  useHasCoordinatorKey,
  useServices,
  useVaultSession,
  type AppServices,
} from '../../services/services';

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

/**
 * The staff member whose passphrase opened the vault, with the role their
 * keys give them: a coordinator exactly when this session holds the
 * coordinator key. Their staff row's own `role` is team data — a facilitator
 * can rewrite it — so it never opens a coordinators' screen (require-role,
 * useIsCoordinator and everything else that asks read this).
 */
export function useCurrentStaff() {
  const services = useServices();
  const session = useVaultSession();
  const role: Staff['role'] = useHasCoordinatorKey() ? 'coordinator' : 'facilitator';
  return useQuery({
    ...staffQueries.detail(services, session?.staffId ?? ''),
    enabled: Boolean(session?.staffId),
    select: (person: Staff | null) => (person ? { ...person, role } : null),
  });
}

export function useIsCoordinator(): boolean {
  return useCurrentStaff().data?.role === 'coordinator';
}
