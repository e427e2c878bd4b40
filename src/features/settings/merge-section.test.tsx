import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { todayInRiga } from '../../domain/calendar-date';
import { formatDate } from '../../i18n/format';
import { aStaffMember } from '../../testing/factories';
import { renderApp, SLOW } from '../../testing/render-app';
import { aParticipant } from '../../db/backup/test-data';
import { decodeBody, encodeBody } from '../../db/backup/body';
import { readBackupFile, writeBackupFile } from '../../db/backup/format';
import { deriveBits } from '../../crypto/kdf';
import { testKdfPolicy } from '../../testing/vault-fixture';
import type { RenderedApp } from '../../testing/render-app';

const BACKUP_PASSPHRASE = 'a separate backup passphrase';
const FACILITATOR_PASSPHRASE = 'the facilitator passphrase';

async function checkFile(app: RenderedApp, bytes: Uint8Array<ArrayBuffer>) {
  const section = await screen.findByRole(
    'region',
    { name: 'Bring in a backup from another device' },
    SLOW,
  );
  await app.user.upload(
    within(section).getByLabelText('Backup file (.aplis)'),
    new File([bytes], 'backup.aplis'),
  );
  await app.user.type(
    within(section).getByLabelText("The backup's passphrase", { exact: true }),
    BACKUP_PASSPHRASE,
  );
  await app.user.click(within(section).getByRole('button', { name: 'Check what would change' }));
  return section;
}

describe('bringing in a backup in Settings', () => {
  it('previews what would change by kind of record and day', async () => {
    const person = aParticipant();
    const app = await renderApp({ setup: 'organisation', unlocked: true, route: '/settings' });
    const { services } = app;
    await services.repos.participants.put(person);
    const { bytes } = await services.backup.create(BACKUP_PASSPHRASE);
    // The row exists only in the file now (removed without a tombstone, as if never here).
    await app.db.participants.delete(person.id);

    const section = await checkFile(app, bytes);
    const changes = await within(section).findByTestId('merge-changes', undefined, SLOW);
    expect(changes).toHaveTextContent(`Participants · ${formatDate(todayInRiga(), 'en')} · new: 1`);
    // A file made by this version is signed: no confirmation asked.
    expect(within(section).queryByText('Aplis cannot check this backup')).not.toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Merge into this device' })).toBeEnabled();
  });

  it('asks a coordinator to confirm a backup made before backups were signed', async () => {
    const person = aParticipant();
    const app = await renderApp({ setup: 'organisation', unlocked: true, route: '/settings' });
    await app.services.repos.participants.put(person);
    const { bytes } = await app.services.backup.create(BACKUP_PASSPHRASE);
    await app.db.participants.delete(person.id);
    // The same file as an older Aplis wrote it: body format 1, no MAC.
    const cipher = { policy: testKdfPolicy, derive: deriveBits };
    const { header, body } = await readBackupFile(bytes, BACKUP_PASSPHRASE, cipher);
    const old = { ...decodeBody(body), format: 1 };
    const legacy = await writeBackupFile(
      encodeBody(old),
      BACKUP_PASSPHRASE,
      header.createdAt,
      cipher,
    );

    const section = await checkFile(app, legacy);
    expect(
      await within(section).findByText('Aplis cannot check this backup', undefined, SLOW),
    ).toBeInTheDocument();
    const merge = within(section).getByRole('button', { name: 'Merge into this device' });
    expect(merge).toBeDisabled();
    await app.user.click(
      within(section).getByLabelText('I know where this backup comes from. Merge it anyway.'),
    );
    expect(merge).toBeEnabled();
    await app.user.click(merge);
    expect(
      await within(section).findByText('The backup was merged into this device.', undefined, SLOW),
    ).toBeInTheDocument();
    expect(await app.services.repos.participants.get(person.id)).toBeTruthy();
  });

  it('explains to a facilitator that only a coordinator can merge, and offers no form', async () => {
    const facilitator = aStaffMember({ role: 'facilitator', displayName: 'Anna' });
    const app = await renderApp({
      setup: 'organisation',
      route: '/settings',
      seed: async (services) => {
        await services.repos.staff.put(facilitator);
        await services.keyring.setPassphrase(facilitator.id, FACILITATOR_PASSPHRASE);
      },
    });
    await app.services.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    const section = await screen.findByRole(
      'region',
      { name: 'Bring in a backup from another device' },
      SLOW,
    );
    expect(
      within(section).getByText(/Only a coordinator can bring a backup from another device/),
    ).toBeInTheDocument();
    expect(within(section).queryByLabelText('Backup file (.aplis)')).not.toBeInTheDocument();
  });
});
