/**
 * Nothing readable at rest: after distinctive text has been typed and the
 * demo participants shown, no storage the page can reach holds it in the clear.
 */
import { expect, ORIGIN, test } from './fixtures';
import { dumpStorage } from './storage-dump';

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

  const dump = await dumpStorage(page, { caches: true });
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

  const dump = await dumpStorage(page, { caches: true });
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
