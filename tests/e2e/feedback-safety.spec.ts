import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { expect, test } from './fixtures';

test('a "No" to feeling safe shows the support lines, and the close-meeting screen counts it without saying who', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Reports');
  await page.getByRole('link', { name: 'Lotus — Riga, autumn' }).click();
  await page.getByRole('link', { name: /Check-out after meeting 2/ }).click();
  await expect(page.getByRole('heading', { name: 'How was today?' })).toBeVisible();
  await expect(page.getByText(/Your name is not saved with your answers/)).toBeVisible();

  await page
    .getByRole('group', { name: 'Did you feel safe here today?' })
    .getByRole('radio', { name: 'No' })
    .check();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(
    page.getByText('Thank you for telling us that you did not feel safe.'),
  ).toBeVisible();
  const lines = page.getByRole('region', { name: 'If you want to talk to someone' });
  await expect(lines.getByRole('link', { name: '116 111' })).toHaveAttribute('href', 'tel:116111');
  await expect(lines.getByRole('link', { name: '116 006' })).toBeVisible();
  await expect(page.getByText('If you are in danger right now, call 112.')).toBeVisible();

  // The next young person starts on a clean form that says nothing about the last one.
  await page.getByRole('button', { name: 'Next person' }).click();
  await expect(page.getByText(/did not feel safe/)).toHaveCount(0);

  // Staff finish: back to the meeting's close section, with a count and no name.
  await page.getByRole('button', { name: 'Staff: finish' }).click();
  await page.getByLabel('Passphrase').fill(DEMO_PASSPHRASE);
  await page.getByRole('button', { name: 'Finish', exact: true }).click();
  const signal = page.getByText('1 young person did not feel safe today');
  await expect(signal).toBeVisible();
  const notice = page.locator('.notice', { has: signal });
  await expect(notice).toContainText('nobody can tell who answered');
  await expect(notice).not.toContainText(/[LP]\d{2}-\d{2}/);
});
