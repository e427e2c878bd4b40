/**
 * Layout in the room, on a phone and a laptop: Quick exit is visible and the
 * top-most element at every scroll position on every main screen (nothing
 * sticky slides over it), and no screen scrolls sideways at 390 px.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { uiLanguages } from './texts';

/** Client-side navigation, so the vault stays open (a reload locks it). */
async function visit(page: Page, path: string) {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page.locator('main h1').first()).toBeVisible();
}

/** The element the user would hit at the centre of Quick exit. */
async function quickExitIsOnTop(page: Page): Promise<string> {
  return page.evaluate(() => {
    const buttons = [...document.querySelectorAll<HTMLElement>('.btn-quick-exit')];
    const button = buttons.find((b) => b.offsetParent !== null);
    if (!button) return 'no visible Quick exit button';
    const r = button.getBoundingClientRect();
    if (r.bottom <= 0 || r.top >= window.innerHeight) return `Quick exit off screen (${r.top})`;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit && button.contains(hit)
      ? 'on top'
      : `covered by <${hit?.tagName.toLowerCase()} class="${hit?.className}">${hit?.textContent?.slice(0, 40)}`;
  });
}

/** Buttons side by side in one row with no space between them. */
async function touchingButtons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const button of document.querySelectorAll<HTMLElement>('main .btn')) {
      const next = button.nextElementSibling as HTMLElement | null;
      if (!next?.classList.contains('btn') || button.offsetParent === null) continue;
      const a = button.getBoundingClientRect();
      const b = next.getBoundingClientRect();
      if (Math.abs(a.top - b.top) < 2 && b.left - a.right < 4)
        found.push(`"${button.textContent}" | "${next.textContent}"`);
    }
    return found;
  });
}

async function scrollToBottom(page: Page) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  // Let sticky positioning settle.
  await page.waitForTimeout(100);
}

async function routes(page: Page): Promise<string[]> {
  await visit(page, '/cohorts');
  const cohortHref = await page.locator('.card-title a').first().getAttribute('href');
  await visit(page, '/');
  const meetingHref = await page.locator('.card h3 a').first().getAttribute('href');
  await visit(page, '/participants');
  const participantHref = await page.locator('table tbody tr a').first().getAttribute('href');
  const cohortId = cohortHref!.split('/').pop();
  return [
    '/',
    '/programmes',
    '/cohorts',
    '/cohorts/calendar',
    cohortHref!,
    meetingHref!,
    '/participants',
    participantHref!,
    '/follow-ups',
    '/reports',
    `/reports/cohorts/${cohortId}`,
    '/settings',
    '/settings/audit',
  ];
}

for (const width of [390, 1280]) {
  test(`Quick exit stays on top and nothing scrolls sideways at ${width} px`, async ({
    page,
    aplis,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await aplis.open('lv');
    await aplis.tryDemo();
    for (const route of await routes(page)) {
      await visit(page, route);
      await page.waitForLoadState('networkidle');
      expect(await quickExitIsOnTop(page), `${route}, at the top`).toBe('on top');
      expect(await touchingButtons(page), `${route}: buttons with no space between`).toEqual([]);
      await scrollToBottom(page);
      expect(await quickExitIsOnTop(page), `${route}, scrolled to the bottom`).toBe('on top');
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `${route} is no wider than the screen`,
      ).toBeLessThanOrEqual(width);
    }
  });
}

test('meeting mode at 390 and 1280 px: the sticky bar stays below Quick exit, Lock and the menu', async ({
  page,
  aplis,
}) => {
  await aplis.open('lv');
  await aplis.tryDemo();
  await page.locator('.card h3 a').first().click();
  await expect(page.locator('.attendance-list')).toBeVisible();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await scrollToBottom(page);
    expect(await quickExitIsOnTop(page), `at ${width} px`).toBe('on top');
    const header = await page.locator('.app-header').boundingBox();
    const bar = await page.locator('.meeting-toolbar').boundingBox();
    expect(bar!.y, 'the meeting bar sits below the header').toBeGreaterThanOrEqual(
      header!.y + header!.height - 1,
    );
    await expect(page.getByRole('button', { name: 'Aizslēgt', exact: true })).toBeInViewport();
  }
});

test('on a phone the header is one compact row and the menu lists every section', async ({
  page,
  aplis,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await aplis.open('lv');
  await aplis.tryDemo();
  const header = await page.locator('.app-header').boundingBox();
  expect(header!.height, 'header height').toBeLessThanOrEqual(64);
  const nav = page.getByRole('navigation', { name: 'Galvenās sadaļas' });
  await expect(nav).toBeHidden();
  await page.getByRole('button', { name: 'Izvēlne' }).click();
  for (const section of ['Šodien', 'Programmas', 'Grupas', 'Dalībnieki', 'Pārskati', 'Iestatījumi'])
    await expect(nav.getByRole('link', { name: section })).toBeInViewport();
  await nav.getByRole('link', { name: 'Pārskati' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pārskati');
  await expect(nav, 'following a link closes the menu').toBeHidden();
  await expect(page.getByRole('button', { name: 'Iziet ātri' })).toBeInViewport();
});

test('the recovery code breaks only between its groups at 390 px', async ({ page, aplis }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await aplis.open('en');
  await page.getByRole('button', { name: 'Set up', exact: true }).click();
  await page.getByLabel('Organisation name').fill('Centrs');
  await page.getByLabel('Your name as colleagues see it').fill('Ilze');
  await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
  await page.getByLabel('Repeat the passphrase').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create and lock with this passphrase' }).click();
  const code = page.getByTestId('recovery-code');
  await expect(code).toBeVisible({ timeout: 20_000 });
  const groups = await page
    .locator('.recovery-group')
    .evaluateAll((spans) =>
      spans.map((s) => ({ text: s.textContent, lines: s.getClientRects().length })),
    );
  expect(groups.length).toBeGreaterThan(3);
  expect(groups.map((g) => g.text).join('-')).toBe((await code.textContent())?.trim());
  for (const group of groups) expect(group.lines, `group ${group.text}`).toBe(1);
  const lines = await code.evaluate((el) => {
    const tops = new Set([...el.getClientRects()].map((r) => Math.round(r.top)));
    return tops.size;
  });
  expect(lines, 'the code wraps between groups at this width').toBeGreaterThan(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('the phone header keeps Menu, Quick exit and Lock whole on one row in every language', async ({
  page,
  aplis,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await aplis.open('en');
  await aplis.tryDemo();
  for (const lng of uiLanguages) {
    await aplis.switchLanguage(lng);
    // Close the menu the switch opened, so the header is its one-row self.
    const toggle = page.locator('.menu-toggle');
    if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
    const boxes = await page.evaluate(() =>
      ['.menu-toggle', '.app-header .btn-quick-exit', '.btn-lock'].map((selector) => {
        const el = document.querySelector<HTMLElement>(selector)!;
        const r = el.getBoundingClientRect();
        return {
          selector,
          left: r.left,
          right: r.right,
          top: r.top,
          clipped: el.scrollWidth > el.clientWidth,
        };
      }),
    );
    for (const box of boxes) {
      expect(box.left, `${lng} ${box.selector}`).toBeGreaterThanOrEqual(0);
      expect(box.right, `${lng} ${box.selector}`).toBeLessThanOrEqual(390);
      expect(box.clipped, `${lng} ${box.selector} text cut`).toBe(false);
    }
    expect(new Set(boxes.map((b) => Math.round(b.top))).size, `${lng}: one row`).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
  }
});
