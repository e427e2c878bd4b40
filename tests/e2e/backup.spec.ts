import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { AplisPage } from './pages/aplis-page';
import { expect, test } from './fixtures';

const PASSPHRASE = 'river stones and quiet mornings';
const BACKUP_PASSPHRASE = 'a different phrase for the backup file';
const CANARY = 'Vasaras pārtraukums CANARY-41';

async function addClosure(page: Page, label: string, date: string) {
  await page.getByLabel('What it is').fill(label);
  await page.getByLabel('First day').fill(date);
  await page.getByRole('button', { name: 'Add the closure' }).click();
  await expect(page.getByText(label)).toBeVisible();
}

async function saveBackup(page: Page): Promise<{ path: string; bytes: Buffer }> {
  const backup = page.getByRole('region', { name: 'Backup' });
  await backup.getByLabel('Backup passphrase', { exact: true }).fill(BACKUP_PASSPHRASE);
  await backup.getByLabel('Repeat the backup passphrase').fill(BACKUP_PASSPHRASE);
  const download = page.waitForEvent('download');
  await backup.getByRole('button', { name: 'Save a backup file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(
    /^aplis-backup-centrs-testa-\d{4}-\d{2}-\d{2}-\d{6}\.aplis$/,
  );
  const path = await file.path();
  await expect(backup.getByText(/The backup was saved as aplis-backup-/)).toBeVisible();
  return { path, bytes: await readFile(path) };
}

test('a backup saved in Settings restores on a fresh device, and a later one merges in', async ({
  page,
  aplis,
  browser,
}) => {
  test.setTimeout(120_000);
  await aplis.setUpTestOrganisation(PASSPHRASE);
  await aplis.goTo('Settings');
  await addClosure(page, CANARY, '2027-07-01');

  // No backup yet: the reminder shows, with the Safari explanation.
  await expect(page.getByText('No backup has been made on this device yet.')).toBeVisible();
  // A brand-new device: only "no backup yet", never "more than 7 days since the last backup".
  await expect(page.getByText('Please make one now.')).toBeVisible();
  await expect(page.getByText(/since the last backup/)).toHaveCount(0);
  await expect(page.getByText(/Safari may clear a website's data after 7 days/)).toBeVisible();

  // A too-short backup passphrase is refused next to the field.
  const backup = page.getByRole('region', { name: 'Backup' });
  await backup.getByLabel('Backup passphrase', { exact: true }).fill('short');
  await backup.getByRole('button', { name: 'Save a backup file' }).click();
  await expect(
    backup.getByText('The backup passphrase needs at least 12 characters.'),
  ).toBeVisible();

  const first = await saveBackup(page);
  await expect(page.getByTestId('last-backup')).toHaveText(/^Last backup: \d{2}\/\d{2}\/\d{4}\.$/);
  await expect(page.getByText(/more than 7 days since the last backup/)).toHaveCount(0);
  // Nothing readable in the file: not the closure, the organisation or the person's name.
  const text = first.bytes.toString('latin1');
  expect(text.startsWith('APLIS-BACKUP\n')).toBe(true);
  for (const secret of [CANARY, 'CANARY-41', 'Centrs Testa', 'Marta T.']) {
    expect(first.bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
  }

  // A fresh browser profile: an empty device.
  const context = await browser.newContext();
  const tablet = await context.newPage();
  const other = new AplisPage(tablet);
  await other.open('en');
  await tablet.getByRole('button', { name: 'Restore from a backup' }).click();
  await expect(
    tablet.getByRole('heading', { level: 1, name: 'Restore from a backup' }),
  ).toBeVisible();
  await tablet.getByLabel('Backup file (.aplis)').setInputFiles(first.path);
  // The wrong passphrase is refused and nothing is restored.
  await tablet.getByLabel("The backup's passphrase", { exact: true }).fill(PASSPHRASE);
  await tablet.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(
    tablet.getByText('That passphrase does not open this backup.', { exact: false }),
  ).toBeVisible({ timeout: 20_000 });
  await tablet.getByLabel("The backup's passphrase", { exact: true }).fill(BACKUP_PASSPHRASE);
  await tablet.getByRole('button', { name: 'Restore', exact: true }).click();
  // Then the usual unlock, with the staff passphrase.
  await expect(tablet.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible({
    timeout: 20_000,
  });
  await other.unlock(PASSPHRASE);
  await expect(tablet.getByText('Marta T.')).toBeVisible();
  await other.goTo('Settings');
  await expect(tablet.getByText(CANARY)).toBeVisible();
  await expect(
    tablet.getByRole('region', { name: 'Organisation' }).getByText('Centrs Testa'),
  ).toBeVisible();

  // Back on the first device: one more closure, and a new backup.
  await addClosure(page, 'Ziemas brīvdienas', '2027-12-27');
  const second = await saveBackup(page);

  // The tablet merges it after a preview of what would change.
  const merge = tablet.getByRole('region', { name: 'Bring in a backup from another device' });
  await merge.getByLabel('Backup file (.aplis)').setInputFiles(second.path);
  await merge.getByLabel("The backup's passphrase", { exact: true }).fill(BACKUP_PASSPHRASE);
  await merge.getByRole('button', { name: 'Check what would change' }).click();
  await expect(merge.getByTestId('merge-preview')).toContainText('New records: 1', {
    timeout: 20_000,
  });
  await expect(merge.getByTestId('merge-preview')).toContainText(
    'Records deleted on the other device: 0',
  );
  await expect(merge.getByRole('row', { name: 'Closures 1 0 0' })).toBeVisible();
  await expect(tablet.getByText('Ziemas brīvdienas')).toHaveCount(0);
  // The preview passes axe too (the Settings page itself is in a11y.spec.ts).
  const axe = await new AxeBuilder({ page: tablet })
    .include('section[aria-labelledby="settings-merge"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);
  await merge.getByRole('button', { name: 'Merge into this device' }).click();
  await expect(merge.getByText('The backup was merged into this device.')).toBeVisible();
  await expect(tablet.getByText('Ziemas brīvdienas')).toBeVisible();
  await context.close();
});

test('a file that is not an Aplis backup is refused on the welcome screen', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await page.getByRole('button', { name: 'Restore from a backup' }).click();
  await page.getByLabel('Backup file (.aplis)').setInputFiles({
    name: 'notes.aplis',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('%PDF-1.7 not a backup'),
  });
  await page.getByLabel("The backup's passphrase", { exact: true }).fill(BACKUP_PASSPHRASE);
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(
    page.getByText('This is not an Aplis backup file. Nothing was changed.'),
  ).toBeVisible();
  // Still a fresh device: the welcome screen's choices are all there.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Set up', exact: true })).toBeVisible();
});

test('Settings shows storage usage, quota and whether it is persistent', async ({
  page,
  aplis,
}) => {
  await aplis.setUpTestOrganisation(PASSPHRASE);
  await aplis.goTo('Settings');
  await expect(page.getByTestId('storage-usage')).toHaveText(
    /^Using [\d.,]+ MB of about [\d.,]+ MB/,
  );
  await expect(page.getByTestId('storage-persisted')).toHaveText(
    /The browser (has agreed to keep|may clear) Aplis's data/,
  );
});
