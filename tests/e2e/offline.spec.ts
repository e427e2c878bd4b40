import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { text } from './texts';
import { expect, test } from './fixtures';

/** A shipped curriculum's title, from its file. */
const programmeTitle = (id: string, lng: string) =>
  (
    JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../../sessions', id, `${lng}.json`), 'utf8'),
    ) as { title: string }
  ).title;

test('after the first visit the app loads, unlocks and works with the network off', async ({
  page,
  context,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemoCachedForOffline();

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible();
  await aplis.unlock(DEMO_PASSPHRASE);
  await aplis.goTo('Participants');
  await expect(page.getByRole('cell', { name: 'Alise' })).toBeVisible();
  // A screen never opened before (its code and the Latvian curriculum) still loads offline.
  await aplis.switchLanguage('lv');
  await aplis.goTo('Programmas');
  await page.getByRole('link', { name: 'Lotus: veselīgas attiecības' }).click();
  await expect(page.getByText('Veselīgas un neveselīgas attiecības').first()).toBeVisible();
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Aplis ir aizslēgts' })).toBeVisible();
  await context.setOffline(false);
});

test('Russian and Ukrainian are cached with the app: texts, curricula and recipe pages work offline', async ({
  page,
  context,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemoCachedForOffline();
  await context.setOffline(true);

  for (const lng of ['uk', 'ru'] as const) {
    await aplis.switchLanguage(lng);
    await aplis.goTo(text(lng, 'common:nav.programmes'));
    await page.getByRole('link', { name: programmeTitle('lotus', lng) }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(programmeTitle('lotus', lng));
    await aplis.goTo(text(lng, 'common:nav.programmes'));
  }
  for (const address of ['/neutral-ru.html', '/neutral-uk.html']) {
    await page.goto(address);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^(Блины|Млинці)$/);
  }
  await context.setOffline(false);
});

test('the app is installable: manifest with icons', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await request.get(href!)).json()) as {
    name: string;
    display: string;
    icons: { sizes: string }[];
  };
  expect(manifest.name).toBe('Aplis');
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(
    expect.arrayContaining(['192x192', '512x512']),
  );
  for (const icon of manifest.icons as unknown as { src: string }[]) {
    expect((await request.get(icon.src)).ok()).toBe(true);
  }
});
