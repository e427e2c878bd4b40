import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCohort, aMeeting } from '../../../testing/factories';
import { renderApp, SLOW } from '../../../testing/render-app';
import { DAY_LIMIT } from '../components/month-grid';

describe('the meetings calendar', () => {
  it('folds a busy day behind "+N more", marks a cancelled meeting and opens a group from the grid', async () => {
    const cohorts = Array.from({ length: DAY_LIMIT + 2 }, (_, i) =>
      aCohort(`Group ${i + 1}`, { startTime: `${10 + i}:00` }),
    );
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/cohorts/calendar',
      seed: async ({ repos }) => {
        await repos.cohorts.bulkPut(cohorts);
        await repos.meetings.bulkPut(
          cohorts.map((c, i) => aMeeting(c, i === 0 ? { status: 'cancelled' } : {})),
        );
      },
    });

    await screen.findByRole('table', { name: /^Meetings in / }, SLOW);
    const today = document.querySelector<HTMLElement>('td[aria-current="date"]')!;
    expect(within(today).getAllByRole('link')).toHaveLength(DAY_LIMIT);
    expect(within(today).getByRole('link', { name: /10:00 Group 1/ })).toHaveTextContent(
      '(cancelled)',
    );
    await app.user.click(within(today).getByRole('button', { name: '+2 more' }));
    expect(within(today).getAllByRole('link')).toHaveLength(DAY_LIMIT + 2);
    expect(within(today).getByRole('button', { name: 'Show fewer' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );

    await app.user.click(within(today).getByRole('link', { name: /17:00 Group 8/ }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Group 8' }, SLOW),
    ).toBeInTheDocument();
    expect(app.router.state.location.pathname).toBe(`/cohorts/${cohorts[7]!.id}`);
  });

  it('keeps only the chosen place and writes the filter into the URL', async () => {
    const north = aCohort('North group', { place: 'North centre' });
    const south = aCohort('South group', { place: 'South centre' });
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/cohorts/calendar',
      seed: async ({ repos }) => {
        await repos.cohorts.bulkPut([north, south]);
        await repos.meetings.bulkPut([aMeeting(north), aMeeting(south)]);
      },
    });

    const grid = await screen.findByRole('table', { name: /^Meetings in / }, SLOW);
    expect(within(grid).getByRole('link', { name: /South group/ })).toBeInTheDocument();
    await app.user.selectOptions(screen.getByLabelText('Place'), 'North centre');
    expect(within(grid).queryByRole('link', { name: /South group/ })).not.toBeInTheDocument();
    expect(within(grid).getByRole('link', { name: /North group/ })).toBeInTheDocument();
    expect(app.router.state.location.search).toBe('?place=North+centre');
  });
});
