import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { expect, test } from './fixtures';

test('demo mode: bannered fictional organisation, passphrase on the unlock screen, wiped in one step', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await expect(page.getByRole('note').filter({ hasText: 'Demo organisation' })).toBeVisible();
  await expect(
    page
      .getByRole('heading', { name: 'No meetings today.' })
      .or(page.getByText(/meeting \d+/).first()),
  ).toBeVisible();

  await aplis.goTo('Groups');
  await expect(page.getByRole('heading', { name: 'Lotus — Riga, autumn' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Young men’s support group' })).toBeVisible();
  // The demo's attendance is there: four Lotus meetings held, six peer-group meetings.
  await expect(page.getByText(/^4 of 10 · attendance \d+%$/)).toBeVisible();
  await expect(page.getByText(/^6 of 12 · attendance \d+%$/)).toBeVisible();

  await aplis.goTo('Participants');
  await expect(page.getByRole('cell', { name: 'Alise' })).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(15); // header + 14 fictional participants

  await page.reload();
  await expect(page.getByText(DEMO_PASSPHRASE)).toBeVisible();
  await aplis.unlock(DEMO_PASSPHRASE);

  await aplis.goTo('Settings');
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Wipe demo data' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Aplis' })).toBeVisible();
  expect(errors, 'wiping throws nothing (it threw DatabaseClosedError)').toEqual([]);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Welcome to Aplis' })).toBeVisible();
});

test('today shows the demo Lotus meeting with its topic', async ({ page, aplis }) => {
  await aplis.open('en');
  await aplis.tryDemo();
  const today = page.getByRole('heading', { level: 2, name: 'Today’s meetings' });
  await expect(today).toBeVisible();
  await expect(page.getByRole('link', { name: /Lotus — Riga, autumn — meeting 5/ })).toBeVisible();
  await page.getByRole('link', { name: /Lotus — Riga, autumn — meeting 5/ }).click();
  // The card opens meeting mode, with the plan's topic (Lotus week 5).
  await expect(
    page.getByRole('heading', { level: 1, name: 'Lotus — Riga, autumn — meeting 5' }),
  ).toBeVisible();
  await expect(page.getByText('Building positive self-esteem').first()).toBeVisible();
});
