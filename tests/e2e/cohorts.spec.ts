import ICAL from 'ical.js';
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test('a coordinator plans a Lotus group around a public holiday, sees a clash, and exports the calendar', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Groups');
  await page.getByRole('link', { name: 'New group' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New group' })).toBeVisible();

  await page.getByLabel('Name of the group').fill('Lotus — Cēsis');
  await page.getByLabel('Anna Kalniņa').check();
  await page.getByLabel('Dace Liepa').check();
  await page.getByLabel('Place', { exact: true }).fill('Cēsis youth centre');
  await page.getByLabel('Room', { exact: true }).fill('1');
  // Thursday 11 November 2027, the week before Proclamation Day (Thursday 18 November).
  await page.getByLabel('First meeting on or after').fill('2027-11-11');
  await page.getByLabel('Start time').fill('16:00');
  const preview = page.getByRole('region', { name: 'Meeting dates' }).getByRole('listitem');
  await expect(preview).toHaveCount(10);
  await expect(preview.first()).toContainText('Thursday, 11 November 2027');
  await expect(preview.nth(1)).toContainText('Thursday, 25 November 2027');
  await expect(page.getByText(/Skipped because of closures: 18\/11\/2027/)).toBeVisible();
  await expect(preview.first()).toContainText('Healthy and unhealthy relationships');
  await page.getByRole('button', { name: 'Save the group' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Lotus — Cēsis' })).toBeVisible();
  const rows = page.getByRole('row');
  await expect(rows).toHaveCount(11);
  await expect(page.getByRole('cell', { name: '18/11/2027' })).toHaveCount(0);

  // Move meeting 4 a week later, and the rest with it.
  await page.getByRole('button', { name: 'Change meeting 4' }).click();
  await page.getByLabel('New date', { exact: true }).fill('2027-12-16');
  await page.getByLabel('This one and all after it (weekly from the new date)').check();
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  const row = (n: number) =>
    page.getByRole('row').filter({ has: page.getByRole('cell', { name: String(n), exact: true }) });
  await expect(row(4)).toContainText('16/12/2027');
  await expect(row(3)).toContainText('02/12/2027');
  await expect(row(10)).toContainText('27/01/2028');

  // Cancel meeting 5 and drop its plan; it stays listed with the reason.
  await page.getByRole('button', { name: 'Change meeting 5' }).click();
  await page.getByLabel('Cancel it').check();
  await page.getByLabel('Reason for cancelling').fill('Room flooded');
  await page.getByLabel('Drop the plan').check();
  await page.getByRole('button', { name: 'Cancel the meeting' }).click();
  await expect(row(5)).toContainText('cancelled: Room flooded');
  await expect(page.getByRole('button', { name: 'Change meeting 5' })).toHaveCount(0);

  // The calendar file: 10 events at 16:00 Riga time.
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download calendar (.ics)' }).click();
  const download = await downloadPromise;
  const text = await readFile(await download.path(), 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  ICAL.TimezoneService.register(new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  expect(events).toHaveLength(10);
  expect(text.match(/STATUS:CANCELLED/g)).toHaveLength(1);
  expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2027-11-11T14:00:00.000Z');
  expect(events[0]!.summary).toContain('Lotus — Cēsis');
  expect(text).not.toMatch(/Alise|Beāte|Kārlis/);

  // A second group with the same facilitator at an overlapping time.
  await aplis.goTo('Groups');
  await page.getByRole('link', { name: 'New group' }).click();
  await page.getByLabel('Name of the group').fill('Peer group — Cēsis');
  await page.getByLabel('Programme').selectOption({ label: 'Peer support group' });
  await page.getByLabel('Anna Kalniņa').check();
  await page.getByLabel('First meeting on or after').fill('2027-11-11');
  await page.getByLabel('Start time').fill('17:00');
  await expect(
    page.getByText('Anna Kalniņa also leads Lotus — Cēsis on 11/11/2027 at the same time.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Peer group — Cēsis' })).toBeVisible();
});

test('the new-group form explains bad input next to the field and saves nothing', async ({
  page,
  aplis,
}) => {
  await aplis.open('lv');
  await page.getByRole('button', { name: 'Izmēģināt demo' }).click();
  await aplis.expectToday();
  await aplis.goTo('Grupas');
  await page.getByRole('link', { name: 'Jauna grupa' }).click();
  await page.getByLabel('Pirmā tikšanās ne agrāk kā').fill('2027-11-18');
  await page.getByLabel('Jaunākais vecums').fill('18');
  await page.getByLabel('Vecākais vecums').fill('15');
  await page.getByLabel('Vietu skaits').fill('0');
  await page.getByRole('button', { name: 'Saglabāt grupu' }).click();
  await expect(page.getByText('Lūdzu, aizpildiet šo lauku.')).toBeVisible();
  await expect(page.getByText('Izvēlieties vismaz vienu grupas vadītāju.')).toBeVisible();
  await expect(
    page.getByText(/Šajā datumā ir slēgts \(Latvijas Republikas proklamēšanas diena\)/i),
  ).toBeVisible();
  await expect(page.getByText('Jaunākais vecums nedrīkst būt lielāks par vecāko.')).toBeVisible();
  await expect(page.getByText('Grupā jābūt vismaz 1 vietai.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Jauna grupa' })).toBeVisible();
  await aplis.goTo('Grupas');
  await expect(page.locator('.card')).toHaveCount(2);
});

test('the organisation’s own closure (a summer break) is skipped like a public holiday', async ({ page, aplis }) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Settings');
  await page.getByLabel('What it is').fill('Summer break');
  await page.getByLabel('First day').fill('2027-07-01');
  await page.getByLabel('Last day (leave empty for one day)').fill('2027-08-31');
  await page.getByRole('button', { name: 'Add the closure' }).click();
  await expect(page.getByText(/Summer break: 01\/07\/2027 – 31\/08\/2027/)).toBeVisible();

  await aplis.goTo('Groups');
  await page.getByRole('link', { name: 'New group' }).click();
  await page.getByLabel('First meeting on or after').fill('2027-06-17');
  const preview = page.getByRole('region', { name: 'Meeting dates' }).getByRole('listitem');
  await expect(preview).toHaveCount(10);
  await expect(preview.first()).toContainText('Thursday, 17 June 2027');
  // 24 June is Midsummer (a public holiday); July and August are the summer break.
  await expect(preview.nth(1)).toContainText('Thursday, 2 September 2027');
});

test('a facilitator marked away is flagged on the group meetings that fall on those days', async ({ page, aplis }) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await page.goto('/settings/staff');
  await aplis.unlock('aplis demo 2026');
  await page.getByLabel('Who').selectOption({ label: 'Anna Kalniņa' });
  await page.getByLabel('First day').fill('2027-11-25');
  await page.getByRole('button', { name: 'Mark as away' }).click();
  await expect(page.getByRole('row', { name: /Anna Kalniņa/ })).toContainText('away 25/11/2027 – 25/11/2027');

  await aplis.goTo('Groups');
  await page.getByRole('link', { name: 'New group' }).click();
  await page.getByLabel('Anna Kalniņa').check();
  await page.getByLabel('First meeting on or after').fill('2027-11-11');
  await expect(page.getByText('Anna Kalniņa is marked away on 25/11/2027.')).toBeVisible();
});
