/**
 * Russian and Ukrainian where a young person meets them: the plan they write
 * and take home, the check-out kiosk, and the quick-exit page. Every text the
 * test expects is read from the app's own locale files, so it checks the
 * shipped translations rather than a copy of them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PlanPage } from './pages/plan-page';
import { text } from './texts';
import { expect, test } from './fixtures';

const artefacts = path.join('test-results', 'languages-artefacts');
const fold = (value: string) => value.replace(/\s+/g, ' ').trim();

test('a young person switches the kiosk plan to Ukrainian, writes it in Ukrainian and takes home a PDF that reads back exactly', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Participants');
  const plan = new PlanPage(page);
  await plan.openFirstFromParticipants();
  await plan.handOver('en');

  // On the plan itself, in Ukrainian's own script.
  await page.getByRole('radio', { name: 'Українська' }).check();
  const uk = (key: string, values?: Record<string, string | number>) =>
    text('uk', `plans:${key}`, values);
  await expect(page.getByRole('heading', { level: 1, name: uk('title') })).toBeVisible();
  await expect(page.locator('.kiosk')).toHaveAttribute('lang', 'uk');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  const words = {
    name: 'Олеся',
    hopes: 'Хочу закінчити школу й жити спокійно: ґанок, їжак, є, і, сім’я',
    strengths: 'Я вмію слухати і не здаюся',
    family: 'Подзвонити бабусі в неділю',
    trusted: 'Тітка Ганна',
  };
  await page.getByLabel(uk('nameOnPlan')).fill(words.name);
  const answers = page.getByLabel(uk('yourAnswer'), { exact: true });
  await answers.nth(0).fill(words.hopes);
  await answers.nth(1).fill(words.strengths);
  await page
    .getByRole('group', { name: uk('areas.family') })
    .getByLabel(uk('actionHeader', { n: 1 }), { exact: true })
    .fill(words.family);
  await answers.nth(4).fill(words.trusted);
  await expect(page.getByText(uk('saved'), { exact: true })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: uk('savePdf') }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(uk('pdf.fileName'));
  mkdirSync(artefacts, { recursive: true });
  const pdfPath = path.join(artefacts, 'plan-uk.pdf');
  await file.saveAs(pdfPath);
  await expect(page.getByText(uk('pdfReady'))).toBeVisible();

  const pdf = fold(
    execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }),
  );
  for (const expected of [
    ...Object.values(words),
    uk('title'),
    uk('sections.hopes.title'),
    uk('sections.strengths.title'),
    uk('sections.selfCare.title'),
    uk('sections.boundaries.title'),
    uk('sections.actions.title'),
    uk('sections.trustedPeople.title'),
    uk('sections.helpPlaces.title'),
    uk('areas.self'),
    uk('areas.family'),
    uk('areas.peers'),
    uk('areas.partners'),
    uk('contactsTitle'),
    uk('helplines.children'),
    uk('helplines.crimeVictims'),
    '116 111',
    '116 006',
  ])
    expect(pdf, `the PDF should read “${expected}”`).toContain(fold(expected));
});

test('the check-out kiosk in Russian: a young person answers in Russian, and quick exit leaves for the Russian recipe page', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await page.goto('/reports');
  await aplis.unlock('aplis demo 2026');
  await page.locator('table a[href^="/reports/cohorts/"]').first().click();
  await page.locator('a[href$="/feedback"]').first().click();
  await expect(page.locator('.feedback-kiosk h1')).toBeVisible();

  // The switch names each language in its own script.
  const switcher = page.getByRole('combobox', { name: text('en', 'common:language.label') });
  await expect(switcher.locator('option')).toHaveText([
    'Latviešu',
    'English',
    'Русский',
    'Українська',
  ]);
  await switcher.selectOption('ru');
  const ru = (key: string) => text('ru', `reports:kiosk.${key}`);
  await expect(page.getByRole('heading', { level: 1, name: ru('title') })).toBeVisible();
  await expect(page.locator('.kiosk')).toHaveAttribute('lang', 'ru');

  await page
    .getByRole('group', { name: ru('safe') })
    .getByRole('radio', { name: ru('answers.yes') })
    .check();
  await page.getByRole('radio', { name: ru('faces.4'), exact: true }).check();
  await page.getByLabel(ru('comment')).fill('Было спокойно, спасибо за чай');
  await page.getByRole('button', { name: ru('send') }).click();
  await expect(page.getByRole('heading', { level: 1, name: ru('thanks') })).toBeVisible();
  await page.getByRole('button', { name: ru('next') }).click();
  await expect(page.getByRole('heading', { level: 1, name: ru('title') })).toBeVisible();

  // Quick exit, in Russian, to the Russian recipe page.
  await page.getByRole('button', { name: text('ru', 'common:quickExit.button') }).click();
  await expect(page).toHaveURL(/\/neutral-ru\.html$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Блины');
  await expect(page).toHaveTitle('Блины — простой рецепт');
});
