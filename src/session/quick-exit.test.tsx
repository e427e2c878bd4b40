import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, SLOW } from '../testing/render-app';

// jsdom cannot navigate: what can be checked is that the screen is blanked
// and the vault locked before the tab is sent to the neutral page.
afterEach(() => {
  document.body.style.display = '';
});

async function openApp() {
  const app = await renderApp({ setup: 'organisation', unlocked: true });
  await screen.findByRole('navigation', { name: 'Main sections' }, SLOW);
  return app;
}

describe('quick exit', () => {
  it('blanks the screen and locks when Shift is pressed three times', async () => {
    const app = await openApp();
    await app.user.keyboard('{Shift}{Shift}{Shift}');
    expect(document.body.style.display).toBe('none');
    expect(app.services.vault.isUnlocked).toBe(false);
  });

  it('is not set off by typing capitals (another key between the Shifts)', async () => {
    const app = await openApp();
    await app.user.keyboard('{Shift}a{Shift}b{Shift}');
    expect(document.body.style.display).toBe('');
    expect(app.services.vault.isUnlocked).toBe(true);
  });

  it('does the same from the button in the header', async () => {
    const app = await openApp();
    await app.user.click(
      within(screen.getByRole('banner')).getByRole('button', { name: 'Quick exit' }),
    );
    expect(document.body.style.display).toBe('none');
    expect(app.services.vault.isUnlocked).toBe(false);
  });
});
