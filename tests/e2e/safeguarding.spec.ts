import type { Page } from '@playwright/test';
import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { expect, test } from './fixtures';

/** A Riga calendar date `days` after today, as the date inputs want it. */
function rigaDate(days: number, from = new Date()): string {
  const shifted = new Date(from.getTime() + days * 86_400_000);
  return shifted.toLocaleDateString('en-CA', { timeZone: 'Europe/Riga' });
}

/** Template version 2 in Latvian: the safe answer to each question, by a fragment of its text. */
const safeAnswersLv: [RegExp, 'Jā' | 'Nē'][] = [
  [/saziņa ar personu vai personām, kas viņu ekspluatēja/, 'Nē'],
  [/saites ar ekspluatētājiem ir pārrautas/, 'Jā'],
  [/spiests piesaistīt citus/, 'Nē'],
  [/kāds draud vai viņš ir briesmās/, 'Nē'],
  [/pazušanas gadījumi/, 'Nē'],
  [/akūta garīgās veselības vajadzība/, 'Nē'],
  [/alkohola vai narkotiku lietošana/, 'Nē'],
  [/droša dzīvesvieta/, 'Jā'],
  [/droši nokļūt uz grupu/, 'Jā'],
  [/pazīst kādu citu grupas dalībnieku/, 'Nē'],
  [/vēlas pievienoties grupai tagad/, 'Jā'],
  [/saviem vārdiem ir piekritis/, 'Jā'],
  [/vecāku vai likumiskā pārstāvja piekrišana dalībai grupā/, 'Jā'],
];

async function answer(page: Page, question: RegExp, value: 'Jā' | 'Nē') {
  await page.getByRole('group', { name: question }).getByLabel(value, { exact: true }).check();
}

