import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { expect, test } from './fixtures';

test('the library shows both programmes with full meeting plans and content cautions', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Programmes');
  await expect(page.getByRole('link', { name: 'Lotus: healthy relationships' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Peer support group' })).toBeVisible();

  await page.getByRole('link', { name: 'Lotus: healthy relationships' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: /^Meeting \d+/ })).toHaveCount(10);
  // Shipped programmes are read-only.
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await expect(
    page.getByText('This programme comes with Aplis and cannot be changed.'),
  ).toBeVisible();

  await page.getByRole('link', { name: /Meeting 3/ }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: /Meeting 3: Mental, emotional and sexual/ }),
  ).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'Content caution' })).toBeVisible();
  await expect(page.getByText('Activities add up to 90 of 90 minutes.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Materials' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Notes for facilitators' })).toBeVisible();
});

test('a coordinator duplicates a programme and edits the copy; changes survive a reload', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Programmes');
  await page
    .getByRole('listitem')
    .filter({ hasText: 'Lotus: healthy relationships' })
    .getByRole('button', { name: 'Duplicate' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit programme' })).toBeVisible();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(
    'Lotus: healthy relationships (copy)',
  );
  await page.getByLabel('Title', { exact: true }).fill('Lotus for our Riga groups');

  // Edit meeting 1's topic.
  const first = page.locator('details.meeting-editor').first();
  await first.locator('summary').click();
  await first.getByLabel('Topic').fill('Getting to know each other');
  // Add an activity: the minutes no longer add up, and the editor says so.
  await first.getByRole('button', { name: 'Add an activity' }).click();
  await expect(first.getByText(/Activities add up to \d+ of 90 minutes/)).toBeVisible();
  await expect(first.locator('summary .badge-caution')).toBeVisible();
  // Remove it again.
  await first
    .getByRole('button', { name: /Remove Activity \d+/ })
    .last()
    .click();
  await expect(first.getByText('Activities add up to 90 of 90 minutes.')).toBeVisible();

  // Move meeting 2 above meeting 1.
  const second = page.locator('details.meeting-editor').nth(1);
  await second.locator('summary').click();
  await second.getByRole('button', { name: 'Move Meeting 2 up' }).click();
  await expect(page.locator('details.meeting-editor').nth(1).locator('summary')).toContainText(
    'Meeting 2 Getting to know each other',
  );

  // Add and remove a meeting.
  await page.getByRole('button', { name: 'Add a meeting' }).click();
  await expect(page.locator('details.meeting-editor')).toHaveCount(11);
  const added = page.locator('details.meeting-editor').last();
  await added.getByLabel('Topic').fill('Extra: a visit to the youth centre');
  await expect(page.getByText('All changes saved')).toBeVisible();

  await page.reload();
  await aplis.unlock(DEMO_PASSPHRASE);
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Lotus for our Riga groups');
  await expect(page.locator('details.meeting-editor')).toHaveCount(11);
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(
    page.getByRole('link', { name: /Meeting 2\s*Getting to know each other/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: /Meeting 11\s*Extra: a visit to the youth centre/ }),
  ).toBeVisible();

  // The shipped programme is unchanged.
  await aplis.goTo('Programmes');
  await page.getByRole('link', { name: 'Lotus: healthy relationships' }).click();
  await expect(
    page.getByRole('link', { name: /Meeting 1\s*Healthy and unhealthy relationships/ }),
  ).toBeVisible();
  await expect(page.getByText('Getting to know each other')).toHaveCount(0);
});
