import { expect, test } from './fixtures';

const COORDINATOR = 'river stones and quiet mornings';
const FACILITATOR = 'blue kettle on the windowsill';

test('a coordinator adds a facilitator who sets their own passphrase; roles hold on direct URLs; deactivation ends access', async ({
  page,
  aplis,
}) => {
  await aplis.setUpTestOrganisation(COORDINATOR);
  await aplis.goTo('Settings');
  await page.getByRole('link', { name: 'Manage staff' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Staff and passphrases' }),
  ).toBeVisible();

  await page.getByLabel('Name as colleagues see it').fill('Rūta V.');
  await page.getByLabel('Contact for calendar invitations (optional)').fill('+371 2000 0000');
  await page.getByRole('button', { name: 'Add and set their passphrase' }).click();
  await expect(page.getByRole('heading', { name: 'Passphrase for Rūta V.' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(FACILITATOR);
  await page.getByLabel('Repeat the passphrase').fill(FACILITATOR);
  await page.getByRole('button', { name: 'Save the passphrase' }).click();
  await expect(page.getByRole('row', { name: /Rūta V\. facilitator can sign in/ })).toBeVisible({
    timeout: 20_000,
  });
  // Still signed in as the coordinator.
  await expect(page.getByText('Marta T.').first()).toBeVisible();

  await aplis.lock();
  await aplis.unlock(FACILITATOR);
  await expect(page.locator('.signed-in')).toContainText('Rūta V.');
  // Unlocking on a coordinator's screen lands on Today, not on a refusal.
  await page.goto('/settings/staff');
  await aplis.unlock(FACILITATOR);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('Only coordinators can open this screen.')).toHaveCount(0);
  await aplis.visit('/settings/staff');
  await expect(page.getByText('Only coordinators can open this screen.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add and set their passphrase' })).toHaveCount(0);
  await aplis.goTo('Programmes');
  await expect(page.getByRole('button', { name: 'Duplicate' })).toHaveCount(0);

  await aplis.lock();
  await aplis.unlock(COORDINATOR);
  await page.goto('/settings/staff');
  await aplis.unlock(COORDINATOR);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Deactivate Rūta V.' }).click();
  await expect(page.getByRole('row', { name: /Rūta V\. facilitator deactivated/ })).toBeVisible();
  // The team key rotated: the older records are re-sealed with it in the background.
  await expect(page.getByText('All records use the newest key.')).toBeVisible({ timeout: 15_000 });

  await aplis.lock();
  await page.getByLabel('Passphrase', { exact: true }).fill(FACILITATOR);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('That passphrase did not open Aplis')).toBeVisible();
});
