import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Participant } from '../../../domain/participant';
import { aCohort, aParticipant } from '../../../testing/factories';
import { countReads } from '../../../testing/read-counter';
import { renderApp, SLOW, type RenderAppOptions } from '../../../testing/render-app';
import { PARTICIPANT_ORDER_KEY } from '../../../db/participant-order';
import { PARTICIPANT_PAGE } from './participant-list-page';

const COUNT = 2 * PARTICIPANT_PAGE + 7; // three pages: 50, 50, 7

/** The i-th person: code L25-001, L25-002, … (the list's order) and "Name 1", "Name 2", …. */
function person(i: number, overrides: Partial<Participant> = {}): Participant {
  return aParticipant({
    code: `L25-${String(i + 1).padStart(3, '0')}`,
    chosenName: `Name ${i + 1}`,
    gender: 'unspecified',
    ...overrides,
  });
}

/** The list page, unlocked, with these people and a "Birch group" holding `member`. */
async function renderList(
  people: Participant[],
  member: Participant,
  options: Pick<RenderAppOptions, 'adjust'> = {},
) {
  const birch = aCohort('Birch group', { participantIds: [member.id] });
  const app = await renderApp({
    setup: 'organisation',
    unlocked: true,
    route: '/participants',
    seed: async ({ repos }) => {
      await repos.participants.bulkPut(people);
      await repos.cohorts.put(birch);
    },
    ...options,
  });
  return { app, birch };
}

