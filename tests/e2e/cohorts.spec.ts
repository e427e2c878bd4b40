import ICAL from 'ical.js';
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

/** What the planning flow reads and clicks, in each language. */
const planning = {
  en: {
    groups: 'Groups',
    newGroup: 'New group',
    name: 'Name of the group',
    place: 'Place',
    room: 'Room',
    firstDate: 'First meeting on or after',
    startTime: 'Start time',
    programme: 'Programme',
    peerProgramme: 'Peer support group',
    preview: 'Meeting dates',
    firstLong: 'Thursday, 11 November 2027',
    secondLong: 'Thursday, 25 November 2027',
    skipped: /Skipped because of closures: 18\/11\/2027/,
    firstTopic: 'Healthy and unhealthy relationships',
    save: 'Save the group',
    saveAnyway: 'Save anyway',
    change: (n: number) => `Change meeting ${n}`,
    newDate: 'New date',
    thisAndAfter: 'This one and all after it (weekly from the new date)',
    move: 'Move',
    cancelIt: 'Cancel it',
    reason: 'Reason for cancelling',
    dropPlan: 'Drop the plan',
    cancelMeeting: 'Cancel the meeting',
    cancelled: 'cancelled: Room flooded',
    download: 'Download calendar (.ics)',
    date: (d: string, m: string, y: string) => `${d}/${m}/${y}`,
    clash: 'Anna Kalniņa also leads Lotus — Cēsis on 11/11/2027 at the same time.',
  },
  lv: {
    groups: 'Grupas',
    newGroup: 'Jauna grupa',
    name: 'Grupas nosaukums',
    place: 'Vieta',
    room: 'Telpa',
    firstDate: 'Pirmā tikšanās ne agrāk kā',
    startTime: 'Sākuma laiks',
    programme: 'Programma',
    peerProgramme: 'Vienaudžu atbalsta grupa',
    preview: 'Tikšanās datumi',
    firstLong: 'ceturtdiena, 2027. gada 11. novembris',
    secondLong: 'ceturtdiena, 2027. gada 25. novembris',
    skipped: /Izlaists slēgšanas dienu dēļ: 18\.11\.2027\./,
    firstTopic: 'Veselīgas un neveselīgas attiecības',
    save: 'Saglabāt grupu',
    saveAnyway: 'Saglabāt tik un tā',
    change: (n: number) => `Mainīt ${n}. tikšanos`,
    newDate: 'Jaunais datums',
    thisAndAfter: 'Šo un visas nākamās (katru nedēļu no jaunā datuma)',
    move: 'Pārcelt',
    cancelIt: 'Atcelt',
    reason: 'Atcelšanas iemesls',
    dropPlan: 'Izlaist plānu',
    cancelMeeting: 'Atcelt tikšanos',
    cancelled: 'atcelta: Room flooded',
    download: 'Lejupielādēt kalendāru (.ics)',
    date: (d: string, m: string, y: string) => `${d}.${m}.${y}.`,
    clash: 'Anna Kalniņa tajā pašā laikā vada arī grupu Lotus — Cēsis (11.11.2027.).',
  },
} as const;

