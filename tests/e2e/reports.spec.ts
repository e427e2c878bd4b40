import { readFile } from 'node:fs/promises';
import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { expect, test } from './fixtures';

/** The demo's invented young people (features/setup/demo-data.ts). */
const DEMO_NAMES = [
  'Alise',
  'Beāte',
  'Diāna',
  'Elza',
  'Katrīna',
  'Laura',
  'Nora',
  'Artūrs',
  'Dāvis',
  'Kārlis',
  'Oskars',
  'Rihards',
  'Sergejs',
];

test('a coordinator reads a group report, a young person leaves anonymous feedback, and the funder CSV names no one', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Reports');
  await expect(page.getByRole('heading', { name: 'Organisation overview' })).toBeVisible();

  // The cohort report: the matrix as a real table, and the chart with its table.
  await page.getByRole('link', { name: 'Lotus — Riga, autumn' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Group report' })).toBeVisible();
  const matrix = page.getByRole('table', { name: 'Attendance by participant (code) and meeting' });
  await expect(matrix).toBeVisible();
  await expect(matrix.getByRole('row')).toHaveCount(9);
  await expect(matrix.getByRole('rowheader').first()).toHaveText(/^L\d{2}-\d{2}$/);
  await expect(page.locator('.report-chart-box svg')).toBeVisible();
  await expect(page.getByRole('table', { name: /Mood and engagement per meeting/ })).toBeAttached();
  for (const name of DEMO_NAMES)
    await expect(page.getByText(name, { exact: false })).toHaveCount(0);

  // Hand over for a check-out after meeting 2.
  await page.getByRole('link', { name: /Check-out after meeting 2/ }).click();
  await expect(page.getByRole('heading', { name: 'How was today?' })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await page
    .getByRole('group', { name: 'Did you feel safe here today?' })
    .getByRole('radio', { name: 'Yes' })
    .check();
  await page.getByRole('radio', { name: 'Really good' }).check();
  await page.getByLabel(/Anything else/).fill('The tea was warm');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  // The back button does not leave the kiosk.
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Finish collecting feedback' })).toBeVisible();
  await page.getByLabel('Passphrase').fill(DEMO_PASSPHRASE);
  await page.getByRole('button', { name: 'Finish', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Group report' })).toBeVisible();
  const answers = page.getByRole('table', { name: 'Check-out answers per meeting' });
  await expect(answers.getByRole('row', { name: /Meeting 2/ })).toContainText('1 / 0 / 0');
  await expect(page.getByText('The tea was warm')).toBeVisible();

  // The funder CSV: BOM, the organisation, no names or codes.
  await aplis.goTo('Reports');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^aplis-report-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.toString('utf8');
  expect(csv).toContain('Demo centre “Solstice”');
  expect(csv).toContain('Young people in groups');
  for (const name of DEMO_NAMES) expect(csv).not.toContain(name);
  expect(csv).not.toMatch(/[LP]\d{2}-\d{2}/);
  expect(csv).not.toContain('The tea was warm');
});

test('the funder PDF downloads from the reports page', async ({ page, aplis }) => {
  await aplis.open('lv');
  await page.getByRole('button', { name: 'Izmēģināt demo' }).click();
  await aplis.expectToday();
  await aplis.goTo('Pārskati');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Lejupielādēt PDF' }).click(),
  ]);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
