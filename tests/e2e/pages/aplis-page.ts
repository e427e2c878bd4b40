/**
 * Page model for Aplis: the steps a person takes, in one place, so a UI
 * change is mended here rather than in every spec. Labels are English unless
 * a spec switches language.
 */
import { expect, type Page } from '@playwright/test';
import { languageNames } from '../../../src/i18n/languages';
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

  async expectToday() {
    await expect(
      this.page.getByRole('navigation', { name: inAnyLanguage('common:nav.label') }),
    ).toBeVisible({ timeout: 20_000 });
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
    await this.page
      .getByRole('navigation', { name: inAnyLanguage('common:nav.label') })
      .getByRole('link', { name: section })
      .click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(section);
  }

  async switchLanguage(lng: UiLanguage) {
    await this.page.getByRole('button', { name: languageNames[lng] }).first().click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', lng);
  }
}
