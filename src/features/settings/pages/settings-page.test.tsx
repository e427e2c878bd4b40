import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { auditEntry, type AuditAction } from '../../../domain/audit';
import { formatDate } from '../../../i18n/format';
import type { AppServices } from '../../../services/services';
import { aStaffMember } from '../../../testing/factories';
import { renderApp, SLOW } from '../../../testing/render-app';

describe('the settings page', () => {
  it('tells a brand-new device only that no backup was made, not that the last one is old', async () => {
    await renderApp({ setup: 'organisation', unlocked: true, route: '/settings' });
    expect(
      await screen.findByText('No backup has been made on this device yet.', {}, SLOW),
    ).toBeVisible();
    expect(screen.getByText('Please make one now.')).toBeVisible();
    expect(screen.queryByText(/since the last backup/)).not.toBeInTheDocument();
  });

  it('gives the screening validity its own section for a coordinator, not inside the audit log', async () => {
    const app = await renderApp({ setup: 'organisation', unlocked: true, route: '/settings' });
    expect(
      await screen.findByRole('form', { name: 'Screening settings' }, SLOW),
    ).toBeInTheDocument();
    await app.router.navigate('/settings/audit');
    await screen.findByRole('heading', { level: 1, name: 'Audit log' }, SLOW);
    expect(screen.queryByRole('form', { name: 'Screening settings' })).not.toBeInTheDocument();
  });

  it('shows "Wipe demo data" to coordinators only', async () => {
    const app = await renderApp({
      setup: 'demo',
      route: '/settings',
      seed: async ({ repos, keyring }) => {
        const facilitator = aStaffMember({ displayName: 'Anna', role: 'facilitator' });
        await repos.staff.put(facilitator);
        await keyring.setPassphrase(facilitator.id, 'facilitator own passphrase');
      },
    });
    await app.user.type(
      await screen.findByLabelText('Passphrase', {}, SLOW),
      'facilitator own passphrase',
    );
    await app.user.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByRole('heading', { level: 1, name: 'Settings' }, SLOW);
    await screen.findByText('Anna', {}, SLOW);
    expect(screen.queryByRole('button', { name: 'Wipe demo data' })).not.toBeInTheDocument();
  });

  describe('the audit log line', () => {
    const actions: AuditAction[] = ['referral-created', 'screening-created', 'enrolled'];
    const ids: string[] = [];
    const seed = async ({ repos, vault }: AppServices) => {
      ids.length = 0;
      for (const [i, action] of actions.entries()) {
        const entry = auditEntry(
          { actorId: vault.session!.staffId, action, subject: { table: 'cohorts', id: 'c1' } },
          new Date(Date.UTC(2026, 2, 2 + i, 10)),
        );
        await repos.audit.put(entry);
        ids.push(entry.id);
      }
    };

    it('says the audit log is intact', async () => {
      await renderApp({ setup: 'organisation', unlocked: true, route: '/settings', seed });
      expect(
        await screen.findByText(
          'Audit log intact: every entry is in its place and unchanged.',
          {},
          SLOW,
        ),
      ).toBeVisible();
    });

    it('names the entry after which one was deleted straight from the database', async () => {
      const app = await renderApp({ setup: 'organisation', unlocked: true, route: '/', seed });
      await app.db.audit.delete(ids[1]!);
      await app.router.navigate('/settings');
      expect(await screen.findByText('The audit log is not intact', {}, SLOW)).toBeVisible();
      const date = formatDate(new Date(Date.UTC(2026, 2, 2, 10)), 'en');
      expect(
        screen.getByText(
          (text) =>
            text.startsWith(`An entry is missing after the one of ${date}`) &&
            text.endsWith('(Referral recorded).'),
        ),
      ).toBeVisible();
      expect(screen.queryByText(/Audit log intact/)).not.toBeInTheDocument();
    });
  });
});
