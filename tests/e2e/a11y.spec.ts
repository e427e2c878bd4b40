import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { inAnyLanguage, text, uiLanguages } from './texts';
import { expect, test } from './fixtures';
import { languageNames } from '../../src/i18n/languages';

async function expectNoSeriousViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe findings on ${where}`).toEqual([]);
}

const appRoutes = [
  '/',
  '/programmes',
  '/programmes/lotus',
  '/programmes/lotus/meetings/lotus-w03',
  '/programmes/peer-support',
  '/cohorts',
  '/cohorts/new',
  '/cohorts/calendar',
  '/participants',
  '/reports',
  '/settings',
  '/settings/staff',
  '/settings/sync',
  '/follow-ups',
  '/participants/new',
  '/settings/audit',
  '/settings/screening-template',
  '/no-such-page',
];

// Every language Aplis speaks, with each label read from its locale files.
for (const lng of uiLanguages) {
  test(`every screen passes axe with no serious or critical findings (${lng})`, async ({
    page,
    aplis,
  }) => {
    // About 25 screens, each scanned by axe: minutes on a shared 2-core machine.
    test.setTimeout(360_000);
    await aplis.open(lng);
    const say = (id: string) => text(lng, id);
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    await expectNoSeriousViolations(page, `welcome (${lng})`);
    await page.getByRole('button', { name: say('setup:welcome.setUp'), exact: true }).click();
    await expectNoSeriousViolations(page, `set-up form (${lng})`);
    await page.getByRole('button', { name: say('setup:form.back') }).click();
    await page.getByRole('button', { name: say('settings:restore.choose') }).click();
    await expectNoSeriousViolations(page, `restore from a backup (${lng})`);
    await page.getByRole('button', { name: say('settings:restore.back'), exact: true }).click();
    await page.getByRole('button', { name: say('setup:welcome.demo') }).click();
    await aplis.expectToday();

    for (const route of appRoutes) {
      await page.goto(route);
      await aplis.unlock(DEMO_PASSPHRASE);
      await expect(page.locator('h1')).toBeVisible();
      await expect(page.getByText(inAnyLanguage('common:loading'))).toHaveCount(0);
      await expect(page.locator('html')).toHaveAttribute('lang', lng);
      await expectNoSeriousViolations(page, `${route} (${lng})`);
    }

    // A group's own page.
    await page.goto('/cohorts');
    await aplis.unlock(DEMO_PASSPHRASE);
    await page.locator('.card-title a').first().click();
    await expect(page.getByRole('table')).toBeVisible();
    await expectNoSeriousViolations(page, `group detail (${lng})`);

    // A group's report, and the anonymous feedback kiosk it hands over to.
    await page.goto('/reports');
    await aplis.unlock(DEMO_PASSPHRASE);
    await page.locator('table a[href^="/reports/cohorts/"]').first().click();
    await expect(page.locator('table.report-matrix')).toBeVisible();
    await expectNoSeriousViolations(page, `group report (${lng})`);
    await page.locator('a[href$="/feedback"]').first().click();
    await expect(page.locator('.feedback-kiosk h1')).toBeVisible();
    await expectNoSeriousViolations(page, `feedback kiosk (${lng})`);

    // A participant's journey and their screening form.
    await page.goto('/participants');
    await aplis.unlock(DEMO_PASSPHRASE);
    await page.locator('td.code a').first().click();
    await expect(page.locator('.journey-list').first()).toBeVisible();
    await page.locator('.journey-list details summary').first().click();
    await expectNoSeriousViolations(page, `participant journey (${lng})`);
    await page.locator('.page-actions a').first().click();
    await expect(page.locator('.question').first()).toBeVisible();
    await expectNoSeriousViolations(page, `screening form (${lng})`);

    // Meeting mode for today's meeting, and its concern form.
    await page.goto('/');
    await aplis.unlock(DEMO_PASSPHRASE);
    await page.locator('.card h3 a').first().click();
    await expect(page.locator('.attendance-list')).toBeVisible();
    await expectNoSeriousViolations(page, `meeting mode (${lng})`);
    await page.getByRole('button', { name: say('meeting:concern.raise') }).click();
    await expectNoSeriousViolations(page, `concern form (${lng})`);

    // A young person's plan: the staff view, the kiosk, and leaving it.
    await page.goto('/participants');
    await aplis.unlock(DEMO_PASSPHRASE);
    await page
      .locator('table tbody tr')
      .first()
      .getByRole('link', { name: new RegExp(`^${say('plans:staff.link')}`) })
      .click();
    await expect(page.getByRole('button', { name: say('plans:staff.handOver') })).toBeVisible();
    await expectNoSeriousViolations(page, `plan staff view (${lng})`);
    await page.getByRole('radio', { name: languageNames[lng] }).check();
    await page.getByRole('button', { name: say('plans:staff.handOver') }).click();
    await expect(page.locator('#kiosk-title')).toBeVisible();
    await expectNoSeriousViolations(page, `plan kiosk (${lng})`);
    await page.getByRole('button', { name: say('plans:done') }).click();
    await expectNoSeriousViolations(page, `kiosk exit (${lng})`);
    await page.reload();

    // The locked screen and the editor of a copy.
    await page.goto('/programmes');
    await aplis.unlock(DEMO_PASSPHRASE);
    await page
      .getByRole('button', { name: say('programmes:duplicate') })
      .first()
      .click();
    await expect(page.locator('details.meeting-editor').first()).toBeVisible();
    await page.locator('details.meeting-editor summary').first().click();
    await expectNoSeriousViolations(page, `programme editor (${lng})`);
    await aplis.lock();
    await expectNoSeriousViolations(page, `unlock screen (${lng})`);
  });
}

test('touch targets are at least 44 px at phone width', async ({ page, aplis }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await aplis.open('lv');
  await page.getByRole('button', { name: 'Izmēģināt demo' }).click();
  await aplis.expectToday();
  for (const route of ['/', '/programmes', '/participants', '/settings', 'meeting mode']) {
    if (route === 'meeting mode') {
      await page.goto('/');
      await aplis.unlock(DEMO_PASSPHRASE);
      await page.locator('.card h3 a').first().click();
      await expect(page.locator('.attendance-list')).toBeVisible();
    } else {
      await page.goto(route);
      await aplis.unlock(DEMO_PASSPHRASE);
    }
    await expect(page.locator('h1')).toBeVisible();
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, a.btn, nav a, input, select')]
        .filter((el) => el.offsetParent !== null)
        // A tick box or radio button is tapped through its whole label row.
        .map((el) => {
          const type = (el as HTMLInputElement).type;
          const target = type === 'checkbox' || type === 'radio' ? (el.closest('label') ?? el) : el;
          return { el, r: target.getBoundingClientRect() };
        })
        .filter(({ r }) => r.height < 44 || r.width < 44)
        .map(
          ({ el, r }) =>
            `${el.tagName} "${el.textContent?.trim()}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        ),
    );
    expect(small, `small targets on ${route}`).toEqual([]);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
  }
});
