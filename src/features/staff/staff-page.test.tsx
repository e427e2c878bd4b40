import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rosterRole } from '../../db/keyring-store';
import type { AppServices } from '../../services/services';
import { aStaffMember } from '../../testing/factories';
import { fakeSync, SYNCED_STATUS } from '../../testing/fake-sync';
import { renderApp, SLOW } from '../../testing/render-app';

const anna = aStaffMember({ displayName: 'Anna', role: 'facilitator' });
const ANNA_PASSPHRASE = 'anna types her own passphrase';

async function coordinatorWrapsOf(db: { keyring: { toArray(): Promise<unknown[]> } }, id: string) {
  return (await db.keyring.toArray()).filter(
    (w) =>
      (w as { holder: { staffId?: string }; key?: string }).holder.staffId === id &&
      (w as { key?: string }).key === 'coordinator',
  );
}

async function withAnna({ keyring }: AppServices) {
  await keyring.addStaff(anna);
  await keyring.setPassphrase(anna.id, ANNA_PASSPHRASE);
}

describe('granting the coordinator key in Settings → Staff', () => {
  it('shows the person’s name and role and waits for a yes before making them a coordinator', async () => {
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/staff',
      seed: withAnna,
    });
    await app.user.click(
      await screen.findByRole('button', { name: 'Make Anna a coordinator' }, SLOW),
    );
    const step = await screen.findByRole('region', { name: 'Give Anna the coordinator key?' });
    expect(within(step).getByText('Anna')).toBeVisible();
    expect(within(step).getByText('coordinator')).toBeVisible();
    expect(within(step).getByRole('heading')).toHaveFocus();
    // Nothing is decided before the yes.
    expect(rosterRole(await app.services.keyring.roster(), anna.id)).toBe('facilitator');

    await app.user.click(within(step).getByRole('button', { name: 'Yes, Anna is a coordinator' }));
    await screen.findByRole('heading', { name: 'Passphrase for Anna' }, SLOW);
    expect(rosterRole(await app.services.keyring.roster(), anna.id)).toBe('coordinator');
    await app.user.type(screen.getByLabelText('Passphrase'), ANNA_PASSPHRASE);
    await app.user.type(screen.getByLabelText('Repeat the passphrase'), ANNA_PASSPHRASE);
    await app.user.click(screen.getByRole('button', { name: 'Save the passphrase' }));
    await screen.findByRole('button', { name: 'Make Anna a facilitator' }, SLOW);
    expect(await coordinatorWrapsOf(app.db, anna.id)).toHaveLength(1);
  });

  it('adds nobody as a coordinator when the confirmation is turned down', async () => {
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/staff',
    });
    await app.user.type(
      await screen.findByLabelText('Name as colleagues see it', {}, SLOW),
      'Māra',
    );
    await app.user.selectOptions(screen.getByLabelText('Role'), 'coordinator');
    await app.user.click(screen.getByRole('button', { name: 'Add and set their passphrase' }));
    const step = await screen.findByRole('region', { name: 'Give Māra the coordinator key?' });
    await app.user.click(within(step).getByRole('button', { name: 'No, go back' }));
    await screen.findByRole('heading', { name: 'Add a colleague' }, SLOW);
    expect((await app.services.repos.staff.list()).items.map((s) => s.displayName)).not.toContain(
      'Māra',
    );
  });

  it('keeps a facilitator whose own staff row says coordinator out of the coordinators’ screens', async () => {
    const app = await renderApp({
      setup: 'organisation',
      route: '/settings/staff',
      seed: async ({ repos, keyring }) => {
        await repos.staff.put(anna);
        await keyring.setPassphrase(anna.id, ANNA_PASSPHRASE);
        // What any team member can do with the team key: rewrite their own row.
        await repos.staff.put({ ...anna, role: 'coordinator' });
      },
    });
    await app.user.type(await screen.findByLabelText('Passphrase', {}, SLOW), ANNA_PASSPHRASE);
    await app.user.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByRole('heading', { level: 1, name: 'Today' }, SLOW);
    await app.router.navigate('/settings/staff');
    expect(
      await screen.findByText('Only coordinators can open this screen.', {}, SLOW),
    ).toBeVisible();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});

const DEACTIVATED_PASSPHRASE = 'anna own long passphrase';
let annaId = '';

async function seedAnna({ repos, keyring }: AppServices) {
  const anna = aStaffMember({ displayName: 'Anna', role: 'facilitator' });
  annaId = anna.id;
  await repos.staff.put(anna);
  await keyring.setPassphrase(anna.id, DEACTIVATED_PASSPHRASE);
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

  it('of a coordinator, shows the new recovery code once, with why it changed', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const maija = aStaffMember({ displayName: 'Maija', role: 'coordinator' });
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/staff',
      seed: async ({ keyring }) => {
        await keyring.addStaff(maija);
        await keyring.setPassphrase(maija.id, 'maija types her own passphrase');
      },
    });
    await app.user.click(await screen.findByRole('button', { name: 'Deactivate Maija' }, SLOW));

    expect(
      await screen.findByText(/the recovery code has changed/, {}, { timeout: 15_000 }),
    ).toBeVisible();
    const code = screen.getByTestId('recovery-code').textContent ?? '';
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    expect(await app.services.keyring.staffWithPassphrase()).not.toContain(maija.id);
    // Shown once; then the new code opens this device.
    await app.user.click(screen.getByLabelText('I have written down or printed the recovery code'));
    await app.user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('table', {}, SLOW)).toBeVisible();
    expect(screen.queryByTestId('recovery-code')).not.toBeInTheDocument();
    app.services.vault.lock();
    await app.services.keyring.unlock(code, 'recovery');
    expect(app.services.vault.teamGeneration).toBe(2);
  }, 60_000);

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

  it('names a colleague the new team key could not reach, until their passphrase is set again', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const rendered = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/staff',
      seed: async (services) => {
        await seedAnna(services);
        // Olga's passphrase was set, but she has not unlocked since: no inbox for a new key yet.
        const olga = aStaffMember({ displayName: 'Olga', role: 'facilitator' });
        await services.repos.staff.put(olga);
        await services.keyring.setPassphrase(olga.id, 'olga own long passphrase');
      },
    });
    expect(screen.queryByText(/cannot open what was written since/)).not.toBeInTheDocument();
    await rendered.user.click(await screen.findByRole('button', { name: 'Deactivate Anna' }, SLOW));
    const olgaRow = (
      await screen.findByText(/cannot open what was written since/, {}, SLOW)
    ).closest('tr');
    expect(olgaRow).toHaveTextContent('Olga');
  });

  it('shows the re-seal of older records under the new key, and when every record uses it', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/staff',
      seed: seedAnna,
    });
    await screen.findByRole('button', { name: 'Deactivate Anna' }, SLOW);
    // Before any rotation there is nothing to say.
    expect(screen.queryByTestId('reseal-progress')).not.toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Deactivate Anna' }));

    expect(
      await screen.findByText(/^Re-sealing older records with the new key/, {}, SLOW),
    ).toBeVisible();
    // The background re-seal (after-unlock.ts) runs a moment later, and the line says when it is done.
    expect(
      await screen.findByText('All records use the newest key.', {}, { timeout: 20_000 }),
    ).toBeVisible();
    const staffRows = await app.db.staff.toArray();
    expect(staffRows.map((r) => r.sealed[3])).toEqual(staffRows.map(() => 2)); // "APG" + generation 2
  }, 30_000);
});
