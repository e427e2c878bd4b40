import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { expect, test } from './fixtures';

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
