import { expect, test } from './fixtures';

test('a damaged record shows a clear message for that record and the rest of the app keeps working', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Programmes');
  await page.getByRole('button', { name: 'Duplicate' }).first().click();
  await expect(
    page.getByText('All changes saved').or(page.getByRole('heading', { name: 'Edit programme' })),
  ).toBeVisible();
  const copyUrl = page.url().replace(/\/edit$/, '');

  // Flip one bit of the sealed payload on disk, as a failing disk or tampering would.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('aplis');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error('open failed'));
    });
    await new Promise<void>((resolve, reject) => {
      const store = db.transaction('programmes', 'readwrite').objectStore('programmes');
      const cursor = store.openCursor();
      cursor.onsuccess = () => {
        const row = cursor.result!.value as { sealed: Uint8Array };
        row.sealed[30] = row.sealed[30]! ^ 1;
        const put = cursor.result!.update(row);
        put.onsuccess = () => resolve();
        put.onerror = () => reject(new Error('update failed'));
      };
    });
    db.close();
  });

  await page.goto(copyUrl);
  await aplis.unlock('aplis demo 2026');
  await expect(page.getByRole('heading', { name: 'This record is damaged' })).toBeVisible();
  await expect(page.getByText('Everything else is fine.')).toBeVisible();

  await aplis.goTo('Programmes');
  await expect(page.getByText('1 record is damaged and cannot be opened.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Lotus: healthy relationships' })).toBeVisible();
  await aplis.goTo('Participants');
  await expect(page.getByRole('cell', { name: 'Alise' })).toBeVisible();
});

test('an unknown address shows a calm 404 page with a way back', async ({ page, aplis }) => {
  await aplis.open('lv');
  await page.getByRole('button', { name: 'Izmēģināt demo' }).click();
  await aplis.expectToday();
  await page.goto('/nav-tadas-lapas');
  await aplis.unlock('aplis demo 2026');
  await expect(page.getByRole('heading', { name: 'Lapa nav atrasta' })).toBeVisible();
  await page.getByRole('link', { name: 'Atpakaļ uz sadaļu „Šodien”' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Šodien' })).toBeVisible();
});
