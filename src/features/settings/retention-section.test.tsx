import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../domain/meeting';
import { aCohort } from '../../testing/factories';
import { renderApp, SLOW } from '../../testing/render-app';

describe('the retention review', () => {
  it('offers a group finished over a year ago for deletion and deletes it only when confirmed', async () => {
    const old = aCohort('Autumn 2024', { status: 'finished', firstDate: '2024-09-05' });
    const running = aCohort('Running now');
    const meeting: Meeting = {
      id: crypto.randomUUID(),
      cohortId: old.id,
      number: 1,
      planId: 'lotus-w01',
      date: '2024-11-14',
      startTime: '16:00',
      durationMinutes: 90,
      status: 'held',
    };
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings',
      seed: async ({ repos }) => {
        await repos.cohorts.bulkPut([old, running]);
        await repos.meetings.put(meeting);
      },
    });

    const section = await screen.findByRole(
      'region',
      { name: 'Keeping and deleting records' },
      SLOW,
    );
    expect(await within(section).findByText('Autumn 2024', undefined, SLOW)).toBeInTheDocument();
    expect(within(section).queryByText('Running now')).not.toBeInTheDocument();
    await app.user.click(
      within(section).getByRole('button', { name: 'Delete the records of Autumn 2024…' }),
    );
    await app.user.click(within(section).getByRole('button', { name: 'Keep them' }));
    expect(await app.services.repos.cohorts.get(old.id)).toBeDefined();

    await app.user.click(
      within(section).getByRole('button', { name: 'Delete the records of Autumn 2024…' }),
    );
    await app.user.click(within(section).getByRole('button', { name: 'Delete for good' }));
    expect(
      await within(section).findByText(
        /Autumn 2024 was deleted, with 0 young people/,
        undefined,
        SLOW,
      ),
    ).toBeInTheDocument();
    expect(await app.services.repos.cohorts.get(old.id)).toBeUndefined();
    expect(await app.db.meetings.count()).toBe(0);
    expect(within(section).getByText('No finished group is due for review.')).toBeInTheDocument();
  });
});
