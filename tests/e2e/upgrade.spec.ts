import { expect, test } from './fixtures';

test('a tab left open steps aside when another tab upgrades the database, and loses nothing', async ({
  page,
  context,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Groups');
  await expect(page.locator('.card')).toHaveCount(2);
  const reloaded = page.waitForEvent('load');

  // A newer release opens the database at a higher version in a second tab.
  const newer = await context.newPage();
  await newer.goto('/favicon.svg'); // same origin, without the app
  const upgrade = await newer.evaluate(async () => {
    const current = (await indexedDB.databases()).find((d) => d.name === 'aplis')!.version!;
    return new Promise<string>((resolve) => {
      const request = indexedDB.open('aplis', current + 1);
      request.onblocked = () => resolve('blocked');
      request.onsuccess = () => {
        request.result.close();
        resolve('upgraded');
      };
      request.onerror = () => resolve('error');
    });
  });
  expect(upgrade).toBe('upgraded');

  // The old tab let go of the database and reloaded, locked, instead of blocking it.
  await reloaded;
  await newer.close();
  await aplis.unlock('aplis demo 2026');
  await aplis.goTo('Groups');
  await expect(page.locator('.card')).toHaveCount(2);
});
