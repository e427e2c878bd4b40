import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_PASSPHRASE } from '../../session/demo-passphrase';
import { renderApp, SLOW, TEST_COORDINATOR, type RenderedApp } from '../../testing/render-app';
import { fakeSync } from '../../testing/fake-sync';
import { dumpDatabase } from '../../testing/vault-fixture';

async function unlockWith(app: RenderedApp, secret: string, label = 'Passphrase') {
  await app.user.type(screen.getByLabelText(label), secret);
  await app.user.click(screen.getByRole('button', { name: 'Unlock' }));
}

/** Every table but `meta`, which holds the wrong-try counter. */
async function dataTables(app: RenderedApp) {
  const { meta: _counter, ...rest } = await dumpDatabase(app.db);
  return rest;
}

describe('the unlock screen', () => {
  it('says the passphrase did not work, stays locked and changes no data', async () => {
    const app = await renderApp({ setup: 'organisation' });
    await screen.findByRole('heading', { name: 'Aplis is locked' }, SLOW);
    const before = await dataTables(app);

    await unlockWith(app, 'not my passphrase at all');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That passphrase did not open Aplis. Check for typing mistakes and try again.',
    );
    expect(
      screen.getByLabelText('Passphrase'),
      'the wrong passphrase left in the field',
    ).toHaveValue('');
    expect(screen.getByRole('heading', { name: 'Aplis is locked' })).toBeInTheDocument();
    expect(app.services.vault.isUnlocked).toBe(false);
    expect(screen.queryByRole('navigation', { name: 'Main sections' })).not.toBeInTheDocument();
    expect(await dataTables(app)).toEqual(before);
  });

  it('opens the app with the right passphrase', async () => {
    const app = await renderApp({ setup: 'organisation' });
    await screen.findByRole('heading', { name: 'Aplis is locked' }, SLOW);

    await unlockWith(app, app.passphrase!);

    expect(
      await screen.findByRole('navigation', { name: 'Main sections' }, SLOW),
    ).toBeInTheDocument();
    expect(
      await within(screen.getByRole('banner')).findByText(TEST_COORDINATOR),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Aplis is locked' })).not.toBeInTheDocument();
  });

  it('shows the demo passphrase on a demo device, and it opens the demo', async () => {
    const app = await renderApp({ setup: 'demo' });
    await screen.findByRole('heading', { name: 'Aplis is locked' }, SLOW);

    expect(screen.getByText('This is a demo device')).toBeInTheDocument();
    expect(screen.getByText(DEMO_PASSPHRASE)).toBeInTheDocument();

    await unlockWith(app, DEMO_PASSPHRASE);
    expect(
      await screen.findByText(/Demo organisation — every name and note here is made up/, {}, SLOW),
    ).toBeInTheDocument();
  });

  it('never shows the demo passphrase on a real organisation’s device', async () => {
    await renderApp({ setup: 'organisation' });
    await screen.findByRole('heading', { name: 'Aplis is locked' }, SLOW);

    expect(screen.queryByText('This is a demo device')).not.toBeInTheDocument();
    expect(screen.queryByText(DEMO_PASSPHRASE)).not.toBeInTheDocument();
  });

  it('leads from the recovery code to choosing a new passphrase, then a new code', async () => {
    const app = await renderApp({ setup: 'organisation' });
    await screen.findByRole('heading', { name: 'Aplis is locked' }, SLOW);

    await app.user.click(
      screen.getByRole('button', { name: 'Forgot the passphrase? Use the recovery code' }),
    );
    // Written by hand: lower case, spaces instead of dashes.
    await unlockWith(app, app.recoveryCode!.toLowerCase().replaceAll('-', ' '), 'Recovery code');

    await screen.findByRole('heading', { name: 'Choose a new passphrase' }, SLOW);
    await screen.findByRole('option', { name: TEST_COORDINATOR });
    expect(screen.getByRole('combobox', { name: 'Whose passphrase' })).toHaveDisplayValue(
      TEST_COORDINATOR,
    );
    expect(
      screen.queryByRole('navigation', { name: 'Main sections' }),
      'the app before a new passphrase',
    ).not.toBeInTheDocument();

    const fresh = 'a brand new long passphrase';
    await app.user.type(screen.getByLabelText('Passphrase'), fresh);
    await app.user.type(screen.getByLabelText('Repeat the passphrase'), fresh);
    await app.user.click(screen.getByRole('button', { name: 'Save the new passphrase' }));

    await screen.findByRole('heading', { name: 'Your recovery code' }, SLOW);
    const newCode = screen.getByTestId('recovery-code').textContent;
    expect(newCode, 'the used recovery code shown again').not.toBe(app.recoveryCode);
    await app.user.click(
      screen.getByRole('checkbox', { name: 'I have written down or printed the recovery code' }),
    );
    await app.user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      await screen.findByRole('navigation', { name: 'Main sections' }, SLOW),
    ).toBeInTheDocument();

    // The old passphrase and the used code no longer open the device; the new ones do.
    app.services.vault.lock();
    await expect(app.services.keyring.unlock(app.passphrase!, 'passphrase')).rejects.toThrow();
    await expect(app.services.keyring.unlock(app.recoveryCode!, 'recovery')).rejects.toThrow();
    await app.services.keyring.unlock(fresh, 'passphrase');
    expect(app.services.vault.isUnlocked).toBe(true);
  });

  it('locks the new-passphrase screen after inactivity too (the vault is open there)', async () => {
    const app = await renderApp({ setup: 'organisation' });
    await screen.findByRole('heading', { name: 'Aplis is locked' }, SLOW);
    await app.user.click(
      screen.getByRole('button', { name: 'Forgot the passphrase? Use the recovery code' }),
    );
    await unlockWith(app, app.recoveryCode!, 'Recovery code');
    await screen.findByRole('heading', { name: 'Choose a new passphrase' }, SLOW);
    expect(app.services.vault.isUnlocked).toBe(true);

    // The tablet slept past the auto-lock time and wakes up.
    const asleep = Date.now() + 60 * 60_000;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => asleep);
    try {
      act(() => void document.dispatchEvent(new Event('visibilitychange')));
      expect(app.services.vault.isUnlocked).toBe(false);
      await screen.findByRole('heading', { name: 'Aplis is locked' }, SLOW);
    } finally {
      clock.mockRestore();
    }
  });

  it('says when a recovery code is wrong', async () => {
    const app = await renderApp({ setup: 'organisation' });
    await screen.findByRole('heading', { name: 'Aplis is locked' }, SLOW);
    await app.user.click(
      screen.getByRole('button', { name: 'Forgot the passphrase? Use the recovery code' }),
    );

    await unlockWith(app, 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', 'Recovery code');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That recovery code did not open Aplis.',
    );
    expect(app.services.vault.isUnlocked).toBe(false);
  });

  it('makes the sixth wrong try wait, with a countdown', async () => {
    const app = await renderApp({ setup: 'organisation' });
    await screen.findByRole('heading', { name: 'Aplis is locked' }, SLOW);

    for (let i = 1; i <= 5; i++) {
      await unlockWith(app, `wrong guess number ${i}`);
      await screen.findByRole('alert');
    }

    expect(
      await screen.findByText(/Too many tries in a row\. You can try again in [1-5] seconds?\./),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
    expect((await app.services.keyring.readThrottle()).failures).toBe(5);
  });
});