test('Latvian: “yes” to self-harm now shows the same-day steps, proposes individual support, and its follow-up is overdue on Today after the due date', async ({
  page,
  aplis,
}) => {
  test.setTimeout(180_000);
  await aplis.open('lv');
  await aplis.tryDemo();

  // A referral of a 15-year-old girl.
  await aplis.goTo('Dalībnieki');
  await page.getByRole('link', { name: 'Jauns nosūtījums' }).click();
  await page.getByLabel('Izvēlētais vārds').fill('Madara');
  await page.getByLabel('Meitene / jauna sieviete').check();
  await page.getByLabel('Dzimšanas datums', { exact: true }).fill(rigaDate(-15 * 365 - 30));
  await page.getByLabel('Nosūtītāja loma').selectOption({ label: 'Sociālais darbinieks' });
  await page.getByLabel('Nosūtītāja iestāde').fill('Ogres sociālais dienests');
  await page
    .getByLabel('Nosūtījuma iemesls nosūtītāja vārdiem')
    .fill('Ieteikta Lotus grupa; jauniete ir nomākta.');
  await page.getByLabel('Jaunietis piekrīt nosūtījumam un drošības izvērtējumam').check();
  await page.getByLabel('Ir vecāku vai likumiskā pārstāvja piekrišana').check();
  await page.getByRole('button', { name: 'Saglabāt nosūtījumu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dalībnieka gaita' })).toBeVisible();

  await page.getByRole('link', { name: 'Sākt drošības izvērtējumu' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Drošības izvērtējums' })).toBeVisible();
  await page.getByLabel('1. saruna: kopsavilkums').fill('Telefonsaruna ar sociālo darbinieci.');
  await page.getByLabel('2. saruna: kopsavilkums').fill('Saruna centrā ar jaunieti.');

  // No same-day steps before the answer; at once after it.
  const sameDay = page.getByText('Tās pašas dienas rīcība: rīkojieties šodien');
  await expect(sameDay).toHaveCount(0);
  await answer(page, /domas par pašnāvību vai viņš sev nodara pāri/, 'Jā');
  await expect(sameDay).toBeVisible();
  const steps = page.locator('.same-day-steps');
  await expect(steps.getByRole('link', { name: '112', exact: true })).toHaveAttribute(
    'href',
    'tel:112',
  );
  // Who to call: the organisation's own contacts and the helpline.
  await expect(steps.getByText(/Demo centra dežūrtālrunis/)).toBeVisible();
  await expect(steps.getByRole('link', { name: '116 111' })).toBeVisible();

  for (const [question, value] of safeAnswersLv) await answer(page, question, value);

  // The answers propose individual support, and say by which rule.
  await expect(page.getByText('Atbildes iesaka: Individuāls atbalsts')).toBeVisible();
  await expect(page.getByText(/Noteikums: ja kāda atbilde ir sarkana/)).toBeVisible();
  await expect(page.locator('.because')).toContainText('domas par pašnāvību');
  const decision = page.getByRole('group', { name: 'Jūsu lēmums' });
  await expect(decision.getByLabel('Individuāls atbalsts')).toBeChecked();

  // Completing without an owner, a date and a plan is refused, and says why.
  await page.getByLabel('Pamatojums', { exact: true }).fill('Paškaitējuma domas tagad.');
  await page.getByRole('button', { name: 'Pabeigt izvērtējumu' }).click();
  await expect(page.getByText('Izvēlieties, kas veiks nākamo soli.')).toBeVisible();
  await expect(page.getByText('Izvēlieties atbildīgo darbinieku.')).toBeVisible();

  // The owner is chosen from the staff, not typed.
  const owner = page.getByLabel('Nākamais solis: kas to darīs');
  await expect(owner.locator('option', { hasText: 'Dace Liepa' })).toHaveCount(1);
  await owner.selectOption({ label: 'Ieva (demo koordinatore)' });
  const due = rigaDate(1);
  await page.getByLabel('Nākamais solis: līdz kuram datumam').fill(due);
  await page.getByLabel('Atbildīgais darbinieks').selectOption({ label: 'Dace Liepa' });
  await page
    .getByLabel('Ar jaunieti saskaņotais atbalsts')
    .fill('Sarunas ar atbildīgo darbinieci divreiz nedēļā.');
  await page.getByLabel('Plāna pārskatīšanas datums').fill(rigaDate(7));
  await page.getByLabel('Drošības izvērtējumu grupai var atkārtot no').fill(rigaDate(30));
  await page.getByRole('button', { name: 'Pabeigt izvērtējumu' }).click();

  // The journey shows the outcome and the individual-support plan.
  await expect(page.getByRole('heading', { level: 1, name: 'Dalībnieka gaita' })).toBeVisible();
  const plan = page.getByRole('region', { name: 'Individuālā atbalsta plāns' });
  await expect(plan).toContainText('Dace Liepa');
  await expect(plan).toContainText('Sarunas ar atbildīgo darbinieci divreiz nedēļā.');
  const journeyUrl = new URL(page.url()).pathname;

  // Today: the follow-up is counted, nothing is overdue yet.
  await aplis.goTo('Šodien');
  await expect(page.getByRole('link', { name: /^Turpmākā rīcība:/ })).toBeVisible();
  await expect(page.getByText(/^Nokavēti uzdevumi:/)).toHaveCount(0);
  await page.getByRole('link', { name: /^Turpmākā rīcība:/ }).click();
  const card = page.getByRole('listitem').filter({
    has: page.getByRole('heading', { name: /Nākamais solis pēc drošības izvērtējuma — Madara/ }),
  });
  await expect(card).toHaveCount(1);
  await expect(card.getByLabel('Atbildīgais').locator('option:checked')).toHaveText(
    'Ieva (demo koordinatore)',
  );
  await expect(card.getByLabel('Termiņš')).toHaveValue(due);
  await expect(card.getByText('nokavēts termiņš')).toHaveCount(0);

  // Three days later the due date has passed.
  await page.clock.setFixedTime(new Date(Date.now() + 3 * 86_400_000));
  await page.goto('/');
  await aplis.unlock(DEMO_PASSPHRASE);
  await expect(page.getByText(/^Nokavēti uzdevumi: \d+$/)).toBeVisible();
  await page.getByRole('link', { name: /^Turpmākā rīcība:/ }).click();
  await expect(card.getByText('nokavēts termiņš')).toBeVisible();

  // Closing asks what happened.
  await card.getByRole('button', { name: 'Slēgt…' }).click();
  await card.getByRole('button', { name: 'Slēgt ar šo piezīmi' }).click();
  await expect(
    card.getByText('Pirms slēgšanas dažos vārdos ierakstiet, kas notika.'),
  ).toBeVisible();
  await card.getByLabel('Kas notika?').fill('Krīzes komanda viņu pieņēma nākamajā rītā.');
  await card.getByRole('button', { name: 'Slēgt ar šo piezīmi' }).click();
  await expect(card).toHaveCount(0); // the open list no longer shows it

  // The journey still has the plan; nothing about her is in the page title or URL.
  await page.goto(journeyUrl);
  await aplis.unlock(DEMO_PASSPHRASE);
  await expect(page.getByRole('region', { name: 'Individuālā atbalsta plāns' })).toBeVisible();
  await expect(page).not.toHaveTitle(/Madara/);
});
