import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, SLOW, type RenderedApp } from '../../testing/render-app';

const PASSPHRASE = 'four ordinary words together';

async function openSetupForm(app: RenderedApp) {
  await app.user.click(await screen.findByRole('button', { name: 'Set up' }, SLOW));
  await screen.findByRole('heading', { name: 'Set up your organisation' });
}

async function fillForm(
  app: RenderedApp,
  values: { organisation?: string; name?: string; passphrase?: string; confirm?: string },
) {
  if (values.organisation)
    await app.user.type(screen.getByLabelText('Organisation name'), values.organisation);
  if (values.name)
    await app.user.type(screen.getByLabelText('Your name as colleagues see it'), values.name);
  if (values.passphrase)
    await app.user.type(screen.getByLabelText('Passphrase'), values.passphrase);
  if (values.confirm)
    await app.user.type(screen.getByLabelText('Repeat the passphrase'), values.confirm);
}

const submitButton = () =>
  screen.getByRole('button', { name: 'Create and lock with this passphrase' });

describe('setting up an organisation on a new device', () => {
  it('shows the recovery code once, asks for the "written down" tick, then opens Today with my name', async () => {
    const app = await renderApp({ setup: 'none' });
    await openSetupForm(app);
    await fillForm(app, {
      organisation: 'Centrs Gaisma',
      name: 'Marta',
      passphrase: PASSPHRASE,
      confirm: PASSPHRASE,
    });
    await app.user.click(submitButton());

    await screen.findByRole('heading', { name: 'Your recovery code' }, SLOW);
    // Five groups of five Crockford base-32 characters.
    const code = screen.getByTestId('recovery-code').textContent ?? '';

    const continueButton = screen.getByRole('button', { name: 'Continue' });
    expect(continueButton, 'Continue before ticking "I have written it down"').toBeDisabled();
    await app.user.click(
      screen.getByRole('checkbox', { name: 'I have written down or printed the recovery code' }),
    );
    expect(continueButton).toBeEnabled();
    await app.user.click(continueButton);

    await screen.findByRole('heading', { level: 1, name: 'Today' }, SLOW);
    const header = screen.getByRole('banner');
    expect(await within(header).findByText('Marta')).toBeInTheDocument();
    expect(await within(header).findByText('Centrs Gaisma')).toBeInTheDocument();
    expect(screen.queryByText(code), 'the recovery code after Continue').not.toBeInTheDocument();

    // The code that was shown really opens the device.
    app.services.vault.lock();
    await app.services.keyring.unlock(code, 'recovery');
    expect(app.services.vault.isUnlocked).toBe(true);
  });

  it('keeps what was typed and saves nothing when the passphrase is too short', async () => {
    const app = await renderApp({ setup: 'none' });
    await openSetupForm(app);
    await fillForm(app, {
      organisation: 'Centrs Gaisma',
      name: 'Marta',
      passphrase: 'short one',
      confirm: 'short one',
    });
    await app.user.click(submitButton());

    expect(
      await screen.findByText('The passphrase needs at least 12 characters.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Passphrase')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Organisation name')).toHaveValue('Centrs Gaisma');
    expect(screen.getByLabelText('Your name as colleagues see it')).toHaveValue('Marta');
    expect(screen.getByLabelText('Passphrase')).toHaveValue('short one');
    expect(await app.services.keyring.isSetUp(), 'a keyring written despite the error').toBe(false);
  });

  it('says so when the two passphrases differ', async () => {
    const app = await renderApp({ setup: 'none' });
    await openSetupForm(app);
    await fillForm(app, {
      organisation: 'Centrs Gaisma',
      name: 'Marta',
      passphrase: PASSPHRASE,
      confirm: 'four ordinary words togethre',
    });
    await app.user.click(submitButton());

    expect(await screen.findByText('The two passphrases are not the same.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Your recovery code' })).not.toBeInTheDocument();
    expect(await app.services.keyring.isSetUp()).toBe(false);
  });

  it('asks for the organisation and my name before anything is created', async () => {
    const app = await renderApp({ setup: 'none' });
    await openSetupForm(app);
    await fillForm(app, { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    await app.user.click(submitButton());

    expect(await screen.findAllByText('Please fill this in.')).toHaveLength(2);
    expect(await app.services.keyring.isSetUp()).toBe(false);
  });

  it('opens the made-up demo organisation with its banner', async () => {
    const app = await renderApp({ setup: 'none' });
    await app.user.click(await screen.findByRole('button', { name: 'Try the demo' }, SLOW));

    expect(await screen.findByRole('note', {}, SLOW)).toHaveTextContent(
      /Demo organisation — every name and note here is made up/,
    );
    expect(
      await within(screen.getByRole('banner')).findByText('Ieva (demo coordinator)', {}, SLOW),
    ).toBeInTheDocument();
    expect((await app.db.meta.get('demo'))?.value).toBe(true);
  });

  it('greets in Latvian when the device language is Latvian', async () => {
    await renderApp({ setup: 'none', language: 'lv' });
    expect(await screen.findByRole('heading', { level: 1 }, SLOW)).toHaveTextContent(
      'Laipni lūdzam lietotnē Aplis',
    );
    expect(screen.getByRole('button', { name: 'Iestatīt' })).toBeInTheDocument();
  });
});
