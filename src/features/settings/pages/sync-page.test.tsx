import { act, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { formatMomentDate, formatTime } from '../../../i18n/format';
import type { JoinCode, SyncProblem } from '../../../sync/types';
import { aStaffMember } from '../../../testing/factories';
import { deferred, fakeSync, SYNCED_STATUS, syncFailure } from '../../../testing/fake-sync';
import { renderApp, SLOW, type RenderedApp } from '../../../testing/render-app';

const FACILITATOR_PASSPHRASE = 'facilitator own passphrase';

async function openAsFacilitator(sync: ReturnType<typeof fakeSync>) {
  const app = await renderApp({
    setup: 'organisation',
    route: '/settings/sync',
    sync,
    seed: async ({ repos, keyring }) => {
      const facilitator = aStaffMember({ displayName: 'Anna', role: 'facilitator' });
      await repos.staff.put(facilitator);
      await keyring.setPassphrase(facilitator.id, FACILITATOR_PASSPHRASE);
    },
  });
  await app.user.type(await screen.findByLabelText('Passphrase', {}, SLOW), FACILITATOR_PASSPHRASE);
  await app.user.click(screen.getByRole('button', { name: 'Unlock' }));
  await screen.findByRole('heading', { level: 1, name: 'Sync' }, SLOW);
  return app;
}

async function fillConnectForm(
  app: RenderedApp,
  values: { server?: string; database?: string; username?: string; password?: string },
) {
  await screen.findByRole('heading', { name: 'Connect the organisation' }, SLOW);
  if (values.server) await app.user.type(screen.getByLabelText('Server address'), values.server);
  if (values.database) await app.user.type(screen.getByLabelText('Database name'), values.database);
  if (values.username) await app.user.type(screen.getByLabelText('Account name'), values.username);
  if (values.password) await app.user.type(screen.getByLabelText('Password'), values.password);
}

const connectButton = () => screen.getByRole('button', { name: 'Connect' });

/** Serious or critical axe findings (jsdom has no layout: contrast is checked in e2e). */
async function axeFindings(container: HTMLElement) {
  const results = await axe.run(container, {
    rules: { 'color-contrast': { enabled: false } },
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('Settings → Sync, not connected', () => {
  it('says which field is wrong and sends nothing until the form is right', async () => {
    const sync = fakeSync();
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/sync',
      sync,
    });
    await fillConnectForm(app, { server: 'sync.example.org', database: 'Gaisma Team' });
    await app.user.click(connectButton());

    expect(
      screen.getByText(/Write the whole address, starting with https:\/\//),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Server address')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/A database name starts with a small letter/)).toBeInTheDocument();
    expect(screen.getByLabelText('Account name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(sync.connect).not.toHaveBeenCalled();
    // Nothing typed is lost.
    expect(screen.getByLabelText('Server address')).toHaveValue('sync.example.org');
    expect(screen.getByLabelText('Database name')).toHaveValue('Gaisma Team');
  });

  it('connects to this app’s own server when the address is left empty, showing the first push and letting it be interrupted', async () => {
    const sync = fakeSync();
    const push = deferred();
    sync.connect.mockImplementation(() => {
      sync.set({ state: 'syncing', progress: { phase: 'first-push', done: 120, total: 480 } });
      return push.promise;
    });
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/sync',
      sync,
    });
    await fillConnectForm(app, {
      database: ' aplis_gaisma ',
      username: 'coordinator-1',
      password: ' secret with spaces ',
    });
    await app.user.click(connectButton());

    expect(sync.connect).toHaveBeenCalledWith({
      server: '',
      database: 'aplis_gaisma',
      username: 'coordinator-1',
      password: ' secret with spaces ',
    });
    const bar = await screen.findByRole('progressbar', {
      name: "Sending this device's records to the server: 120 of 480",
    });
    expect(bar).toHaveAttribute('value', '120');
    expect(bar).toHaveAttribute('max', '480');
    expect(screen.getByRole('button', { name: 'Connecting…' })).toBeDisabled();

    await app.user.click(screen.getByRole('button', { name: 'Interrupt' }));
    expect(sync.stop).toHaveBeenCalledTimes(1);
    act(() => sync.set({ state: 'off', progress: undefined }));
    await act(() => {
      push.reject(new Error('stopped'));
      return Promise.resolve();
    });
    expect(
      await screen.findByText(
        'Stopped. The rest goes out the next time sync runs; nothing is lost.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('That did not work this time.')).not.toBeInTheDocument();
  });

  const problems: [SyncProblem, string, string][] = [
    [
      'unreachable',
      'The server cannot be reached right now.',
      'Changes wait safely on this device',
    ],
    [
      'wrong-account',
      'The server did not accept the account name or password.',
      'Check them with whoever set up the server.',
    ],
    [
      'database-missing',
      'The server has no database by that name.',
      'they may still need to create it',
    ],
    [
      'foreign-database',
      'That database belongs to another organisation.',
      'Nothing from it was used',
    ],
    ['device-full', 'This device has run out of storage space.', 'Nothing is lost.'],
    ['server-full', 'The server has run out of storage space.', 'Ask whoever runs the server'],
    ['other-tab', 'Aplis is open in another tab, and that tab does the syncing.', 'Nothing to do'],
    ['unlock-again', 'The team key has changed.', 'unlock it again with your passphrase'],
  ];

  it('names each problem connecting in plain words, with what to do, and keeps the form as typed', async () => {
    const sync = fakeSync();
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/sync',
      sync,
    });
    await fillConnectForm(app, { database: 'aplis', username: 'ilze', password: 'pw' });
    for (const [problem, title, action] of problems) {
      sync.connect.mockRejectedValueOnce(syncFailure(problem));
      await app.user.click(connectButton());
      const alert = await screen.findByRole('alert');
      expect(alert, problem).toHaveTextContent(title);
      expect(alert, problem).toHaveTextContent(action);
    }
    expect(screen.getByLabelText('Database name')).toHaveValue('aplis');
    expect(screen.getByLabelText('Password')).toHaveValue('pw');

    sync.connect.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await app.user.click(connectButton());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That did not work this time.Nothing on this device changed.',
    );
  });

  it('shows a facilitator a plain sentence instead of the connect form', async () => {
    await openAsFacilitator(fakeSync());
    expect(screen.getByText(/A coordinator connects the organisation to its server/)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Connect' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
  });
});

describe('Settings → Sync, connected', () => {
  it('shows the last sync, what waits, the first pull and the refusals in plain words', async () => {
    const lastSyncAt = Date.UTC(2026, 11, 2, 12, 2);
    const sync = fakeSync({
      ...SYNCED_STATUS,
      state: 'syncing',
      lastSyncAt,
      waiting: 3,
      progress: { phase: 'first-pull', done: 2500, total: 85000 },
      refusals: [
        { reason: 'damaged', count: 2, at: lastSyncAt },
        { reason: 'older', count: 1, at: lastSyncAt },
        { reason: 'foreign', count: 4, at: lastSyncAt },
      ],
    });
    await renderApp({ setup: 'organisation', unlocked: true, route: '/settings/sync', sync });
    await screen.findByRole('heading', { name: 'How sync is doing' }, SLOW);
    expect(
      screen.getByText(
        `Last synced: ${formatMomentDate(lastSyncAt, 'en')} ${formatTime(lastSyncAt, 'en')}`,
      ),
    ).toBeVisible();
    expect(
      screen.getByText('3 changes made on this device are waiting to go to the server.'),
    ).toBeVisible();
    expect(
      screen.getByRole('progressbar', {
        name: "Bringing the organisation's records to this device: 2500 of 85000",
      }),
    ).toBeInTheDocument();
    // Only a first push can be interrupted.
    expect(screen.queryByRole('button', { name: 'Interrupt' })).not.toBeInTheDocument();
    const refusals = within(screen.getByRole('list', { name: 'Records that were not used' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(refusals).toEqual([
      expect.stringContaining(
        '2 records from the server were damaged and were not used; nothing on this device changed.',
      ),
      expect.stringContaining('1 record from the server was older than the one on this device'),
      expect.stringContaining(
        '4 records from the server did not open with your organisation’s keys — they most likely belong to another organisation — and were not used',
      ),
    ]);
  });

  it('shows the problem that needs attention and syncs on request', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS, state: 'attention', problem: 'server-full' });
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/sync',
      sync,
    });
    expect(
      await screen.findByText('The server has run out of storage space.', {}, SLOW),
    ).toBeVisible();
    expect(screen.getByText(/Ask whoever runs the server to make room/)).toBeVisible();
    await app.user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(sync.syncNow).toHaveBeenCalledTimes(1);
  });

  it('wipes the device only after a second, explicit step that names what is lost', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS, waiting: 2 });
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/sync',
      sync,
    });
    await app.user.click(
      await screen.findByRole('button', { name: 'Leave and wipe this device' }, SLOW),
    );
    expect(sync.leaveAndWipe).not.toHaveBeenCalled();
    const confirm = screen.getByRole('group', { name: 'Wipe this device?' });
    expect(within(confirm).getByRole('heading', { name: 'Wipe this device?' })).toHaveFocus();
    expect(confirm).toHaveTextContent(/the organisation's records, everyone's key wraps/);
    expect(confirm).toHaveTextContent(
      '2 changes made here have not reached the server yet and will be lost.',
    );

    // "Keep everything" backs out.
    await app.user.click(within(confirm).getByRole('button', { name: 'Keep everything' }));
    expect(sync.leaveAndWipe).not.toHaveBeenCalled();
    expect(screen.queryByRole('group', { name: 'Wipe this device?' })).not.toBeInTheDocument();

    sync.leaveAndWipe.mockRejectedValueOnce(syncFailure('device-full'));
    await app.user.click(screen.getByRole('button', { name: 'Leave and wipe this device' }));
    await app.user.click(screen.getByRole('button', { name: 'Yes, wipe this device' }));
    expect(sync.leaveAndWipe).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This device has run out of storage space.',
    );
  });

  it('disconnects and keeps the data, saying so', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS });
    sync.disconnect.mockImplementation(() => {
      sync.set({ state: 'off', connected: false });
      return Promise.resolve();
    });
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/sync',
      sync,
    });
    await app.user.click(
      await screen.findByRole('button', { name: 'Disconnect this device (keeps data here)' }, SLOW),
    );
    expect(sync.disconnect).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByText('This device no longer syncs. Its records stay here.'),
    ).toBeVisible();
    expect(sync.leaveAndWipe).not.toHaveBeenCalled();
  });

  it('gives a facilitator the status but no join code button', async () => {
    await openAsFacilitator(fakeSync({ ...SYNCED_STATUS }));
    expect(screen.getByText('Everything is synced.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Make a join code' })).not.toBeInTheDocument();
  });

  it('shows a coordinator a join code as text in whole groups, as a QR code, with its expiry, and copies it', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS });
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/sync',
      sync,
    });
    await app.user.click(await screen.findByRole('button', { name: 'Make a join code' }, SLOW));
    const code = await (sync.createJoinCode.mock.results[0]!.value as Promise<JoinCode>);

    const text = await screen.findByTestId('join-code');
    // Selecting the text on screen copies the code exactly: no characters added between groups.
    expect(text.textContent).toBe(code.text);
    const groups = [...text.querySelectorAll('.recovery-group')];
    expect(groups.length).toBeGreaterThan(5);
    for (const group of groups) {
      // Each group may break only after itself (a <wbr>), never inside.
      expect(group.textContent?.length).toBeLessThanOrEqual(7);
      expect(group.nextSibling?.nodeName).toBe('WBR');
      expect(group.querySelector('wbr')).toBeNull();
    }
    // styles.css keeps every group on one line.
    expect(groups.every((g) => g.classList.contains('recovery-group'))).toBe(true);

    const qr = screen.getByRole('img', { name: 'The join code as a QR code' });
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M/);
    expect(
      screen.getByText(
        `Works until ${formatMomentDate(code.expiresAt, 'en')} ${formatTime(code.expiresAt, 'en')}, for one device.`,
      ),
    ).toBeVisible();

    await app.user.click(screen.getByRole('button', { name: 'Copy the code' }));
    expect(await navigator.clipboard.readText()).toBe(code.text);
    expect(await screen.findByText('Copied.')).toBeVisible();
  });

  it('lists the devices that joined and shuts one out only after a second step', async () => {
    const made = Date.UTC(2026, 11, 2, 9, 30);
    const sync = fakeSync({ ...SYNCED_STATUS });
    const devices = [
      { name: 'aplis-device-a-000000000001', createdAt: made },
      { name: 'aplis-device-b-000000000002', createdAt: made + 3_600_000 },
    ];
    sync.devices.mockImplementation(() => Promise.resolve([...devices]));
    sync.revokeDevice.mockImplementation((name) => {
      devices.splice(
        devices.findIndex((d) => d.name === name),
        1,
      );
      return Promise.resolve();
    });
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/sync',
      sync,
    });
    const panel = await screen.findByRole('region', { name: 'Devices that joined' }, SLOW);
    expect(
      await within(panel).findByText('Server account: aplis-device-a-000000000001'),
    ).toBeVisible();
    expect(
      within(panel).getByText(
        `code made on ${formatMomentDate(made, 'en')} ${formatTime(made, 'en')}`,
      ),
    ).toBeVisible();
    await app.user.click(within(panel).getByRole('button', { name: /^Shut out device 1 / }));
    expect(sync.revokeDevice).not.toHaveBeenCalled();
    expect(within(panel).getByRole('heading', { name: 'Shut out device 1?' })).toHaveFocus();
    await app.user.click(within(panel).getByRole('button', { name: 'Keep it' }));
    expect(sync.revokeDevice).not.toHaveBeenCalled();

    await app.user.click(within(panel).getByRole('button', { name: /^Shut out device 1 / }));
    await app.user.click(within(panel).getByRole('button', { name: 'Yes, shut it out' }));
    expect(sync.revokeDevice).toHaveBeenCalledWith('aplis-device-a-000000000001');
    expect(
      await within(panel).findByText('Done. That device can no longer reach the server.'),
    ).toBeVisible();
    await waitFor(() =>
      expect(
        within(panel).queryByText('Server account: aplis-device-a-000000000001'),
      ).not.toBeInTheDocument(),
    );
    expect(within(panel).getByText('Server account: aplis-device-b-000000000002')).toBeVisible();
  });

  it('reads the devices that joined from the server again each time the page opens', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS });
    sync.devices.mockResolvedValue([]);
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/sync',
      sync,
    });
    const region = await screen.findByRole('region', { name: 'Devices that joined' }, SLOW);
    expect(
      await within(region).findByText('No device has its own server account yet.'),
    ).toBeVisible();
    // A device joined meanwhile (a code made here, used on a tablet).
    sync.devices.mockResolvedValue([
      { name: 'aplis-device-a-000000000001', createdAt: Date.UTC(2026, 11, 2, 9, 30) },
    ]);
    await act(() => app.router.navigate('/settings'));
    await act(() => app.router.navigate('/settings/sync'));
    const again = await screen.findByRole('region', { name: 'Devices that joined' }, SLOW);
    expect(
      await within(again).findByText('Server account: aplis-device-a-000000000001', {}, SLOW),
    ).toBeVisible();
  });

  it('says why a refused shut-out changed nothing, and keeps the device listed', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS });
    sync.devices.mockResolvedValue([
      { name: 'aplis-device-a-000000000001', createdAt: Date.now() },
    ]);
    sync.revokeDevice.mockRejectedValue(syncFailure('unreachable'));
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/sync',
      sync,
    });
    const panel = await screen.findByRole('region', { name: 'Devices that joined' }, SLOW);
    await app.user.click(await within(panel).findByRole('button', { name: /^Shut out device 1 / }));
    await app.user.click(within(panel).getByRole('button', { name: 'Yes, shut it out' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent(
      'The server cannot be reached right now.',
    );
    expect(within(panel).getByText('Server account: aplis-device-a-000000000001')).toBeVisible();
  });

  it('says so when a join code carries the coordinator’s own account', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS });
    sync.createJoinCode.mockResolvedValue({
      text: 'APLIS1-7Q2XK-M4PRT-9WZ3B-HC8NV',
      expiresAt: Date.now() + 86_400_000,
      account: 'shared',
    });
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/sync',
      sync,
    });
    await app.user.click(await screen.findByRole('button', { name: 'Make a join code' }, SLOW));
    expect(await screen.findByText('This code carries your own server account')).toBeVisible();
    expect(sync.devices.mock.calls.length).toBeGreaterThanOrEqual(2); // the list is read again
  });

  it('has no serious accessibility findings, connected with a code shown or not connected', async () => {
    const sync = fakeSync({
      ...SYNCED_STATUS,
      waiting: 2,
      progress: { phase: 'reseal', done: 3, total: 10 },
      refusals: [{ reason: 'damaged', count: 2, at: Date.now() }],
    });
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings/sync',
      sync,
    });
    await app.user.click(await screen.findByRole('button', { name: 'Make a join code' }, SLOW));
    await screen.findByTestId('join-code');
    await app.user.click(screen.getByRole('button', { name: 'Leave and wipe this device' }));
    expect(await axeFindings(app.container)).toEqual([]);

    act(() => sync.set({ state: 'off', connected: false, progress: undefined }));
    await screen.findByRole('heading', { name: 'Connect the organisation' });
    await app.user.click(connectButton());
    expect(await axeFindings(app.container)).toEqual([]);
  });
});

describe('the Settings page', () => {
  it('leads to Settings → Sync with the state in a sentence', async () => {
    const sync = fakeSync({ ...SYNCED_STATUS, state: 'offline' });
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: '/settings',
      sync,
    });
    const panel = await screen.findByRole('region', { name: 'Sync' }, SLOW);
    expect(panel).toHaveTextContent(
      'The server cannot be reached: changes wait safely on this device.',
    );
    await app.user.click(within(panel).getByRole('link', { name: 'Open sync' }));
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/settings/sync'));
  });
});
