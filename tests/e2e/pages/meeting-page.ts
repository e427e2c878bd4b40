/**
 * Page model for meeting mode, in either language: the steps a facilitator
 * takes in the room. Labels are passed in by the spec where they differ.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class MeetingModePage {
  constructor(readonly page: Page) {}

  /** One participant's attendance radio group (a fieldset named by the person). */
  person(name: string): Locator {
    return this.page.getByRole('group', { name, exact: true });
  }

  async mark(name: string, status: string) {
    const radio = this.person(name).getByRole('radio', { name: status, exact: true });
    await radio.check();
    await expect(radio).toBeChecked();
  }

  /** The count at the top of the attendance list. */
  count(): Locator {
    return this.page.locator('.attendance-count');
  }

  async openFromToday(cardLink: string | RegExp) {
    await this.page.getByRole('link', { name: cardLink }).first().click();
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  /** Waits until the notes' autosave says it has written them. */
  async expectNotesSaved(text: string | RegExp) {
    await expect(this.page.locator('.notes .save-status')).toHaveText(text);
  }
}
