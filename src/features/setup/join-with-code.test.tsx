import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { deferred, fakeSync, syncFailure } from '../../testing/fake-sync';
import { renderApp, SLOW } from '../../testing/render-app';
import { TEST_PASSPHRASE } from '../../testing/vault-fixture';

const CODE = 'APLIS1-7Q2XK-M4PRT-9WZ3B-HC8NV';

async function openJoin(app: Awaited<ReturnType<typeof renderApp>>) {
  await app.user.click(await screen.findByRole('button', { name: 'Join with a code' }, SLOW));
  await screen.findByRole('heading', { level: 1, name: 'Join your organisation with a code' });
}

describe('joining an organisation with a code on a new device', () => {
  it('keeps the typed code and says plainly why an expired, used or unreadable code was not taken', async () => {
    const sync = fakeSync();
    const app = await renderApp({ setup: 'none', sync });
    await openJoin(app);
    const field = screen.getByLabelText('Join code');
    await app.user.click(field);
    await app.user.paste(CODE);

    const cases = [
      ['code-expired', 'This join code has expired.', 'Ask a coordinator for a new one.'],
      ['code-used', 'This join code has already been used.', 'Each code is for one device.'],
      ['code-invalid', 'Aplis cannot read this join code.', 'scan the QR code again'],
      ['unreachable', 'The server cannot be reached right now.', 'Changes wait safely'],
    ] as const;
    for (const [problem, title, action] of cases) {
      sync.join.mockRejectedValueOnce(syncFailure(problem));
      await app.user.click(screen.getByRole('button', { name: 'Join' }));
      const alert = await screen.findByRole('alert');
      expect(alert, problem).toHaveTextContent(title);
      expect(alert, problem).toHaveTextContent(action);
      expect(field, `after ${problem}`).toHaveValue(CODE);
    }
    expect(sync.join).toHaveBeenLastCalledWith(CODE);
  });

  it('asks for the code when the field is empty, and joins with a code pasted over several lines', async () => {
    const sync = fakeSync();
    sync.join.mockReturnValue(new Promise(() => undefined));
    const app = await renderApp({ setup: 'none', sync });
    await openJoin(app);
    await app.user.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText('Please paste the join code here.')).toBeInTheDocument();
    expect(sync.join).not.toHaveBeenCalled();

    await app.user.click(screen.getByLabelText('Join code'));
    await app.user.paste('APLIS1-7Q2XK-M4PRT\n 9WZ3B-HC8NV ');
    await app.user.click(screen.getByRole('button', { name: 'Join' }));
    expect(sync.join).toHaveBeenCalledWith('APLIS1-7Q2XK-M4PRT9WZ3B-HC8NV');
  });

  it('shows the first pull, then the usual unlock screen once the key wraps are here', async () => {
    const sync = fakeSync();
    const pull = deferred();
    const app = await renderApp({ setup: 'none', sync });
    sync.join.mockImplementation(async () => {
      sync.set({
        state: 'syncing',
        connected: true,
        progress: { phase: 'first-pull', done: 900, total: 3000 },
      });
      await pull.promise;
    });
    await openJoin(app);
    await app.user.click(screen.getByLabelText('Join code'));
    await app.user.paste(CODE);
    await app.user.click(screen.getByRole('button', { name: 'Join' }));

    expect(
      await screen.findByRole('progressbar', {
        name: "Bringing the organisation's records to this device: 900 of 3000",
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Joining…' })).toBeDisabled();

    // The pull brings the organisation's keyring (here: made directly, as the engine would store it).
    await app.services.keyring.createOrganisation({
      organisation: { name: 'Centrs', supportContacts: [] },
      coordinator: { displayName: 'Ilze', languages: ['en'] },
      passphrase: TEST_PASSPHRASE,
    });
    app.services.vault.lock();
    await act(async () => {
      sync.set({ state: 'synced', progress: undefined });
      pull.resolve();
      await pull.promise;
    });
    expect(await screen.findByLabelText('Passphrase', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeInTheDocument();
  });
});
