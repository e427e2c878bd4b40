import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../services/services';
import { aStaffMember } from '../../../testing/factories';
import { fakeSync, SYNCED_STATUS } from '../../../testing/fake-sync';
import { renderApp, SLOW } from '../../../testing/render-app';

const ANNA_PASSPHRASE = 'anna own long passphrase';
let annaId = '';

async function seedAnna({ repos, keyring }: AppServices) {
  const anna = aStaffMember({ displayName: 'Anna', role: 'facilitator' });
  annaId = anna.id;
  await repos.staff.put(anna);
  await keyring.setPassphrase(anna.id, ANNA_PASSPHRASE);
}

const reminder = /close the server account Anna used, or change its password/;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('deactivating a colleague', () => {
  it('with sync on, reminds the coordinator to close their server account, before and after', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/staff',
      sync: fakeSync(SYNCED_STATUS),
      seed: seedAnna,
    });
    await app.user.click(await screen.findByRole('button', { name: 'Deactivate Anna' }, SLOW));

    expect(confirm).toHaveBeenCalledTimes(1);
    expect(confirm.mock.calls[0]?.[0]).toMatch(/^Deactivate Anna\?/);
    expect(confirm.mock.calls[0]?.[0]).toMatch(reminder);
    // The reminder stays on screen once the passphrase is gone from this device.
    expect(await screen.findByText(reminder, {}, SLOW)).toBeVisible();
    expect(await app.services.keyring.staffWithPassphrase()).not.toContain(annaId);
  });

  it('with sync off, asks without the server reminder and shows none afterwards', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/staff',
      seed: seedAnna,
    });
    await app.user.click(await screen.findByRole('button', { name: 'Deactivate Anna' }, SLOW));

    expect(confirm.mock.calls[0]?.[0]).toMatch(/^Deactivate Anna\?/);
    expect(confirm.mock.calls[0]?.[0]).not.toMatch(/server/);
    await waitFor(async () =>
      expect(await app.services.keyring.staffWithPassphrase()).not.toContain(annaId),
    );
    expect(await screen.findByText('deactivated', {}, SLOW)).toBeVisible();
    expect(screen.queryByText(reminder)).not.toBeInTheDocument();
  });

  it('changes nothing when the coordinator says no', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(false);
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/staff',
      sync: fakeSync(SYNCED_STATUS),
      seed: seedAnna,
    });
    await app.user.click(await screen.findByRole('button', { name: 'Deactivate Anna' }, SLOW));

    expect(screen.queryByText(reminder)).not.toBeInTheDocument();
    expect(await app.services.keyring.staffWithPassphrase()).toContain(annaId);
    expect((await app.services.repos.staff.get(annaId))?.active).toBe(true);
  });
});
