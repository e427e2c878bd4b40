/**
 * Page model for Aplis: the steps a person takes, in one place, so a UI
 * change is mended here rather than in every spec. Labels are English unless
 * a spec switches language.
 */
import { expect, type Page } from '@playwright/test';
import { inAnyLanguage, type UiLanguage } from '../texts';

export const DEMO_PASSPHRASE = 'aplis demo 2026';

export class AplisPage {
  constructor(readonly page: Page) {}

  /** Opens the app in the given language on a fresh device. */
  async open(language: UiLanguage = 'en', path = '/') {
    await this.page.addInitScript((lng) => {
      if (!localStorage.getItem('aplis.language')) localStorage.setItem('aplis.language', lng);
    }, language);
    await this.page.goto(path);
  }

  async setUpOrganisation(input: {
    organisation: string;
    name: string;
    passphrase: string;
  }): Promise<string> {
    const page = this.page;
    await page.getByRole('button', { name: 'Set up', exact: true }).click();
    await page.getByLabel('Organisation name').fill(input.organisation);
    await page.getByLabel('Your name as colleagues see it').fill(input.name);
    await page.getByLabel('Passphrase', { exact: true }).fill(input.passphrase);
    await page.getByLabel('Repeat the passphrase').fill(input.passphrase);
    await page.getByRole('button', { name: 'Create and lock with this passphrase' }).click();
    await expect(page.getByRole('heading', { name: 'Your recovery code' })).toBeVisible({
      timeout: 20_000,
    });
    const code = (await page.getByTestId('recovery-code').textContent()) ?? '';
    await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
    await page.getByLabel('I have written down or printed the recovery code').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await this.expectToday();
    return code.trim();
  }

  /**
   * The usual start of a test about a new organisation: the app in English,
   * set up by the coordinator "Marta T." of "Centrs Testa", unlocked on Today.
   * Returns the recovery code shown once at set-up.
   */
  async setUpTestOrganisation(passphrase: string): Promise<string> {
    await this.open('en');
    return this.setUpOrganisation({ organisation: 'Centrs Testa', name: 'Marta T.', passphrase });
  }

  async tryDemo() {
    await this.page.getByRole('button', { name: inAnyLanguage('setup:welcome.demo') }).click();
    await this.expectToday();
  }

  /**
   * The demo, with the service worker controlling the page and the app
   * cached, unlocked again after a reload: ready to go offline.
   */
  async tryDemoCachedForOffline() {
    await this.tryDemo();
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await this.page.reload();
    await this.unlock(DEMO_PASSPHRASE);
    await expect
      .poll(() => this.page.evaluate(() => Boolean(navigator.serviceWorker.controller)))
      .toBe(true);
  }

  /** Inside the app: the header's Lock button (the sections may sit behind the phone menu). */
  async expectToday() {
    await expect(this.page.getByRole('button', { name: inAnyLanguage('common:lock') })).toBeVisible(
      {
        timeout: 20_000,
      },
    );
  }

  async lock() {
    await this.page.getByRole('button', { name: inAnyLanguage('common:lock') }).click();
    await expect(
      this.page.getByRole('heading', { name: inAnyLanguage('setup:unlock.title') }),
    ).toBeVisible();
  }

  async unlock(passphrase: string) {
    await this.page.getByLabel(inAnyLanguage('setup:unlock.passphrase')).fill(passphrase);
    await this.page.getByRole('button', { name: inAnyLanguage('setup:unlock.submit') }).click();
    await this.expectToday();
  }

  async goTo(section: string) {
    // On a phone the sections are behind the menu button.
    const menu = this.page.getByRole('button', { name: /^(Menu|Izvēlne)$/ });
    if (await menu.isVisible()) await menu.click();
    await this.page
      .getByRole('navigation', { name: inAnyLanguage('common:nav.label') })
      .getByRole('link', { name: section })
      .click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(section);
  }

  /** Goes to an address inside the app without a reload (a reload locks the vault). */
  async visit(path: string) {
    await this.page.evaluate((to) => {
      window.history.pushState({}, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }

  async switchLanguage(lng: UiLanguage) {
    // On a phone the language menu is behind the menu button.
    const menu = this.page.getByRole('button', { name: inAnyLanguage('common:nav.menu') });
    if (await menu.isVisible()) await menu.click();
    await this.page
      .getByRole('combobox', { name: inAnyLanguage('common:language.label') })
      .first()
      .selectOption(lng);
    await expect(this.page.locator('html')).toHaveAttribute('lang', lng);
  }
}
