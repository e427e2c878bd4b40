import { useQuery } from '@tanstack/react-query';
import { latvianPublicHolidays } from '../../../domain/closures';

/** Latvian public holidays for the given years; the rules load on first use. */
export function useLatvianHolidays(fromYear: number, toYear: number) {
  return useQuery({
    queryKey: ['closures', 'lv-public-holidays', fromYear, toYear],
    // Computed from the library's rules: they never change while the app runs.
    staleTime: Infinity,
    queryFn: () => latvianPublicHolidays(fromYear, toYear),
  });
}
