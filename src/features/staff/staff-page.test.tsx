import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rosterRole } from '../../db/keyring-store';
import type { AppServices } from '../../services/services';
import { aStaffMember } from '../../testing/factories';
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
