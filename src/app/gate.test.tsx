import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, SLOW } from '../testing/render-app';

describe('the first frame', () => {
  it('has Quick exit while the device is still being read', async () => {
    // A slow disk: whether this device is set up is not known yet.
    await renderApp({
      setup: 'organisation',
      adjust: (services) => {
        services.keyring.isSetUp = () => new Promise<boolean>(() => undefined);
      },
    });
    expect(await screen.findByRole('button', { name: 'Quick exit' }, SLOW)).toBeVisible();
    expect(screen.queryByLabelText('Passphrase')).not.toBeInTheDocument();
  });
});
