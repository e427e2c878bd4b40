import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { expect, test } from './fixtures';

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
  '/no-such-page',
];

for (const lng of ['en', 'lv'] as const) {
  test(`every screen passes axe with no serious or critical findings (${lng})`, async ({
    page,
    aplis,
  }) => {
    await aplis.open(lng);
    await expect(page.locator('h1')).toBeVisible();
    await expectNoSeriousViolations(page, `welcome (${lng})`);
    await page
      .getByRole('button', { name: lng === 'en' ? 'Set up' : 'Iestatīt', exact: true })
      .click();
    await expectNoSeriousViolations(page, `set-up form (${lng})`);
    await page.getByRole('button', { name: lng === 'en' ? 'Back' : 'Atpakaļ' }).click();
    await page
      .getByRole('button', { name: lng === 'en' ? 'Try the demo' : 'Izmēģināt demo' })
      .click();
    await aplis.expectToday();

    for (const route of appRoutes) {
      await page.goto(route);
      await aplis.unlock(DEMO_PASSPHRASE);
      await expect(page.locator('h1')).toBeVisible();
      await expect(page.getByText(/^(Loading…|Ielādē…)$/)).toHaveCount(0);
      await expectNoSeriousViolations(page, `${route} (${lng})`);
    }

    // A group's own page.
    await page.goto('/cohorts');
    await aplis.unlock(DEMO_PASSPHRASE);
    await page.locator('.card-title a').first().click();
    await expect(page.getByRole('table')).toBeVisible();
    await expectNoSeriousViolations(page, `group detail (${lng})`);

    // The locked screen and the editor of a copy.
    await page.goto('/programmes');
    await aplis.unlock(DEMO_PASSPHRASE);
    await page
      .getByRole('button', { name: lng === 'en' ? 'Duplicate' : 'Izveidot kopiju' })
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
  for (const route of ['/', '/programmes', '/settings']) {
    await page.goto(route);
    await aplis.unlock(DEMO_PASSPHRASE);
    await expect(page.locator('h1')).toBeVisible();
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, a.btn, nav a, input, select')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(
          ({ el, r }) =>
            (el as HTMLInputElement).type !== 'checkbox' && (r.height < 44 || r.width < 44),
        )
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
