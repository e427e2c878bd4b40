/**
 * Lock forgets everything: after Lock, a heap snapshot of the page (Chromium's
 * heap profiler, through the DevTools protocol) holds none of the texts typed
 * in the session — a concern, a screening note, a young person's plan answer,
 * and the passphrase itself.
 *
 * Every marker is typed with `keyboard.insertText` (the DevTools `Input`
 * domain, as a keyboard would), never with `fill` or a text selector, which
 * would carry the string into the page's JavaScript through Playwright's own
 * injected script and put it in the heap the test then searches.
 *
 * Limits, said plainly: the snapshot is of the page's isolate. The KDF runs in
 * a short-lived worker that is terminated after each derivation (src/crypto/kdf.ts),
 * so its heap is gone, not searched. Bytes inside ArrayBuffers are not in a
 * snapshot's strings, and the browser process (autofill, the renderer's own
 * text buffers) is outside it.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Locator, Page } from '@playwright/test';
import { DEMO_PASSPHRASE, type AplisPage } from './pages/aplis-page';
import { PlanPage } from './pages/plan-page';
import { expect, test } from './fixtures';

const PASSPHRASE = 'ZQX-passphrase-5519 lantern harbour';
const CONCERN = 'ZQX-concern-7731 said the man at the bus stop';
const SCREENING_NOTE = 'ZQX-screening-note-4402 phone call with her aunt';
const PLAN_ANSWER = 'ZQX-plan-8816 I want to finish school';
const MARKERS = {
  passphrase: PASSPHRASE,
  concern: CONCERN,
  screening: SCREENING_NOTE,
  plan: PLAN_ANSWER,
};

/** Types like a keyboard: the text reaches the page only as input events. */
async function typeInto(page: Page, field: Locator, value: string) {
  await field.click();
  await page.keyboard.insertText(value);
}

async function changePassphrase(page: Page, aplis: AplisPage) {
  await aplis.goTo('Settings');
  const form = page.locator('section[aria-labelledby="settings-passphrase"]');
  await typeInto(page, form.getByLabel('Current passphrase'), DEMO_PASSPHRASE);
  await typeInto(page, form.getByLabel('Passphrase', { exact: true }), PASSPHRASE);
  await typeInto(page, form.getByLabel('Repeat the passphrase'), PASSPHRASE);
  await form.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(form.getByText('Your passphrase has been changed.', { exact: false })).toBeVisible({
    timeout: 20_000,
  });
}

async function unlock(page: Page, aplis: AplisPage) {
  await typeInto(page, page.getByLabel('Passphrase', { exact: true }), PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await aplis.expectToday();
}

async function raiseConcern(page: Page, aplis: AplisPage) {
  await aplis.goTo('Today');
  await page.getByRole('link', { name: 'Lotus — Riga, autumn — meeting 5' }).first().click();
  await page.getByRole('button', { name: 'Raise a concern' }).click();
  await page.getByLabel('Distress or self-harm').check();
  await typeInto(page, page.getByLabel('What was seen or said'), CONCERN);
  await page.getByRole('button', { name: 'Send to the coordinators' }).click();
  await expect(page.getByText('The concern is saved', { exact: false })).toBeVisible();
}

async function writeScreeningNote(page: Page, aplis: AplisPage) {
  await aplis.goTo('Participants');
  await page.locator('table tbody tr').first().locator('td').first().getByRole('link').click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Participant’s journey' }),
  ).toBeVisible();
  await page
    .getByRole('link', { name: /Start safety screening|Screen again/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Safety screening' })).toBeVisible();
  await typeInto(page, page.getByLabel('Conversation 1: summary'), SCREENING_NOTE);
  await expect(page.getByText('Draft saved on this device.')).toBeVisible();
}

async function writePlanAnswer(page: Page, aplis: AplisPage) {
  await aplis.goTo('Participants');
  const plan = new PlanPage(page);
  await plan.openFirstFromParticipants();
  await plan.handOver('en');
  await typeInto(page, plan.answer(0), PLAN_ANSWER);
  await plan.expectSaved();
  // Giving the device back asks for the staff passphrase: typed once more.
  await page.getByRole('button', { name: plan.texts.done }).click();
  await typeInto(page, page.getByLabel('Staff passphrase'), PASSPHRASE);
  await page.getByRole('button', { name: 'Leave', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible({
    timeout: 20_000,
  });
}

/** The page's heap after several full collections, as the snapshot's JSON text. */
async function heapSnapshot(cdp: CDPSession): Promise<string> {
  await cdp.send('HeapProfiler.enable');
  // Unreachable strings stay in the heap until a collection; several rounds,
  // with a pause for finalizers and React's scheduled work in between.
  for (let i = 0; i < 4; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.disable');
  return chunks.join('');
}

/** The markers (by name) that occur in `text`, whole or by their distinctive head. */
function found(text: string): string[] {
  return Object.entries(MARKERS)
    .filter(([, marker]) => text.includes(marker) || text.includes(marker.slice(0, 16)))
    .map(([name]) => name);
}

test('after Lock, a heap snapshot of the page holds no concern, screening note, plan answer or passphrase typed in the session', async ({
  page,
  aplis,
}) => {
  test.setTimeout(120_000);
  await aplis.open('en');
  await aplis.tryDemo();
  await changePassphrase(page, aplis);
  await aplis.lock();
  await unlock(page, aplis);

  await raiseConcern(page, aplis);
  await writeScreeningNote(page, aplis);
  await writePlanAnswer(page, aplis);

  const cdp = await page.context().newCDPSession(page);
  // While unlocked the snapshot does hold what the session typed (the plan is
  // on screen): the search below can find a marker where there is one.
  let started = Date.now();
  const before = await heapSnapshot(cdp);
  const beforeMs = Date.now() - started;
  expect(found(before), 'markers in the heap while unlocked').toContain('plan');

  await aplis.lock();
  started = Date.now();
  const snapshot = await heapSnapshot(cdp);
  test.info().annotations.push({
    type: 'heap snapshots',
    description: `${Math.round(snapshot.length / 1e6)} MB of JSON after Lock, garbage collection and snapshot in ${Date.now() - started} ms (before Lock: ${beforeMs} ms)`,
  });
  // HEAP_DUMP=<file>: keep the snapshot, to open in DevTools → Memory and follow retainers.
  if (process.env.HEAP_DUMP) writeFileSync(process.env.HEAP_DUMP, snapshot);
  expect(found(snapshot), 'typed texts left in the page heap after Lock').toEqual([]);

  // Nor in any frame's DOM.
  for (const frame of page.frames()) {
    const html = await frame.evaluate(() => document.documentElement.outerHTML);
    expect(found(html), `typed texts in the DOM of ${frame.url()}`).toEqual([]);
  }
});
