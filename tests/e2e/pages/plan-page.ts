/**
 * Page model for the healthy-relationship plan: the staff view, handing the
 * device over, the kiosk (in the plan's language) and leaving it.
 */
import { expect, type Page } from '@playwright/test';

const kioskTexts = {
  en: { title: 'My plan', answer: 'Your answer', saved: 'Saved', done: 'Give the device back' },
  lv: { title: 'Mans plāns', answer: 'Tava atbilde', saved: 'Saglabāts', done: 'Atdot ierīci' },
} as const;

export class PlanPage {
  constructor(
    readonly page: Page,
    public language: 'en' | 'lv' = 'en',
  ) {}

  get texts() {
    return kioskTexts[this.language];
  }

  /** From the Participants list: the first row's Plan link. Returns that row's code and name. */
  async openFirstFromParticipants(): Promise<{ code: string; name: string; others: string[] }> {
    const rows = this.page.locator('table tbody tr');
    await expect(rows.first()).toBeVisible();
    const names = await rows.locator('td:nth-child(2)').allTextContents();
    const code = ((await rows.first().locator('td').first().textContent()) ?? '').trim();
    await rows.first().getByRole('link', { name: /^Plan/ }).click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: `Healthy-relationship plan · ${code}` }),
    ).toBeVisible();
    return { code, name: names[0]!.trim(), others: names.slice(1).map((n) => n.trim()) };
  }

  async handOver(language: 'en' | 'lv') {
    this.language = language;
    await this.page
      .getByRole('radio', { name: language === 'lv' ? 'Latviešu' : 'English' })
      .check();
    await this.page.getByRole('button', { name: 'Hand over', exact: true }).click();
    await this.expectKiosk();
  }

  async expectKiosk() {
    await expect(
      this.page.getByRole('heading', { level: 1, name: this.texts.title }),
    ).toBeVisible();
    await expect(this.page.getByRole('navigation')).toHaveCount(0);
  }

  answer(index: number) {
    return this.page.getByLabel(this.texts.answer, { exact: true }).nth(index);
  }

  action(area: string, step: string) {
    return this.page.getByRole('group', { name: area }).getByLabel(step, { exact: true });
  }

  async expectSaved() {
    await expect(this.page.getByText(this.texts.saved, { exact: true })).toBeVisible();
  }

  async leave(passphrase: string) {
    await this.page.getByRole('button', { name: this.texts.done }).click();
    await this.page.getByLabel('Staff passphrase').fill(passphrase);
    await this.page.getByRole('button', { name: 'Leave', exact: true }).click();
    await expect(this.page.getByRole('navigation', { name: 'Main sections' })).toBeVisible({
      timeout: 20_000,
    });
  }
}
