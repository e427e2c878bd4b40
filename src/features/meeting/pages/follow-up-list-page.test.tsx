import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { newFollowUp } from '../../../domain/follow-up';
import { renderApp, SLOW } from '../../../testing/render-app';

describe('the follow-up list', () => {
  it('records on the audit log who changed an item’s owner and due date (ids only)', async () => {
    const followUp = newFollowUp(
      { kind: 'absence-run', absences: 2, participantId: crypto.randomUUID() },
      '2026-11-23',
    );
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/follow-ups',
      seed: async ({ repos }) => {
        await repos.followUps.put(followUp);
      },
    });
    const owner = await screen.findByRole('combobox', { name: 'Owner' }, SLOW);
    const card = owner.closest('li')!;
    await app.user.selectOptions(owner, within(card).getByRole('option', { name: 'Ilze Testa' }));

    const staffId = app.services.vault.session!.staffId;
    await expect
      .poll(async () => (await app.services.repos.followUps.get(followUp.id))?.ownerId)
      .toBe(staffId);
    const entries = (await app.services.repos.audit.list()).items;
    expect(entries.filter((e) => e.action === 'follow-up-reassigned')).toEqual([
      expect.objectContaining({
        actorId: staffId,
        subject: { table: 'followUps', id: followUp.id },
        related: { ownerId: staffId },
      }),
    ]);
  });
});
