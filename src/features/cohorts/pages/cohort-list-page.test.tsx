import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCohort } from '../../../testing/factories';
import { renderApp, SLOW } from '../../../testing/render-app';

describe('the groups list', () => {
  it('shows the first 48 groups of many, and all of them on request', async () => {
    const cohorts = Array.from({ length: 60 }, (_, i) =>
      aCohort(`Group ${String(i + 1).padStart(2, '0')}`),
    );
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/cohorts',
      seed: async ({ repos }) => {
        await repos.cohorts.bulkPut(cohorts);
      },
    });
    expect(await screen.findByRole('link', { name: 'Group 01' }, SLOW)).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /^Group \d\d$/ })).toHaveLength(48);
    expect(screen.queryByRole('link', { name: 'Group 49' })).not.toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Show all 60 groups' }));
    expect(screen.getAllByRole('link', { name: /^Group \d\d$/ })).toHaveLength(60);
    expect(screen.getByRole('link', { name: 'Group 60' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Show all/ })).not.toBeInTheDocument();
  });
});
