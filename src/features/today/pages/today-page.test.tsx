import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, SLOW } from '../../../testing/render-app';

describe('Today', () => {
  it('counts the follow-ups a fresh demo has, the same as the list shows, before the list is opened', async () => {
    const app = await renderApp({ setup: 'demo', unlocked: true });
    // The demo's absences (young people with missing episodes) are follow-ups from the start.
    const link = await screen.findByRole(
      'link',
      { name: /^Follow-ups: [1-9]\d* not closed$/ },
      { timeout: 20_000 },
    );
    const shown = Number(/(\d+)/.exec(link.textContent ?? '')![1]);
    const stored = (await app.services.repos.followUps.list()).items.filter(
      (f) => f.status !== 'closed',
    );
    expect(shown).toBe(stored.length);

    await app.user.click(link);
    // The list's open and in-progress tabs add up to what Today counted.
    const open = stored.filter((f) => f.status === 'open').length;
    expect(
      await screen.findByRole('button', { name: `Open (${open})` }, SLOW),
      'the list holds what Today counted',
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: `In progress (${shown - open})` }),
    ).toBeInTheDocument();
  });

  it('has one "Today" heading: the page title', async () => {
    await renderApp({ setup: 'demo', unlocked: true });
    await screen.findByRole('heading', { level: 1, name: 'Today' }, SLOW);
    expect(screen.getAllByRole('heading', { name: 'Today' })).toHaveLength(1);
  });
});
