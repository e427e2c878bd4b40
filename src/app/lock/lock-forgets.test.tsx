import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderApp, SLOW } from '../../testing/render-app';

/** Everything the query cache holds, as one string. */
function cacheText(app: Awaited<ReturnType<typeof renderApp>>): string {
  return JSON.stringify(
    app.queryClient
      .getQueryCache()
      .getAll()
      .map((q) => q.state.data),
  );
}

describe('locking', () => {
  it('leaves no decrypted record in the query cache', async () => {
    const app = await renderApp({ setup: 'demo', unlocked: true, route: '/participants' });
    const participants = await app.services.repos.participants.list();
    const name = participants.items[0]!.chosenName;
    await screen.findByText(new RegExp(name), undefined, SLOW);
    expect(cacheText(app)).toContain(name);

    await app.user.click(screen.getByRole('button', { name: 'Lock' }));
    await screen.findByLabelText('Passphrase', undefined, SLOW);
    const after = cacheText(app);
    for (const p of participants.items) expect(after).not.toContain(p.chosenName);
    expect(after).not.toContain('Lotus — Rīga');
  });

  it('forgets what was typed into writes (the mutation cache) as well', async () => {
    const app = await renderApp({ setup: 'demo', unlocked: true, route: '/participants' });
    await screen.findByRole('heading', { level: 1 }, SLOW);
    const typed = 'Words typed into a concern QX-7731';
    await app.queryClient
      .getMutationCache()
      .build(app.queryClient, { mutationFn: (text: string) => Promise.resolve(text) })
      .execute(typed);
    expect(
      JSON.stringify(
        app.queryClient
          .getMutationCache()
          .getAll()
          .map((m) => m.state),
      ),
    ).toContain(typed);

    await app.user.click(screen.getByRole('button', { name: 'Lock' }));
    await screen.findByLabelText('Passphrase', undefined, SLOW);
    expect(
      JSON.stringify(
        app.queryClient
          .getMutationCache()
          .getAll()
          .map((m) => m.state),
      ),
    ).not.toContain(typed);
  });

  it('locks and starts again when the page comes back from the back/forward cache', async () => {
    const app = await renderApp({ setup: 'demo', unlocked: true, route: '/participants' });
    await screen.findByRole('heading', { level: 1 }, SLOW);
    const reload = vi.fn();
    const original = window.location;
    Object.defineProperty(window, 'location', {
      configurable: true,
      value: { ...original, reload },
    });
    try {
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
      expect(app.services.vault.isUnlocked).toBe(true);
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      expect(app.services.vault.isUnlocked).toBe(false);
      expect(reload).toHaveBeenCalledOnce();
    } finally {
      Object.defineProperty(window, 'location', { configurable: true, value: original });
    }
  });
});
