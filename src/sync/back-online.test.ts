// @vitest-environment node
/**
 * Back online after a meeting held offline (issue #16: ten marks pushed
 * within 2 s of reconnecting): the device does not wait for its next outbox
 * pass or PouchDB's retry back-off, it pushes and replicates at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aParticipant } from '../db/backup/test-data';
import { allDocs, deviceOn, twoDevices } from '../testing/sync-devices';
import type { LiveEvents } from './engine';
import type { Replica } from './replica';

const browser = new EventTarget();
const events: LiveEvents = {
  state: () => undefined,
  problem: () => undefined,
  pulled: () => undefined,
  pushed: () => undefined,
};

/** The engine listens on the page's global object, as in a browser: `browser` stands in for it. */
function listenLikeABrowser() {
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
    vi.restoreAllMocks();
  });
}

describe('coming back online', () => {
  listenLikeABrowser();

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
});

/** As the header's sync line counts (controller.ts): pushes add, the push side's 'sent' clears. */
function counting() {
  const count = { waiting: 0 };
  const live: LiveEvents = {
    ...events,
    pushed: (n) => {
      count.waiting += n;
    },
    sent: () => {
      count.waiting = 0;
    },
  };
  return { count, live };
}

/** `server`, except that while `down` it cannot be reached for writes (as a dropped connection). */
function unreachableForWrites(server: Replica) {
  const control = { down: true };
  const proxy = new Proxy(server, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (!control.down || (prop !== 'bulkDocs' && prop !== 'revsDiff')) return value;
      return () => Promise.reject(Object.assign(new TypeError('Failed to fetch'), { status: 0 }));
    },
  });
  return { proxy, control };
}

describe('the header counts what is waiting', () => {
  listenLikeABrowser();

  it('says nothing is waiting once the server has it, even when the replication was quicker than the push', async () => {
    const { server, tablet } = await twoDevices();
    const { count, live } = counting();
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
    tablet.engine.start(live, 60_000);
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
      expect(count.waiting).toBe(0);
    } finally {
      tablet.engine.stop();
    }
  }, 30_000);

  it('keeps counting a change while the server is out of reach, and clears it once it is there', async () => {
    const { server, secret, tablet } = await twoDevices();
    const { proxy, control } = unreachableForWrites(server);
    const device = deviceOn(proxy, tablet.t, secret, tablet.engine.local);
    const { count, live } = counting();
    const before = (await allDocs(server)).length;
    device.engine.start(live, 60_000);
    try {
      await new Promise((r) => setTimeout(r, 500));
      await tablet.t.repos.participants.put(aParticipant({ chosenName: 'Offline Olga' }));
      browser.dispatchEvent(new Event('online'));
      // Retries come and go while it is out of reach: the change still waits.
      await new Promise((r) => setTimeout(r, 4000));
      expect(count.waiting).toBe(1);
      expect(await allDocs(server)).toHaveLength(before);
      control.down = false;
      browser.dispatchEvent(new Event('online'));
      await vi.waitFor(() => expect(count.waiting).toBe(0), { timeout: 8000, interval: 100 });
      expect((await allDocs(server)).length).toBeGreaterThan(before);
    } finally {
      device.engine.stop();
    }
  }, 30_000);
  it('counts one change once, though a later pass reads it again and finds it already in the replica', async () => {
    const { server, secret, tablet } = await twoDevices();
    const { proxy, control } = unreachableForWrites(server);
    const device = deviceOn(proxy, tablet.t, secret, tablet.engine.local);
    const { count, live } = counting();
    // Outbox passes every 300 ms: each reads the last minute's writes again.
    device.engine.start(live, 300);
    try {
      await new Promise((r) => setTimeout(r, 500));
      await tablet.t.repos.participants.put(aParticipant({ chosenName: 'Twice Tina' }));
      await vi.waitFor(() => expect(count.waiting).toBe(1), { timeout: 5000, interval: 50 });
      // This device forgets which copies it pushed: the next passes find the participant
      // again, and the replica already holding that very copy, so they write nothing.
      await tablet.t.db.meta.where('key').startsWith('sync:doc:').delete();
      await new Promise((r) => setTimeout(r, 2000));
      // Still one change waiting, not one more for every pass that wrote nothing.
      expect(count.waiting).toBe(1);
      control.down = false;
      browser.dispatchEvent(new Event('online'));
      await vi.waitFor(() => expect(count.waiting).toBe(0), { timeout: 8000, interval: 100 });
    } finally {
      device.engine.stop();
    }
  }, 30_000);
});
