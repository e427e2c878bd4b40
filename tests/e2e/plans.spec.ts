/**
 * A young person's healthy-relationship plan in kiosk mode: written in their
 * language, saved as a PDF that reads back exactly (pdftotext) and holds no
 * one else's data, printed cleanly, removed for real — and a kiosk that the
 * back button, in-app routes, keyboard shortcuts and a reload cannot escape.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AplisPage, DEMO_PASSPHRASE } from './pages/aplis-page';
import { PlanPage } from './pages/plan-page';
import { expect, test } from './fixtures';

const artefacts = path.join('test-results', 'plans-artefacts');
const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

const latvian = 'Es gribu pabeigt skolu: ā č ē ģ ī ķ ļ ņ š ū ž Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž';
const russian = 'Я умею слушать и не сдаюсь';
const ukrainian = 'Мені допомагає прогулянка: ї є ґ і';

test('a young person writes a plan in Latvian with Cyrillic, saves it as a PDF that reads back exactly, and removes it', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Participants');
  const plan = new PlanPage(page);
  const { code, name, others } = await plan.openFirstFromParticipants();
  await expect(page.getByText('No plan has been started yet.')).toBeVisible();
  await plan.handOver('lv');

  // Only the plan: no menus, no names, no codes.
  const body = (await page.locator('body').textContent()) ?? '';
  for (const someone of [name, ...others, code]) expect(body).not.toContain(someone);

  await page.getByLabel('Vārds manā plānā').fill('Līga Ķērpe');
  await plan.answer(0).fill(latvian);
  await plan.answer(1).fill(russian);
  await plan.answer(2).fill(ukrainian);
  await plan.action('Ar sevi', '1. solis').fill('Katru dienu pastaigāties');
  await plan.action('Ar ģimeni', '2. solis').fill('Piezvanīt omītei');
  await plan.action('Ar partneri', '3. solis').fill('Teikt “nē”, kad negribu');
  await plan.answer(4).fill('Tante Zelma');
  await plan.expectSaved();

  // Save as PDF: jsPDF and the font load now, from the app's own origin.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Saglabāt kā PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('mans-plans.pdf');
  mkdirSync(artefacts, { recursive: true });
  const pdfPath = path.join(artefacts, 'plan.pdf');
  await file.saveAs(pdfPath);
  await expect(page.getByText('Tavs PDF ir gatavs.')).toBeVisible();

  const pdfMs = await page.evaluate(
    () => performance.getEntriesByName('plan-pdf', 'measure').at(-1)?.duration ?? NaN,
  );
  test.info().annotations.push({
    type: 'plan PDF',
    description: `${Math.round(pdfMs)} ms from "Save as PDF" to the file, font and jsPDF loading included`,
  });
  expect(pdfMs, 'PDF generation including the font load').toBeLessThanOrEqual(1500);

  const text = fold(
    execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }),
  );
  for (const typed of [
    latvian,
    russian,
    ukrainian,
    'Līga Ķērpe',
    'Katru dienu pastaigāties',
    'Piezvanīt omītei',
    'Teikt “nē”, kad negribu',
    'Tante Zelma',
    '116 111',
    '116 006',
    'Mans plāns',
  ])
    expect(text, `the PDF should contain “${typed}”`).toContain(typed);
  // Nobody else's data: not the name staff know, not the code, not other participants.
  for (const someone of [name, ...others, code]) expect(text).not.toContain(someone);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '70',
    '-f',
    '1',
    '-l',
    '1',
    pdfPath,
    path.join(artefacts, 'plan-page'),
  ]);

  // The browser's own print: only the plan, no navigation or buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Iziet ātri' })).toBeHidden();
  await expect(page.locator('.plan-print')).toBeVisible();
  await expect(page.locator('.plan-print')).toContainText('Piezvanīt omītei');
  await page.pdf({ path: path.join(artefacts, 'browser-print.pdf'), format: 'A4' });
  const printed = fold(
    execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(artefacts, 'browser-print.pdf'), '-'], {
      encoding: 'utf8',
    }),
  );
  expect(printed).toContain(latvian);
  expect(printed).not.toContain('Atdot ierīci');
  expect(printed).not.toContain('Saglabāt kā PDF');
  await page.emulateMedia({ media: 'screen' });

  // Remove my plan from this device.
  await page.getByRole('button', { name: 'Dzēst manu plānu no šīs ierīces' }).click();
  await page.getByRole('button', { name: 'Jā, dzēst' }).click();
  await expect(
    page.getByRole('heading', { name: 'Tavs plāns ir izdzēsts no šīs ierīces.' }),
  ).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Tante Zelma');
  plan.language = 'lv';
  await plan.leave(DEMO_PASSPHRASE);
  await expect(page.getByText(/A plan was completed and removed from this device/)).toBeVisible();
  await expect(page.getByText('No plan has been started yet.')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Tante Zelma');
});

test('the kiosk cannot be escaped by the back button, in-app routes, shortcuts or a reload', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Participants');
  const plan = new PlanPage(page);
  const { name } = await plan.openFirstFromParticipants();
  await plan.handOver('en');
  await plan.answer(0).fill('I want to be a nurse');
  await plan.expectSaved();
  const kioskUrl = page.url();

  // Nothing readable at rest: the plan row is sealed like every other.
  const stored = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('aplis');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error('could not open the database'));
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction('plans').objectStore('plans').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error('could not read plans'));
    });
    db.close();
    return rows.map((row) => {
      const { sealed, ...plain } = row as { sealed: Uint8Array };
      return `${JSON.stringify(plain)} ${new TextDecoder('utf-8', { fatal: false }).decode(sealed)}`;
    });
  });
  expect(stored).toHaveLength(1);
  expect(stored[0]).not.toContain('nurse');

  // Browser back (twice: past the staff view too).
  await page.goBack();
  await plan.expectKiosk();
  await page.goBack();
  await plan.expectKiosk();
  await expect(page).toHaveURL(kioskUrl);

  // An in-app route, as a link or a script would reach it.
  for (const route of ['/settings', '/participants', '/no-such-page']) {
    await page.evaluate((to) => {
      history.pushState({}, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }, route);
    await plan.expectKiosk();
    await expect(page).toHaveURL(kioskUrl);
  }

  // Keyboard shortcuts for back, escape and the like.
  await page.locator('#kiosk-title').click();
  for (const key of ['Alt+ArrowLeft', 'Escape', 'Backspace', 'Control+[', 'Meta+ArrowLeft']) {
    await page.keyboard.press(key);
    await plan.expectKiosk();
  }
  await expect(page).toHaveURL(kioskUrl);
  await expect(plan.answer(0)).toHaveValue('I want to be a nurse');

  // Typing another address (a full page load) or reloading: back to the lock screen, not the plan.
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('I want to be a nurse');
  await page.goto(kioskUrl);
  await expect(page.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('I want to be a nurse');
  await expect(page.locator('body')).not.toContainText(name);

  // Only a staff passphrase opens it again — to the staff view, not back into the kiosk.
  await page.getByLabel('Passphrase', { exact: true }).fill(DEMO_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: /Healthy-relationship plan/ }),
  ).toBeVisible({
    timeout: 20_000,
  });
  await expect(
    page.getByText('1 of 7 parts have something written.', { exact: false }),
  ).toBeVisible();
  await expect(page.locator('body')).not.toContainText('I want to be a nurse');
});

test('quick exit hides the plan and locks: Shift three times and the button, in kiosk mode and in the app', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Participants');
  const plan = new PlanPage(page);
  await plan.openFirstFromParticipants();
  const staffUrl = page.url();
  await plan.handOver('en');
  await plan.answer(0).fill('Secret hope QE-1');
  await plan.expectSaved();

  // Shift × 3 in the kiosk.
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await expect(page).toHaveURL(/\/neutral-en\.html$/);
  await expect(page).toHaveTitle('Pancakes — a simple recipe');
  await expect(page.locator('body')).not.toContainText('QE-1');
  // Back returns to a locked app, not the plan.
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('QE-1');

  // The button in the kiosk.
  await page.goto(staffUrl);
  await aplis.unlock(DEMO_PASSPHRASE);
  await page.getByRole('button', { name: 'Hand over', exact: true }).click();
  await plan.expectKiosk();
  await page.getByRole('button', { name: 'Quick exit' }).click();
  await expect(page).toHaveURL(/\/neutral-en\.html$/);

  // The button in the app's header.
  await page.goto('/');
  await aplis.unlock(DEMO_PASSPHRASE);
  await page.getByRole('banner').getByRole('button', { name: 'Quick exit' }).click();
  await expect(page).toHaveURL(/\/neutral-en\.html$/);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible();
});

test('quick exit goes where Settings says: the recipe in Latvian, or an empty page', async ({
  page,
  aplis,
}) => {
  await aplis.open('lv');
  await aplis.tryDemo();
  await page.getByRole('banner').getByRole('button', { name: 'Iziet ātri' }).click();
  await expect(page).toHaveURL(/\/neutral\.html$/);
  await expect(page.getByRole('heading', { name: 'Pankūkas' })).toBeVisible();

  await page.goto('/');
  await aplis.unlock(DEMO_PASSPHRASE);
  await aplis.goTo('Iestatījumi');
  const section = page.getByRole('region', { name: 'Iziet ātri' });
  await section.getByRole('radio', { name: 'Jūsu izvēlēta tīmekļa vietne' }).check();
  await section.getByRole('textbox', { name: 'Tīmekļa adrese' }).fill('javascript:alert(1)');
  await section.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(section.getByRole('alert')).toContainText('https://');
  await section.getByRole('radio', { name: 'Tukša lapa' }).check();
  await section.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(section.getByText('Saglabāts.')).toBeVisible();

  // Shift × 3 now empties the tab; the setting stays after a reload.
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await expect(page).toHaveURL('about:blank');
  await page.goto('/');
  await aplis.unlock(DEMO_PASSPHRASE);
  await aplis.goTo('Iestatījumi');
  await expect(
    page.getByRole('region', { name: 'Iziet ātri' }).getByRole('radio', { name: 'Tukša lapa' }),
  ).toBeChecked();
});

test('after a few minutes without input a neutral "Paused" screen hides the plan', async ({
  page,
  aplis,
}) => {
  await page.clock.install();
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Participants');
  const plan = new PlanPage(page);
  await plan.openFirstFromParticipants();
  await plan.handOver('en');
  await plan.answer(0).fill('Hidden while paused PZ-5');
  await plan.expectSaved();

  await page.clock.fastForward('03:05');
  await expect(page.getByText('Tap anywhere to continue.')).toBeVisible();
  // What is on screen (innerText: the <noscript> note is not shown).
  const body = await page.locator('body').innerText();
  expect(body).not.toContain('PZ-5');
  expect(body).not.toContain('My plan');
  expect(body).not.toContain('Aplis');
  await expect(page).toHaveTitle('Paused');

  await page.getByRole('button', { name: /Paused/ }).click();
  await plan.expectKiosk();
  await expect(plan.answer(0)).toHaveValue('Hidden while paused PZ-5');
});

test('with the network off, the PDF (jsPDF and the font) and the quick-exit page still work', async ({
  page,
  context,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemoCachedForOffline();

  await context.setOffline(true);
  await page.reload();
  await aplis.unlock(DEMO_PASSPHRASE);
  await aplis.goTo('Participants');
  const plan = new PlanPage(page);
  await plan.openFirstFromParticipants();
  await plan.handOver('en');
  await plan.answer(0).fill('Offline ķiršu ziedi');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as PDF' }).click();
  const file = await download;
  mkdirSync(artefacts, { recursive: true });
  const pdfPath = path.join(artefacts, 'offline-plan.pdf');
  await file.saveAs(pdfPath);
  expect(
    fold(execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' })),
  ).toContain('Offline ķiršu ziedi');

  await page.getByRole('button', { name: 'Quick exit' }).click();
  await expect(page).toHaveURL(/\/neutral-en\.html$/);
  await expect(page.getByRole('heading', { name: 'Pancakes' })).toBeVisible();
  await context.setOffline(false);
});

test('handing the device over in a kiosk locks every other open tab of the app', async ({
  page,
  aplis,
  context,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  // A second tab, unlocked, with the participant list (names) on screen.
  const other = await context.newPage();
  const otherTab = new AplisPage(other);
  await other.goto('/participants');
  await otherTab.unlock(DEMO_PASSPHRASE);
  await expect(other.getByRole('heading', { level: 1, name: 'Participants' })).toBeVisible();

  await aplis.goTo('Participants');
  const plan = new PlanPage(page);
  await plan.openFirstFromParticipants();
  await plan.handOver('en');

  // The other tab is locked at once; the kiosk tab stays open for the young person.
  await expect(other.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible();
  await expect(other.getByRole('heading', { level: 1, name: 'Participants' })).toHaveCount(0);
  await plan.expectKiosk();
});