describe('the participants list', () => {
  it('shows the first rows, finds anyone by code, name or group, and shows more on request', async () => {
    const people = Array.from({ length: COUNT }, (_, i) =>
      person(i, i === COUNT - 1 ? { chosenName: 'Žane' } : {}),
    );
    const reads = countReads(['participants']);
    const { app } = await renderList(people, people[COUNT - 2]!, { adjust: reads.adjust });

    const table = await screen.findByRole('table', { name: 'Participants' }, SLOW);
    const rows = () => within(table).getAllByRole('row').slice(1); // without the header row
    // The row count is announced, and only the first page is in the table.
    expect(screen.getByRole('status')).toHaveTextContent(
      `Showing ${PARTICIPANT_PAGE} of ${COUNT} participants`,
    );
    expect(rows()).toHaveLength(PARTICIPANT_PAGE);
    expect(within(table).queryByText('Žane')).not.toBeInTheDocument();

    // The search goes through everyone, shown or not: by name without its accent…
    const search = screen.getByRole('searchbox', { name: 'Find a participant' });
    await app.user.type(search, 'zane');
    expect(await within(table).findByText('Žane')).toBeInTheDocument();
    expect(rows()).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent('Showing 1 of 1 participant');
    // …by group, and by code.
    await app.user.clear(search);
    await app.user.type(search, 'birch');
    expect(await within(table).findByText(people[COUNT - 2]!.code)).toBeInTheDocument();
    expect(rows()).toHaveLength(1);
    await app.user.clear(search);
    await app.user.type(search, 'L25-051');
    expect(await within(table).findByText('L25-051')).toBeInTheDocument();
    expect(rows()).toHaveLength(1);
    await app.user.clear(search);
    await app.user.type(search, 'nobody like this');
    expect(await screen.findByText('No participant matches this search.')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Participants' })).not.toBeInTheDocument();

    // Show more adds the next page and takes focus to its first row.
    await app.user.clear(search);
    const more = await screen.findByRole('button', { name: `Show ${PARTICIPANT_PAGE} more` });
    await app.user.click(more);
    const grown = screen.getByRole('table', { name: 'Participants' });
    expect(within(grown).getAllByRole('row')).toHaveLength(2 * PARTICIPANT_PAGE + 1);
    expect(document.activeElement).toHaveTextContent(`L25-0${PARTICIPANT_PAGE + 1}`);
    await app.user.click(screen.getByRole('button', { name: 'Show 7 more' }));
    expect(within(grown).getAllByRole('row')).toHaveLength(COUNT + 1);
    expect(screen.queryByRole('button', { name: /^Show \d+ more$/ })).not.toBeInTheDocument();
    // The button is gone; focus is on the first added row, not lost.
    expect(document.activeElement).toHaveTextContent(`L25-${2 * PARTICIPANT_PAGE + 1}`);

    // Everyone was unsealed once, for the first page, the search and the
    // further pages alike.
    expect(reads.count.calls.filter((c) => c === 'participants.list')).toHaveLength(1);
    expect(reads.count.opened.participants).toBe(COUNT);
  });

  it('opens the first page as it last stood, then puts in a person added or renamed elsewhere', async () => {
    const people = Array.from({ length: COUNT }, (_, i) => person(i));
    const { app } = await renderList(people, people[1]!);
    const status = () => screen.getByRole('status');
    await waitFor(() =>
      expect(status()).toHaveTextContent(`Showing ${PARTICIPANT_PAGE} of ${COUNT} participants`),
    );

    // Another device's changes arrive (sync, a merged backup): a renamed person
    // and a newcomer whose code sorts first. The next visit starts afresh.
    await app.router.navigate('/');
    await waitFor(
      () => expect(screen.queryByRole('table', { name: 'Participants' })).not.toBeInTheDocument(),
      SLOW,
    );
    const { repos } = app.services;
    await repos.participants.put({ ...people[0]!, chosenName: 'Renamed elsewhere' });
    const newcomer = person(-1, { code: 'L25-000', chosenName: 'Newcomer' });
    await repos.participants.put(newcomer);
    // Everyone's read (the full list) is held back until released.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const list = repos.participants.list.bind(repos.participants);
    repos.participants.list = async () => {
      await held;
      return list();
    };
    app.queryClient.removeQueries({ queryKey: ['participants'] });
    await app.router.navigate('/participants');

    // The first page shows before everyone is read: fresh names, the group, the new count.
    const table = await screen.findByRole('table', { name: 'Participants' }, SLOW);
    const rows = () => within(table).getAllByRole('row').slice(1);
    expect(rows()).toHaveLength(PARTICIPANT_PAGE);
    expect(rows()[0]).toHaveTextContent('L25-001');
    expect(rows()[0]).toHaveTextContent('Renamed elsewhere');
    expect(rows()[1]).toHaveTextContent('Birch group');
    expect(status()).toHaveTextContent(`Showing ${PARTICIPANT_PAGE} of ${COUNT + 1} participants`);
    expect(within(table).queryByText('Newcomer')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Show \d+ more$/ })).not.toBeInTheDocument();

    // The full read puts the newcomer in their place, and paging comes back.
    release();
    await waitFor(() => expect(rows()[0]).toHaveTextContent('Newcomer'), SLOW);
    expect(rows()[1]).toHaveTextContent('Renamed elsewhere');
    expect(rows()).toHaveLength(PARTICIPANT_PAGE);
    expect(screen.getByRole('button', { name: `Show ${PARTICIPANT_PAGE} more` })).toBeVisible();
  });

  it("keeps the first page's order sealed: no participant id, code or group readable at rest", async () => {
    const people = Array.from({ length: 3 }, (_, i) => person(i));
    const { app, birch } = await renderList(people, people[0]!);
    await screen.findByRole('table', { name: 'Participants' }, SLOW);
    const stored = await waitFor(async () => {
      const row = await app.db.meta.get(PARTICIPANT_ORDER_KEY);
      expect(row).toBeDefined();
      return row!.value;
    });
    expect(stored).toBeInstanceOf(Uint8Array);
    const text = new TextDecoder('latin1').decode(stored as Uint8Array);
    for (const secret of [people[0]!.id, people[1]!.id, birch.id, people[0]!.code])
      expect(text).not.toContain(secret);
  });
});