for (const lng of ['en', 'lv'] as const) {
  const s = planning[lng];
  test(`a coordinator plans a Lotus group around a public holiday, sees a clash, and exports the calendar (${lng})`, async ({
    page,
    aplis,
  }) => {
    await aplis.open(lng);
    await page
      .getByRole('button', { name: lng === 'en' ? 'Try the demo' : 'Izmēģināt demo' })
      .click();
    await aplis.expectToday();
    await aplis.goTo(s.groups);
    await page.getByRole('link', { name: s.newGroup }).click();
    await expect(page.getByRole('heading', { level: 1, name: s.newGroup })).toBeVisible();

    await page.getByLabel(s.name).fill('Lotus — Cēsis');
    await page.getByLabel('Anna Kalniņa').check();
    await page.getByLabel('Dace Liepa').check();
    await page.getByLabel(s.place, { exact: true }).fill('Cēsis youth centre');
    await page.getByLabel(s.room, { exact: true }).fill('1');
    // Thursday 11 November 2027, the week before Proclamation Day (Thursday 18 November).
    await page.getByLabel(s.firstDate).fill('2027-11-11');
    await page.getByLabel(s.startTime).fill('16:00');
    const preview = page.getByRole('region', { name: s.preview }).getByRole('listitem');
    await expect(preview).toHaveCount(10);
    await expect(preview.first()).toContainText(s.firstLong);
    await expect(preview.nth(1)).toContainText(s.secondLong);
    await expect(page.getByText(s.skipped)).toBeVisible();
    await expect(preview.first()).toContainText(s.firstTopic);
    await page.getByRole('button', { name: s.save }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Lotus — Cēsis' })).toBeVisible();
    const rows = page.getByRole('row');
    await expect(rows).toHaveCount(11);
    await expect(page.getByRole('cell', { name: s.date('18', '11', '2027') })).toHaveCount(0);

    // Move meeting 4 a week later, and the rest with it.
    await page.getByRole('button', { name: s.change(4) }).click();
    await page.getByLabel(s.newDate, { exact: true }).fill('2027-12-16');
    await page.getByLabel(s.thisAndAfter).check();
    await page.getByRole('button', { name: s.move, exact: true }).click();
    const row = (n: number) =>
      page
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: String(n), exact: true }) });
    await expect(row(4)).toContainText(s.date('16', '12', '2027'));
    await expect(row(3)).toContainText(s.date('02', '12', '2027'));
    await expect(row(10)).toContainText(s.date('27', '01', '2028'));

    // Cancel meeting 5 and drop its plan; it stays listed with the reason.
    await page.getByRole('button', { name: s.change(5) }).click();
    await page.getByLabel(s.cancelIt, { exact: true }).check();
    await page.getByLabel(s.reason).fill('Room flooded');
    await page.getByLabel(s.dropPlan).check();
    await page.getByRole('button', { name: s.cancelMeeting }).click();
    await expect(row(5)).toContainText(s.cancelled);
    await expect(page.getByRole('button', { name: s.change(5) })).toHaveCount(0);

    // The calendar file: 10 events at 16:00 Riga time.
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: s.download }).click();
    const download = await downloadPromise;
    // Named by group and date, so two groups' files do not collide.
    expect(download.suggestedFilename()).toMatch(
      /^aplis-group-lotus-cesis-\d{4}-\d{2}-\d{2}\.ics$/,
    );
    const text = await readFile(await download.path(), 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    ICAL.TimezoneService.register(new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(10);
    expect(text.match(/STATUS:CANCELLED/g)).toHaveLength(1);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2027-11-11T14:00:00.000Z');
    expect(events[0]!.summary).toContain('Lotus — Cēsis');
    expect(text).not.toMatch(/Alise|Beāte|Kārlis/);
    // Revisions: untouched 0, moved 1, moved then cancelled 2; the stamp is UTC.
    expect(events.map((e) => e.sequence)).toEqual([0, 0, 0, 1, 2, 1, 1, 1, 1, 1]);
    expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m);

    // A second group with the same facilitator at an overlapping time.
    await aplis.goTo(s.groups);
    await page.getByRole('link', { name: s.newGroup }).click();
    await page.getByLabel(s.name).fill('Peer group — Cēsis');
    await page.getByLabel(s.programme).selectOption({ label: s.peerProgramme });
    await page.getByLabel('Anna Kalniņa').check();
    await page.getByLabel(s.firstDate).fill('2027-11-11');
    await page.getByLabel(s.startTime).fill('17:00');
    await expect(page.getByText(s.clash)).toBeVisible();
    await page.getByRole('button', { name: s.saveAnyway }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Peer group — Cēsis' })).toBeVisible();
  });
}

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
    page.getByText(/Šajā datumā grupas netiekas \(Latvijas Republikas proklamēšanas diena\)/i),
  ).toBeVisible();
  await expect(page.getByText('Jaunākais vecums nedrīkst būt lielāks par vecāko.')).toBeVisible();
  await expect(page.getByText('Grupā jābūt vismaz 1 vietai.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Jauna grupa' })).toBeVisible();
  await aplis.goTo('Grupas');
  await expect(page.locator('.card')).toHaveCount(2);
});

test('the organisation’s own closure (a summer break) is skipped like a public holiday', async ({
  page,
  aplis,
}) => {
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

test('a facilitator marked away is flagged on the group meetings that fall on those days', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await page.goto('/settings/staff');
  await aplis.unlock('aplis demo 2026');
  await page.getByLabel('Who').selectOption({ label: 'Anna Kalniņa' });
  await page.getByLabel('First day').fill('2027-11-25');
  await page.getByRole('button', { name: 'Mark as away' }).click();
  await expect(page.getByRole('row', { name: /Anna Kalniņa/ })).toContainText(
    'away 25/11/2027 – 25/11/2027',
  );

  await aplis.goTo('Groups');
  await page.getByRole('link', { name: 'New group' }).click();
  await page.getByLabel('Anna Kalniņa').check();
  await page.getByLabel('First meeting on or after').fill('2027-11-11');
  await expect(page.getByText('Anna Kalniņa is marked away on 25/11/2027.')).toBeVisible();
});
