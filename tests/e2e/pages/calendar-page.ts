/**
 * Page model for the meetings calendar (/cohorts/calendar). English labels
 * unless a spec switches language.
 */
import ICAL from 'ical.js';
import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';

export interface ParsedCalendar {
  text: string;
  events: ICAL.Event[];
}

export class CalendarPage {
  constructor(readonly page: Page) {}

  /** From the Groups page, through its Calendar link. */
  async openFromGroups() {
    await this.page.getByRole('link', { name: 'Calendar', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();
  }

  get grid() {
    return this.page.locator('table.month-grid');
  }

  get todayCell() {
    return this.grid.locator('td[aria-current="date"]');
  }

  get monthTitle() {
    return this.page.locator('h2.calendar-month');
  }

  agendaDays() {
    return this.page.locator('section.agenda-day');
  }

  async showView(name: 'Month' | 'Agenda' | 'Mēnesis' | 'Saraksts') {
    const button = this.page.getByRole('button', { name, exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  async filterByFacilitator(label: string) {
    await this.page.getByLabel('Facilitator', { exact: true }).selectOption({ label });
  }

  /** Clicks the facilitator's download button and parses the file with ical.js. */
  async downloadFacilitatorCalendar(name: string): Promise<ParsedCalendar> {
    const downloadPromise = this.page.waitForEvent('download');
    await this.page
      .getByRole('button', { name: `Download ${name}’s calendar (.ics)`, exact: true })
      .click();
    const download = await downloadPromise;
    const text = await readFile(await download.path(), 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const zone = calendar.getFirstSubcomponent('vtimezone');
    if (zone) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    return { text, events };
  }
}