describe('a device that joined but was closed before anyone unlocked it', () => {
  it('asks for the join code again before the passphrase, then unlocks as usual', async () => {
    const sync = fakeSync({ state: 'offline', connected: true, joinAgain: true });
    sync.join.mockImplementation(() => {
      sync.set({ state: 'synced', joinAgain: false });
      return Promise.resolve();
    });
    const app = await renderApp({ setup: 'organisation', sync });
    await screen.findByRole('heading', { level: 1, name: 'Enter the join code again' }, SLOW);
    expect(screen.queryByLabelText('Passphrase')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Back' })).not.toBeInTheDocument();
    await app.user.click(screen.getByLabelText('Join code'));
    await app.user.paste('APLIS1-7Q2XK-M4PRT');
    await app.user.click(screen.getByRole('button', { name: 'Join' }));
    expect(sync.join).toHaveBeenCalledWith('APLIS1-7Q2XK-M4PRT');
    const field = await screen.findByLabelText('Passphrase', {}, SLOW);
    expect(field).toBeVisible();
    await unlockWith(app, app.passphrase!);
    expect(await screen.findByRole('button', { name: 'Lock' }, SLOW)).toBeVisible();
  });
});

describe('a device whose join is still receiving the organisation’s records', () => {
  it('waits for them before saying the passphrase is wrong, and opens once its key wrap is here', async () => {
    const sync = fakeSync({
      state: 'syncing',
      connected: true,
      progress: { phase: 'first-pull', done: 3, total: 10 },
    });
    const app = await renderApp({ setup: 'organisation', sync });
    await screen.findByRole('heading', { name: 'Aplis is locked' }, SLOW);
    // This person's key wrap has not arrived yet (it is late in the server's feed).
    const wraps = await app.db.keyring.where('holder.kind').equals('staff').toArray();
    await app.db.keyring.bulkDelete(wraps.map((w) => w.id));
    let arrive!: () => void;
    sync.received = vi.fn(
      () =>
        new Promise<boolean>((resolve) => {
          arrive = () => {
            void app.db.keyring.bulkPut(wraps).then(() => {
              sync.set({ state: 'synced', progress: undefined });
              resolve(true);
            });
          };
        }),
    );
    expect(
      screen.getByRole('progressbar', {
        name: "Bringing the organisation's records to this device: 3 of 10",
      }),
    ).toBeInTheDocument();

    await unlockWith(app, app.passphrase!);
    expect(await screen.findByRole('status', {}, SLOW)).toHaveTextContent(
      /still receiving the organisation's records/,
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    act(() => arrive());
    expect(await screen.findByRole('button', { name: 'Lock' }, SLOW)).toBeVisible();
    expect(sync.received).toHaveBeenCalledTimes(1);
  });
});
