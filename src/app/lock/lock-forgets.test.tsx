import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
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
});
