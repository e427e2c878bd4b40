import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatTime } from '../i18n/format';
import { fakeSync, SYNCED_STATUS } from '../testing/fake-sync';
import { renderApp, SLOW } from '../testing/render-app';

const header = () => screen.findByRole('banner', {}, SLOW);
const syncLink = async () => within(await header()).findByRole('link', { name: /^Sync: / }, SLOW);

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
    const link = await syncLink();
    expect(link).toHaveAccessibleName(
      `Sync: Synced · ${formatTime(sync.status().lastSyncAt!, 'en')}`,
    );
    await app.user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sync' }, SLOW)).toBeVisible();
  });

  it('counts the changes waiting, says offline and asks for attention, each in its own words', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS, lastSyncAt: Date.now() });
    await renderApp({ setup: 'organisation', unlocked: true, sync });
    const link = await syncLink();

    act(() => sync.set({ state: 'syncing', waiting: 3 }));
    expect(link).toHaveAccessibleName('Sync: 3 waiting');
    act(() => sync.set({ state: 'syncing', waiting: 0 }));
    expect(link).toHaveAccessibleName('Sync: Syncing…');
    act(() => sync.set({ state: 'offline', waiting: 2 }));
    expect(link).toHaveAccessibleName('Sync: Offline — 2 waiting here');
    act(() => sync.set({ state: 'offline', waiting: 0 }));
    expect(link).toHaveAccessibleName('Sync: Offline — changes wait here');
    act(() => sync.set({ state: 'attention', problem: 'wrong-account' }));
    expect(link).toHaveAccessibleName('Sync: Needs attention');
    act(() => sync.set({ state: 'off', connected: false }));
    expect(link).not.toBeInTheDocument();
  });

  it('asks for attention when records were refused, until Settings → Sync has shown them', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS, lastSyncAt: Date.now() });
    const app = await renderApp({ setup: 'organisation', unlocked: true, sync });
    const link = await syncLink();
    expect(link).toHaveAccessibleName(/^Sync: Synced/);

    act(() =>
      sync.set({
        refusals: [{ reason: 'damaged', count: 1, at: Date.now() }],
        unseenRefusals: true,
      }),
    );
    expect(link).toHaveAccessibleName('Sync: Needs attention');
    await app.user.click(link);
    expect(
      await screen.findByText(/1 record from the server was damaged and was not used/, {}, SLOW),
    ).toBeVisible();
    // Seen: the header is calm again; the refusal stays listed.
    expect(await syncLink()).toHaveAccessibleName(/^Sync: Synced/);
    expect(screen.getByText(/1 record from the server was damaged/)).toBeVisible();
  });

  it('tells screen readers only when sync stops or works again, not at every pass', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS, lastSyncAt: Date.now() });
    await renderApp({ setup: 'organisation', unlocked: true, sync });
    const banner = await header();
    await syncLink();
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

  it('puts a sign on the phone’s menu button when sync is offline or needs attention, and only then', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS, state: 'syncing', waiting: 12 });
    await renderApp({ setup: 'organisation', unlocked: true, sync });
    await syncLink();
    // styles.css shows the sign on phones only, where the line itself is inside the menu.
    const menuButton = within(await header()).getByRole('button', { name: 'Menu' });
    expect(menuButton.querySelector('.sync-badge')).toBeNull();
    act(() => sync.set({ state: 'offline' }));
    expect(menuButton.querySelector('.sync-badge')).toHaveAttribute('data-tone', 'offline');
    act(() => sync.set({ state: 'attention', problem: 'server-full' }));
    const badge = menuButton.querySelector('.sync-badge');
    expect(badge).toHaveAttribute('data-tone', 'attention');
    // A sign for the eye; the button keeps its name, the line and the live region say it in words.
    expect(badge).toHaveAttribute('aria-hidden', 'true');
    expect(menuButton).toHaveAccessibleName('Menu');
  });
});
