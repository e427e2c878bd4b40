import { expect, test } from './fixtures';

const PASSPHRASE = 'river stones and quiet mornings';

test('a coordinator sets up the organisation, locks, mistypes, and unlocks', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await expect(page.getByRole('heading', { name: 'Welcome to Aplis' })).toBeVisible();
  const code = await aplis.setUpOrganisation({
    organisation: 'Centrs Testa',
    name: 'Marta T.',
    passphrase: PASSPHRASE,
  });
  expect(code).toMatch(/^([0-9A-Z]{5}-){4}[0-9A-Z]{5}$/);
  await expect(page.getByText('Marta T.')).toBeVisible();
  await expect(page.getByText('Centrs Testa')).toBeVisible();

  await aplis.lock();
  await expect(page.getByText('Marta T.')).toHaveCount(0);
  await page.getByLabel('Passphrase', { exact: true }).fill('river stones and quiet evenings');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('That passphrase did not open Aplis')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible();

  await aplis.unlock(PASSPHRASE);
  await expect(page.getByText('Marta T.')).toBeVisible();
});

test('the app opens locked after every reload', async ({ page, aplis }) => {
  await aplis.setUpTestOrganisation(PASSPHRASE);
  await page.goto('/programmes');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible();
  await aplis.unlock(PASSPHRASE);
  // The address the user was on is kept through the lock.
  await expect(page.getByRole('heading', { level: 1, name: 'Programmes' })).toBeVisible();
});

test('after five wrong tries in a row the next try waits, shown as a countdown', async ({
  page,
  aplis,
}) => {
  await aplis.setUpTestOrganisation(PASSPHRASE);
  await aplis.lock();
  const unlock = page.getByRole('button', { name: 'Unlock' });
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel('Passphrase', { exact: true }).fill(`wrong passphrase number ${i}`);
    await unlock.click();
    await expect(page.getByText('That passphrase did not open Aplis')).toBeVisible();
    if (i < 5) await expect(unlock).toBeEnabled();
  }
  await expect(page.getByText(/You can try again in \d+ seconds?/)).toBeVisible();
  await expect(unlock).toBeDisabled();
  // The wait survives a reload.
  await page.reload();
  await expect(page.getByText(/You can try again in \d+ seconds?/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeEnabled({ timeout: 10_000 });
  await aplis.unlock(PASSPHRASE);
});

test('the recovery code unlocks, forces a new passphrase and is replaced by a new code', async ({
  page,
  aplis,
}) => {
  const code = await aplis.setUpTestOrganisation(PASSPHRASE);
  await aplis.lock();
  await page.getByRole('button', { name: 'Forgot the passphrase? Use the recovery code' }).click();
  await page.getByLabel('Recovery code').fill(code.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a new passphrase' })).toBeVisible({
    timeout: 20_000,
  });
  await page.getByLabel('Passphrase', { exact: true }).fill('a brand new passphrase for me');
  await page.getByLabel('Repeat the passphrase').fill('a brand new passphrase for me');
  await page.getByRole('button', { name: 'Save the new passphrase' }).click();
  await expect(page.getByRole('heading', { name: 'Your recovery code' })).toBeVisible({
    timeout: 20_000,
  });
  const newCode = (await page.getByTestId('recovery-code').textContent())?.trim();
  expect(newCode).not.toBe(code);
  await page.getByLabel('I have written down or printed the recovery code').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await aplis.expectToday();

  await aplis.lock();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('That passphrase did not open Aplis')).toBeVisible();
  await aplis.unlock('a brand new passphrase for me');
});

test('a too-short passphrase is explained and nothing typed is lost', async ({ page, aplis }) => {
  await aplis.open('en');
  await page.getByRole('button', { name: 'Set up', exact: true }).click();
  await page.getByLabel('Organisation name').fill('Centrs Testa');
  await page.getByLabel('Your name as colleagues see it').fill('Marta T.');
  await page.getByLabel('Passphrase', { exact: true }).fill('short one');
  await page.getByLabel('Repeat the passphrase').fill('short one');
  await expect(page.getByText('Strength: too short')).toBeVisible();
  await page.getByRole('button', { name: 'Create and lock with this passphrase' }).click();
  await expect(page.getByText('The passphrase needs at least 12 characters.')).toBeVisible();
  await expect(page.getByLabel('Organisation name')).toHaveValue('Centrs Testa');
  await expect(page.getByLabel('Your name as colleagues see it')).toHaveValue('Marta T.');
});
