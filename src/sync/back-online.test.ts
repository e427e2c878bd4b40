// @vitest-environment node
/**
 * Back online after a meeting held offline (issue #16: ten marks pushed
 * within 2 s of reconnecting): the device does not wait for its next outbox
 * pass or PouchDB's retry back-off, it pushes and replicates at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aParticipant } from '../db/backup/test-data';
import { allDocs, twoDevices } from '../testing/sync-devices';
import type { LiveEvents } from './engine';

const browser = new EventTarget();
const events: LiveEvents = {
  state: () => undefined,
  problem: () => undefined,
  pulled: () => undefined,
  pushed: () => undefined,
};

describe('coming back online', () => {
  // The engine listens on the page's global object, as in a browser.
  beforeEach(() => {
    Object.assign(globalThis, {
      addEventListener: browser.addEventListener.bind(browser),
      removeEventListener: browser.removeEventListener.bind(browser),
    });
  });
  afterEach(() => {
    const g = globalThis as Partial<Record<'addEventListener' | 'removeEventListener', unknown>>;
    delete g.addEventListener;
    delete g.removeEventListener;
  });

  it('sends what was written offline at once, not at the next pass', async () => {
    const { server, tablet } = await twoDevices();
    const before = (await allDocs(server)).length;
    // Passes a minute apart: only coming back online can send it in time.
    tablet.engine.start(events, 60_000);
    try {
      await tablet.t.repos.participants.put(aParticipant({ chosenName: 'Offline Olga' }));
      browser.dispatchEvent(new Event('online'));
      await vi.waitFor(async () => expect((await allDocs(server)).length).toBeGreaterThan(before), {
        timeout: 5000,
        interval: 100,
      });
    } finally {
      tablet.engine.stop();
    }
  });

  it('stops listening once sync stops', async () => {
    const { server, tablet } = await twoDevices();
    const before = (await allDocs(server)).length;
    tablet.engine.start(events, 60_000);
    tablet.engine.stop();
    await tablet.t.repos.participants.put(aParticipant({ chosenName: 'Locked Lina' }));
    browser.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await allDocs(server)).toHaveLength(before);
  });

  it('says nothing is waiting once the server has what was written, even when the replication was quicker than the push', async () => {
    const { server, tablet } = await twoDevices();
    let waiting = 0;
    const counting: LiveEvents = {
      ...events,
      // As the header's sync line counts (controller.ts).
      state: (state) => {
        if (state === 'synced') waiting = 0;
      },
      pushed: (count) => {
        waiting += count;
      },
    };
    // The push's own bookkeeping after it wrote into the replica is slow (a busy device):
    // the live replication sends the document and goes idle before the push returns.
    const meta = tablet.t.db.meta;
    const bulkPut = meta.bulkPut.bind(meta);
    const slow = async (...args: Parameters<typeof bulkPut>) => {
      const done = await bulkPut(...args);
      await new Promise((r) => setTimeout(r, 1500));
      return done;
    };
    vi.spyOn(meta, 'bulkPut').mockImplementation(slow as unknown as typeof meta.bulkPut);
    const before = (await allDocs(server)).length;
    tablet.engine.start(counting, 60_000);
    try {
      await new Promise((r) => setTimeout(r, 500));
      await tablet.t.repos.participants.put(aParticipant({ chosenName: 'Quick Kate' }));
      browser.dispatchEvent(new Event('online'));
      await vi.waitFor(async () => expect((await allDocs(server)).length).toBeGreaterThan(before), {
        timeout: 8000,
        interval: 100,
      });
      // Long enough for the push to return and report.
      await new Promise((r) => setTimeout(r, 4000));
      expect(waiting).toBe(0);
    } finally {
      tablet.engine.stop();
      vi.restoreAllMocks();
    }
  }, 30_000);
});
