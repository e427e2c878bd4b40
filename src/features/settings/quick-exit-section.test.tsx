import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QUICK_EXIT_KEY } from '../../session/quick-exit-target';
import { renderApp, SLOW } from '../../testing/render-app';

describe('the quick exit setting', () => {
  it('refuses an address that is not a web address, keeps the old choice, then saves a good one', async () => {
    const app = await renderApp({ setup: 'organisation', unlocked: true, route: '/settings' });
    const section = await screen.findByRole('region', { name: 'Quick exit' }, SLOW);
    expect(within(section).getByRole('radio', { name: /A pancake recipe page/ })).toBeChecked();

    await app.user.click(within(section).getByRole('radio', { name: 'A website you choose' }));
    const address = within(section).getByRole('textbox', { name: 'Web address' });
    await app.user.type(address, 'www.google.com');
    await app.user.click(within(section).getByRole('button', { name: 'Save quick exit' }));
    expect(within(section).getByRole('alert')).toHaveTextContent('starts with https://');
    expect(await app.db.meta.get(QUICK_EXIT_KEY)).toBeUndefined();
    // What was typed is still there to correct.
    expect(address).toHaveValue('www.google.com');

    await app.user.clear(address);
    await app.user.type(address, 'https://www.google.com');
    await app.user.click(within(section).getByRole('button', { name: 'Save quick exit' }));
    expect(await within(section).findByText(/^Saved\./)).toBeInTheDocument();
    expect((await app.db.meta.get(QUICK_EXIT_KEY))?.value).toEqual({
      kind: 'address',
      url: 'https://www.google.com',
    });
  });
});
