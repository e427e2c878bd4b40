import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatTime } from '../i18n/format';
import { fakeSync, SYNCED_STATUS } from '../testing/fake-sync';
import { renderApp, SLOW } from '../testing/render-app';

const header = () => screen.findByRole('banner', {}, SLOW);
/**
 * The line's two placements (beside the menu button on a phone, at the end of
 * the sections row on a wide screen; the stylesheet shows one): both say the same.
 */
const syncLinks = async () => {
  const links = await within(await header()).findAllByRole('link', { name: /^Sync: / }, SLOW);
  expect(links.map((l) => l.className)).toEqual([
    expect.stringContaining('sync-line-tools'),
    expect.stringContaining('sync-line-menu'),
  ]);
  return links;
};
const expectName = (links: HTMLElement[], name: string) => {
  for (const link of links) expect(link).toHaveAccessibleName(name);
};

describe('the header sync line', () => {
  it('is not there at all while the device is not connected', async () => {
    await renderApp({ setup: 'organisation', unlocked: true, sync: fakeSync() });
    const banner = await header();
    await within(banner).findByRole('button', { name: 'Lock' }, SLOW);
    expect(within(banner).queryByRole('link', { name: /Sync/ })).not.toBeInTheDocument();
    expect(within(banner).queryByText(/Synced|waiting|Offline|attention/)).not.toBeInTheDocument();
  });

  it('says when it last synced and leads to Settings → Sync', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS, lastSyncAt: Date.now() });
    const app = await renderApp({ setup: 'organisation', unlocked: true, sync });
    const links = await syncLinks();
    expectName(links, `Sync: Synced · ${formatTime(sync.status().lastSyncAt!, 'en')}`);
    await app.user.click(links[0]!);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sync' }, SLOW)).toBeVisible();
  });

  it('counts the changes waiting, says offline and asks for attention, each in its own words', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS, lastSyncAt: Date.now() });
    await renderApp({ setup: 'organisation', unlocked: true, sync });
    const links = await syncLinks();

    act(() => sync.set({ state: 'syncing', waiting: 3 }));
    expectName(links, 'Sync: 3 waiting');
    act(() => sync.set({ state: 'syncing', waiting: 0 }));
    expectName(links, 'Sync: Syncing…');
    act(() => sync.set({ state: 'offline', waiting: 2 }));
    expectName(links, 'Sync: Offline — changes wait here');
    act(() => sync.set({ state: 'attention', problem: 'wrong-account' }));
    expectName(links, 'Sync: Needs attention');
    act(() => sync.set({ state: 'off', connected: false }));
    for (const link of links) expect(link).not.toBeInTheDocument();
  });

  it('tells screen readers only when sync stops or works again, not at every pass', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS, lastSyncAt: Date.now() });
    await renderApp({ setup: 'organisation', unlocked: true, sync });
    const banner = await header();
    await syncLinks();
    const live = within(banner).getByRole('status');
    expect(live).toHaveTextContent('');

    // Passes come and go during a meeting: silence.
    act(() => sync.set({ state: 'syncing', waiting: 4 }));
    act(() => sync.set({ state: 'synced', waiting: 0, lastSyncAt: Date.now() }));
    expect(live).toHaveTextContent('');

    act(() => sync.set({ state: 'offline', waiting: 1 }));
    expect(live).toHaveTextContent('Offline — changes wait here');
    act(() => sync.set({ state: 'offline', waiting: 2 }));
    expect(live).toHaveTextContent('Offline — changes wait here');
    act(() => sync.set({ state: 'synced', waiting: 0 }));
    expect(live).toHaveTextContent('Sync is working again.');
  });

  it('keeps its words for screen readers and shows the phone a sign and a number', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS, state: 'syncing', waiting: 12 });
    await renderApp({ setup: 'organisation', unlocked: true, sync });
    const [link] = await syncLinks();
    // styles.css shows .sync-short and hides .sync-text (visually only) below 600 px.
    expect(link!.querySelector('.sync-short')).toHaveTextContent('12');
    expect(link!.querySelector('.sync-short')).toHaveAttribute('aria-hidden', 'true');
    expect(link!.querySelector('.sync-text')).toHaveTextContent('12 waiting');
  });
});
