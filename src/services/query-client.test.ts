import { QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient, forgetOnLock } from './query-client';

/**
 * After Lock nothing may keep a decrypted value or a typed text alive: in the
 * browser a pending timer is a root, so its callback's entry (with its data)
 * stays in memory however empty the caches are. These tests count the timers.
 */
describe('the query client forgets what it removes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Runs what is due now (notifications, zero-delay timers), not the five-minute ones. */
  async function settle() {
    await vi.advanceTimersByTimeAsync(1_000);
  }

  it('leaves no timer holding a query that was removed while a component observed it', async () => {
    const client = createQueryClient();
    const observer = new QueryObserver(client, {
      queryKey: ['meeting', 'concern-draft', 'm1'],
      queryFn: () => Promise.resolve({ seenOrSaid: 'typed words QX-7731' }),
    });
    const unsubscribe = observer.subscribe(() => {});
    await settle();
    expect(observer.getCurrentResult().data).toEqual({ seenOrSaid: 'typed words QX-7731' });

    forgetOnLock(client); // the lock empties the cache first ...
    unsubscribe(); // ... then the unlock screen unmounts the component
    await settle();
    expect(client.getQueryCache().getAll()).toEqual([]);
    expect(vi.getTimerCount(), 'timers still holding a removed query').toBe(0);
  });

  it('leaves no timer holding a finished write and what was typed into it', async () => {
    const client = createQueryClient();
    await client
      .getMutationCache()
      .build(client, { mutationFn: (text: string) => Promise.resolve(text) })
      .execute('typed words QX-7731');
    await settle();

    forgetOnLock(client);
    await settle();
    expect(client.getMutationCache().getAll()).toEqual([]);
    expect(vi.getTimerCount(), 'timers still holding a finished write').toBe(0);
  });
});
