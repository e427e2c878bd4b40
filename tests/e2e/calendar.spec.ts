import { expect, test } from './fixtures';
import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { CalendarPage } from './pages/calendar-page';

const LOTUS = 'Lotus — Riga, autumn';
const PEER = 'Young men’s support group';

/** Today in Riga, as the app's agenda headings write it (formatLongDate, en-GB). */
function todayLong(): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Riga',
  }).format(new Date());
}

test('a coordinator sees every group in the month, filters by facilitator, exports their calendar and reads the agenda', async ({
  page,
  aplis,
}) => {
  const calendar = new CalendarPage(page);
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Groups');
  await calendar.openFromGroups();

  // Month view: today's Lotus meeting sits in today's cell.
  await expect(page.getByRole('button', { name: 'Month', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const monthName = new Intl.DateTimeFormat('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Riga',
  }).format(new Date());
  await expect(calendar.monthTitle).toHaveText(monthName);
  await expect(calendar.grid.getByRole('columnheader')).toHaveText([
    'Monday',
    'Tuesday',
    'Wednesday',
    'Thursday',
    'Friday',
    'Saturday',
    'Sunday',
  ]);
  await expect(calendar.todayCell).toHaveCount(1);
  await expect(calendar.todayCell.getByRole('link', { name: `16:30 ${LOTUS}` })).toBeVisible();
  await expect(calendar.grid.getByRole('link', { name: new RegExp(PEER) }).first()).toBeVisible();

  // Dace Liepa leads only the support group: Lotus disappears.
  await calendar.filterByFacilitator('Dace Liepa');
  await expect(calendar.grid.getByRole('link', { name: new RegExp(LOTUS) })).toHaveCount(0);
  await expect(calendar.grid.getByRole('link', { name: new RegExp(PEER) }).first()).toBeVisible();
  expect(page.url(), 'the URL carries ids, never a name').not.toMatch(/Dace|Liepa/);
  expect(new URL(page.url()).searchParams.get('facilitator')).toMatch(/^[0-9a-f-]{36}$/);

  // Her calendar file: only her group's meetings, nothing about participants.
  const { text, events } = await calendar.downloadFacilitatorCalendar('Dace Liepa');
  expect(events.length).toBeGreaterThan(0);
  for (const event of events) {
    expect(event.summary).toContain(PEER);
    expect(event.summary).not.toContain('Lotus');
  }
  expect(events[0]!.startDate.toString()).toMatch(/T17:00:00/);
  expect(text).not.toMatch(/Alise|Beāte|Kārlis/);

  // A reload keeps the filter (it lives in the URL).
  await page.reload();
  await aplis.unlock(DEMO_PASSPHRASE);
  await expect(page.getByLabel('Facilitator', { exact: true })).toHaveValue(/^[0-9a-f-]{36}$/);

  // Agenda for everyone: from today, day by day.
  await calendar.filterByFacilitator('All facilitators');
  await calendar.showView('Agenda');
  await expect(page.getByText('Meetings from today for the next 8 weeks.')).toBeVisible();
  const days = calendar.agendaDays();
  await expect(days.first().getByRole('heading', { level: 2 })).toHaveText(todayLong());
  await expect(days.first().getByRole('link', { name: LOTUS })).toBeVisible();
  await expect(days.first()).toContainText('16:30–18:00');
  expect(await days.count()).toBeGreaterThan(2);
  const dates = await days
    .locator('h2 time')
    .evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
  expect(dates, 'agenda days in order, one heading per date').toEqual([...new Set(dates)].sort());
  await expect(days.getByRole('link', { name: PEER }).first()).toBeVisible();

  // The link leads to the group.
  await days.first().getByRole('link', { name: LOTUS }).click();
  await expect(page.getByRole('heading', { level: 1, name: LOTUS })).toBeVisible();
});

test('the calendar speaks Latvian, with the month named in Latvian', async ({ page, aplis }) => {
  const calendar = new CalendarPage(page);
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Groups');
  await calendar.openFromGroups();
  await aplis.switchLanguage('lv');
  await expect(page.getByRole('heading', { level: 1, name: 'Kalendārs' })).toBeVisible();
  const latvianMonth = new Intl.DateTimeFormat('lv', {
    month: 'long',
    timeZone: 'Europe/Riga',
  }).format(new Date());
  await expect(calendar.monthTitle).toContainText(latvianMonth);
  await expect(calendar.grid.getByRole('columnheader').first()).toHaveText(/pirmdiena/i);
  await expect(page.getByRole('button', { name: 'Šis mēnesis' })).toBeDisabled();
  await page.getByRole('button', { name: /Nākamais mēnesis/ }).click();
  await expect(calendar.monthTitle).not.toContainText(latvianMonth);
  await page.getByRole('button', { name: 'Šis mēnesis' }).click();
  await expect(calendar.monthTitle).toContainText(latvianMonth);
  await calendar.showView('Saraksts');
  await expect(calendar.agendaDays().first()).toBeVisible();
});

test('on a phone the calendar opens as a list; the month grid scrolls inside its frame', async ({
  page,
  aplis,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const calendar = new CalendarPage(page);
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Groups');
  await calendar.openFromGroups();
  // Seven day columns do not fit 390 px: the agenda is the default there.
  await expect(page.getByRole('button', { name: 'Agenda', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(calendar.agendaDays().first()).toBeInViewport();
  await expect(calendar.grid).toHaveCount(0);
  await calendar.showView('Month');
  await expect(calendar.todayCell).toHaveCount(1);
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth, 'the page itself does not scroll sideways').toBeLessThanOrEqual(390);
  const buttonHeights = await page
    .locator('.page .btn')
    .evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().height));
  for (const height of buttonHeights) expect(height).toBeGreaterThanOrEqual(44);
});
