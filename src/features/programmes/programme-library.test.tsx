import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomProgramme } from '../../testing/factories';
import { renderApp, SLOW } from '../../testing/render-app';

const LOTUS = 'Lotus: healthy relationships';
const PEER = 'Peer support group';

/** The library card whose heading is `title`. */
async function card(title: string) {
  const heading = await screen.findByRole('heading', { level: 3, name: title }, SLOW);
  return heading.closest('li')!;
}

describe('the programme library', () => {
  it('lists Lotus and the peer-support programme as read-only programmes that come with Aplis', async () => {
    await renderApp({ setup: 'organisation', unlocked: true, route: '/programmes' });

    const lotus = await card(LOTUS);
    const peer = await card(PEER);
    expect(within(lotus).getByText('10 meetings')).toBeInTheDocument();
    expect(within(lotus).getByText('90 minutes per meeting')).toBeInTheDocument();
    expect(within(lotus).getByText('Read-only')).toBeInTheDocument();
    expect(within(peer).getByText('Read-only')).toBeInTheDocument();
    expect(within(lotus).queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
    expect(
      screen.getByText('None yet. Duplicate a programme to adapt it for your groups.'),
    ).toBeInTheDocument();
  });

  it('shows the shipped programmes in Latvian when the interface is Latvian', async () => {
    await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/programmes',
      language: 'lv',
    });

    expect(await card('Lotus: veselīgas attiecības')).toHaveTextContent('10 tikšanās reizes');
    expect(await card('Vienaudžu atbalsta grupa')).toBeInTheDocument();
  });

  it('lists the organisation’s own copies with an Edit link and their language', async () => {
    const own = aCustomProgramme({ title: 'Lotus for Valmiera', language: 'lv' });
    await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/programmes',
      seed: async ({ repos }) => void (await repos.programmes.put(own)),
    });

    const copy = await card('Lotus for Valmiera');
    expect(within(copy).getByText(/Your copy · Latviešu/)).toBeInTheDocument();
    expect(await within(copy).findByRole('link', { name: 'Edit' })).toHaveAttribute(
      'href',
      `/programmes/${own.id}/edit`,
    );
    expect(
      screen.queryByText('None yet. Duplicate a programme to adapt it for your groups.'),
    ).not.toBeInTheDocument();
  });

  it('shows a shipped programme without an Edit button, with the read-only note', async () => {
    await renderApp({ setup: 'organisation', unlocked: true, route: '/programmes/lotus' });

    expect(await screen.findByRole('heading', { level: 1, name: LOTUS }, SLOW)).toBeInTheDocument();
    expect(
      screen.getByText(
        /This programme comes with Aplis and cannot be changed\. Duplicate it to make a version/,
      ),
    ).toBeInTheDocument();
    // The Duplicate button shows once the coordinator is known: wait for it before checking for Edit.
    expect(await screen.findByRole('button', { name: 'Duplicate' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
    const meetings = screen.getAllByRole('link', { name: /^Meeting \d+/ });
    expect(meetings).toHaveLength(10);
  });

  it('refuses to open the editor for a shipped programme', async () => {
    await renderApp({ setup: 'organisation', unlocked: true, route: '/programmes/lotus/edit' });

    expect(
      await screen.findByText(
        'Programmes that come with Aplis cannot be edited. Duplicate it first.',
        {},
        SLOW,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Topic')).not.toBeInTheDocument();
  });

  it('duplicates a shipped programme as "… (copy)" and opens it in the editor', async () => {
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/programmes/lotus',
    });

    await app.user.click(await screen.findByRole('button', { name: 'Duplicate' }, SLOW));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Edit programme' }, SLOW),
    ).toBeInTheDocument();
    // (A by-label query over the ten-meeting editor is very slow in jsdom; the value is what matters.)
    expect(screen.getByDisplayValue(`${LOTUS} (copy)`)).toBeInTheDocument();
    const id = app.router.state.location.pathname.match(/^\/programmes\/([^/]+)\/edit$/)?.[1];
    expect(id, 'the editor address').toBeDefined();
    const saved = await app.services.repos.programmes.get(id!);
    expect(saved).toMatchObject({
      title: `${LOTUS} (copy)`,
      kind: 'custom',
      basedOn: 'lotus',
      language: 'en',
    });
    expect(saved?.meetings).toHaveLength(10);
  });

  it('duplicates from the library card', async () => {
    const app = await renderApp({ setup: 'organisation', unlocked: true, route: '/programmes' });
    const peer = await card(PEER);

    await app.user.click(await within(peer).findByRole('button', { name: 'Duplicate' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Edit programme' }, SLOW),
    ).toBeInTheDocument();
    await waitFor(async () => {
      const { items } = await app.services.repos.programmes.list();
      expect(items.map((p) => p.title)).toEqual([`${PEER} (copy)`]);
    });
  });

  it('shows a meeting plan with its content caution first', async () => {
    await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/programmes/lotus/meetings/lotus-w03',
    });

    expect(
      await screen.findByRole('heading', { level: 1, name: /^Meeting 3: / }, SLOW),
    ).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('Content caution');
    expect(screen.getByText('Activities add up to 90 of 90 minutes.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Meeting 2/ })).toHaveAttribute(
      'href',
      '/programmes/lotus/meetings/lotus-w02',
    );
    expect(screen.getByRole('link', { name: /Meeting 4/ })).toHaveAttribute(
      'href',
      '/programmes/lotus/meetings/lotus-w04',
    );
  });

  it('shows "Page not found" for a programme that does not exist', async () => {
    await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/programmes/no-such-programme',
    });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }, SLOW),
    ).toBeInTheDocument();
  });
});
