import { QueryClient } from '@tanstack/react-query';

/**
 * One query client per app instance. Data is local: it does not go stale on
 * its own (every mutation invalidates the keys it touches, locking clears the
 * cache), so queries need no `staleTime` of their own.
 */
export function createQueryClient(): QueryClient {
  const client = new QueryClient({
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
  forgetRemovedEntries(client);
  return client;
}

/**
 * Removed means forgotten. A query or mutation removed from its cache while a
 * mounted component still observes it gets a new garbage-collection timer when
 * that component unmounts, and the timer's callback holds the entry — its
 * decrypted data, or what was typed into a write — for `gcTime`, five minutes
 * by default, out of reach of the cache. A heap snapshot taken after Lock
 * found a sent concern held that way (its draft query, removed on sending;
 * every query on screen at Lock, removed just before the unlock screen
 * unmounts the app). With a `gcTime` of 0, such a timer fires at once and
 * nothing is left to reach the entry.
 */
function forgetRemovedEntries(client: QueryClient): void {
  client.getQueryCache().subscribe((event) => {
    if (event.type === 'removed') event.query.gcTime = 0;
  });
  client.getMutationCache().subscribe((event) => {
    if (event.type !== 'removed') return;
    event.mutation.gcTime = 0;
    event.mutation.destroy();
  });
}

/**
 * Locking forgets every decrypted value held in the query cache, and every
 * finished or pending write with what was typed into it (a concern, a
 * screening note, a plan answer) held in the mutation cache; see
 * `forgetRemovedEntries` for why emptying the caches is enough.
 */
export function forgetOnLock(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'device' });
  queryClient.getMutationCache().clear();
}
