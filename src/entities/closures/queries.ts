import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../services/services';
import { todayInRiga } from '../../domain/calendar-date';
import { latvianPublicHolidays, type Closure } from '../../domain/closures';

const closureKeys = {
  all: ['closures'] as const,
  holidays: (from: number, to: number) =>
    [...closureKeys.all, 'lv-public-holidays', from, to] as const,
  organisation: () => [...closureKeys.all, 'organisation'] as const,
};

/** Latvian public holidays for the given years; the rules load on first use. */
export function useLatvianHolidays(fromYear: number, toYear: number) {
  return useQuery({
    queryKey: closureKeys.holidays(fromYear, toYear),
    // Computed from the library's rules: they never change while the app runs
    // (the client default staleTime, Infinity, keeps them).
    queryFn: () => latvianPublicHolidays(fromYear, toYear),
  });
}

/** The organisation's own closures (summer break, training days), stored sealed. */
export function useOrganisationClosures() {
  const { repos } = useServices();
  return useQuery({
    queryKey: closureKeys.organisation(),
    // Local data; the closure mutations invalidate it.
    queryFn: async () =>
      (await repos.closures.list()).items.sort((a, b) => a.from.localeCompare(b.from)),
  });
}

/** Public holidays (when wanted) and the organisation's closures, for scheduling and clash checks. */
export function useClosures(includeHolidays = true): {
  data: Closure[] | undefined;
  isPending: boolean;
} {
  const year = Number(todayInRiga().slice(0, 4));
  const holidays = useLatvianHolidays(year - 1, year + 3);
  const own = useOrganisationClosures();
  if (holidays.isPending || own.isPending) return { data: undefined, isPending: true };
  return {
    data: [...(includeHolidays ? (holidays.data ?? []) : []), ...(own.data ?? [])],
    isPending: false,
  };
}

export function useSaveClosureMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (closure: Closure) => repos.closures.put(closure),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: closureKeys.all }),
  });
}

export function useDeleteClosureMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => repos.closures.delete(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: closureKeys.all }),
  });
}
