import { QueryClient } from '@tanstack/react-query';

/**
 * One query client per app instance. Data is local: it does not go stale on
 * its own (every mutation invalidates the keys it touches, locking clears the
 * cache), so queries need no `staleTime` of their own.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Data is local: no refetch on focus or reconnect, no retries that would hide a damaged row.
      queries: {
        staleTime: Infinity,
        retry: false,
        refetchOnWindowFocus: false,
        networkMode: 'always',
      },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
