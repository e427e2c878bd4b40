/**
 * Nothing readable at rest: after distinctive text has been typed and the
 * demo participants shown, no storage the page can reach holds it in the clear.
 */
import type { Page } from '@playwright/test';
import { expect, ORIGIN, test } from './fixtures';

/** Every IndexedDB store, localStorage, sessionStorage and Cache Storage, as one string. */
async function dumpStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    const bytesToText = (bytes: Uint8Array) =>
      new TextDecoder('utf-8', { fatal: false }).decode(bytes) +
      String.fromCharCode(...bytes.subarray(0, 4096));
    const walk = (value: unknown): string => {
      if (value instanceof Uint8Array) return bytesToText(value);
      if (value instanceof ArrayBuffer) return bytesToText(new Uint8Array(value));
      if (ArrayBuffer.isView(value)) return bytesToText(new Uint8Array(value.buffer));
      if (Array.isArray(value)) return value.map(walk).join('\n');
      if (value && typeof value === 'object')
        return Object.entries(value)
          .map(([k, v]) => `${k}:${walk(v)}`)
          .join('\n');
      return String(value);
    };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
        });
        parts.push(`[${info.name}/${store}] ${walk(rows)}`);
      }
      db.close();
    }
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++)
        parts.push(`${storage.key(i)}=${storage.getItem(storage.key(i)!)}`);
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        parts.push(`[cache ${request.url}] ${response ? await response.text() : ''}`);
      }
    }
    return parts.join('\n');
  });
}

test('a staff name and a note in an edited programme copy are not readable in any storage', async ({
  page,
  aplis,
}) => {
  const staffName = 'Zentiņa Unikālā-Ozoliņa';
  const note = 'Slepena piezīme XYZZY-42 par grupu';
  await aplis.open('en');
  await aplis.setUpOrganisation({
    organisation: 'Biedrība Ķiršu Dārzs',
    name: staffName,
    passphrase: 'the garden gate is green',
  });
  await expect(page.getByText(staffName)).toBeVisible();
  await aplis.goTo('Programmes');
  await page.getByRole('button', { name: 'Duplicate' }).first().click();
  const first = page.locator('details.meeting-editor').first();
  await first.locator('summary').click();
  await first.getByLabel('Notes for facilitators').fill(note);
  await expect(page.getByText('All changes saved')).toBeVisible();
  await expect(page.locator('title')).not.toContainText('XYZZY');

  const dump = await dumpStorage(page);
  // Positive controls: the dump really reached every kind of storage.
  for (const place of [
    '[aplis/staff]',
    '[aplis/programmes]',
    'aplis.language=en',
    `[cache ${ORIGIN}/index.html`,
  ]) {
    expect(dump.includes(place), `the dump should include ${place}`).toBe(true);
  }
  for (const secret of [staffName, 'Zentiņa', note, 'XYZZY-42', 'Ķiršu Dārzs']) {
    expect(dump.includes(secret), `"${secret}" found at rest`).toBe(false);
  }
});

test('the demo participants, notes and staff are not readable in any storage', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Participants');
  await expect(page.getByRole('cell', { name: 'Beāte' })).toBeVisible();
  await aplis.goTo('Groups');
  await expect(page.getByText('Lotus — Riga, autumn')).toBeVisible();

  const dump = await dumpStorage(page);
  for (const place of ['[aplis/participants]', '[aplis/notes]', '[aplis/staff]']) {
    expect(dump.includes(place), `the dump should include ${place}`).toBe(true);
  }
  for (const secret of [
    'Alise',
    'Beāte',
    'Kārlis',
    'Sergejs',
    'Anna Kalniņa',
    'Jānis Ozols',
    'Lotus — Riga, autumn',
    'Freedom Street',
    'boundaries in families',
    'Solstice',
  ]) {
    expect(dump.includes(secret), `"${secret}" found at rest`).toBe(false);
  }
});
