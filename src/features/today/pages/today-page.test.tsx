import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addDays, todayInRiga } from '../../../domain/calendar-date';
import { aCohort, aMeeting } from '../../../testing/factories';
import { countReads } from '../../../testing/read-counter';
import { renderApp, SLOW } from '../../../testing/render-app';
import { WEEK_FIRST } from './today-page';

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

  it("shows today's and the week's meetings, opening only the groups that meet in them", async () => {
    const today = todayInRiga();
    const birch = aCohort('Birch group');
    const oak = aCohort('Oak group');
    // Groups that do not meet this week (a big organisation's past years): never opened.
    const past = Array.from({ length: 5 }, (_, i) =>
      aCohort(`Past group ${i + 1}`, { status: 'finished' }),
    );
    const reads = countReads(['cohorts']);
    await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/',
      seed: async ({ repos }) => {
        for (const cohort of [birch, oak, ...past]) await repos.cohorts.put(cohort);
        await repos.meetings.bulkPut([
          aMeeting(birch),
          aMeeting(oak, { date: addDays(today, 3) }),
          ...past.map((c) => aMeeting(c, { date: addDays(today, -30) })),
        ]);
      },
      adjust: reads.adjust,
    });
    expect(await screen.findByRole('link', { name: /^Birch group/ }, SLOW)).toBeInTheDocument();
    // What the meetings' read opened (the absence rules, after the paint, read groups too).
    expect(reads.count.calls).toEqual(['cohorts.getMany']);
    expect(reads.count.opened.cohorts).toBe(2);
    expect(await screen.findByRole('link', { name: /^Oak group/ }, SLOW)).toBeInTheDocument();
    expect(screen.queryByText(/Past group/)).not.toBeInTheDocument();
  });

  it("shows the week's first meetings, and all of them on request with focus on the first added", async () => {
    const today = todayInRiga();
    const count = WEEK_FIRST + 6;
    const groups = Array.from({ length: count }, (_, i) =>
      aCohort(`Group ${String(i + 1).padStart(2, '0')}`),
    );
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/',
      seed: async ({ repos }) => {
        await repos.cohorts.bulkPut(groups);
        // One a day over the next six days, in the groups' order.
        await repos.meetings.bulkPut(
          groups.map((g, i) =>
            aMeeting(g, { date: addDays(today, 1 + Math.floor((i * 6) / count)) }),
          ),
        );
      },
    });
    const more = await screen.findByRole('button', { name: `Show all ${count} meetings` }, SLOW);
    const meetingLinks = () => screen.getAllByRole('link', { name: /^Group \d+ — meeting 1$/ });
    expect(meetingLinks()).toHaveLength(WEEK_FIRST);

    await app.user.click(more);
    expect(meetingLinks()).toHaveLength(count);
    expect(screen.queryByRole('button', { name: /^Show all/ })).not.toBeInTheDocument();
    expect(document.activeElement).toBe(meetingLinks()[WEEK_FIRST]);
  });
});
