import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, SLOW, TEST_COORDINATOR, TEST_ORGANISATION } from '../testing/render-app';

const mainNav = () => screen.getByRole('navigation', { name: 'Main sections' });

describe('the app shell', () => {
  it('locks with the Lock button and leaves no decrypted names on screen', async () => {
    const app = await renderApp({ setup: 'demo', unlocked: true });
    const header = await screen.findByRole('banner', {}, SLOW);
    await within(header).findByText('Ieva (demo coordinator)', {}, SLOW);
    // Today lists the demo groups by name (decrypted from the database).
    await screen.findAllByText(/Lotus — Riga, autumn/, {}, SLOW);

    await app.user.click(within(header).getByRole('button', { name: 'Lock' }));

    expect(await screen.findByRole('heading', { name: 'Aplis is locked' })).toBeInTheDocument();
    expect(app.services.vault.isUnlocked).toBe(false);
    const onScreen = document.body.textContent ?? '';
    for (const name of [
      'Ieva (demo coordinator)',
      'Demo centre “Solstice”',
      'Lotus — Riga, autumn',
      'Young men’s support group',
    ]) {
      expect(onScreen, `"${name}" still on the locked screen`).not.toContain(name);
    }
  });

  it('switches the whole interface to Latvian', async () => {
    const app = await renderApp({ setup: 'organisation', unlocked: true, language: 'en' });
    await screen.findByRole('navigation', { name: 'Main sections' }, SLOW);
    expect(within(mainNav()).getByRole('link', { name: 'Programmes' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');

    // The language menu names each language in its own script, not a code.
    const languages = screen.getByRole('combobox', { name: 'Language' });
    expect(
      within(languages)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Latviešu', 'English', 'Русский', 'Українська']);
    await app.user.selectOptions(languages, 'Latviešu');

    const nav = await screen.findByRole('navigation', { name: 'Galvenās sadaļas' }, SLOW);
    expect(within(nav).getByRole('link', { name: 'Programmas' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Programmes' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Aizslēgt' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Valoda' })).toHaveValue('lv');
    expect(document.documentElement.lang).toBe('lv');
    expect(
      localStorage.getItem('aplis.language'),
      'the choice remembered for the locked screens',
    ).toBe('lv');
  });

  it('shows the coordinator and organisation in the header', async () => {
    await renderApp({ setup: 'organisation', unlocked: true });
    const header = await screen.findByRole('banner', {}, SLOW);
    expect(await within(header).findByText(TEST_COORDINATOR)).toBeInTheDocument();
    expect(await within(header).findByText(TEST_ORGANISATION)).toBeInTheDocument();
    expect(within(header).getByText(/coordinator/)).toBeInTheDocument();
  });

  it('shows "Page not found" for an address that does not exist', async () => {
    await renderApp({ setup: 'organisation', unlocked: true, route: '/no-such-page' });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }, SLOW),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to Today' })).toHaveAttribute('href', '/');
    await waitFor(() => expect(document.title).toBe('Page not found · Aplis'));
  });

  it('moves between sections with the navigation links', async () => {
    const app = await renderApp({ setup: 'organisation', unlocked: true });
    await screen.findByRole('heading', { level: 1, name: 'Today' }, SLOW);

    await app.user.click(within(mainNav()).getByRole('link', { name: 'Programmes' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Programmes' }, SLOW),
    ).toBeInTheDocument();
    expect(within(mainNav()).getByRole('link', { name: 'Programmes' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(app.router.state.location.pathname).toBe('/programmes');
  });

  it('shows nothing of the app to a locked device, whatever the address', async () => {
    await renderApp({ setup: 'organisation', route: '/programmes' });

    expect(
      await screen.findByRole('heading', { name: 'Aplis is locked' }, SLOW),
    ).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main sections' })).not.toBeInTheDocument();
    expect(screen.queryByText(TEST_ORGANISATION)).not.toBeInTheDocument();
  });
});
