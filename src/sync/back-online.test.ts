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
});
