import type { Page } from '@playwright/test';
import { DEMO_PASSPHRASE, type AplisPage } from './pages/aplis-page';
import { expect, test } from './fixtures';

const FACILITATOR = 'blue kettle on the windowsill';

/** The safe answer to each shipped question (English), by a fragment of its text. */
const safeAnswers: [RegExp, 'Yes' | 'No'][] = [
  [/currently in contact with the person/, 'No'],
  [/ties with the exploiters been cut/, 'Yes'],
  [/pressured to bring others/, 'No'],
  [/under threat or in danger now/, 'No'],
  [/recent missing episodes/, 'No'],
  [/thoughts of suicide/, 'No'],
  [/acute mental-health need/, 'No'],
  [/alcohol or drug use/, 'No'],
  [/safe place to live/, 'Yes'],
  [/travel safely/, 'Yes'],
  [/know another group member/, 'No'],
  [/want to join a group now/, 'Yes'],
  [/agreed, in their own words/, 'Yes'],
  [/parents or legal representative consented/, 'Yes'],
];

async function refer(page: Page, name: string, dateOfBirth: string): Promise<string> {
  await page
    .getByRole('navigation', { name: 'Main sections' })
    .getByRole('link', { name: 'Participants' })
    .click();
  await page.getByRole('link', { name: 'New referral' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New referral' })).toBeVisible();
  await page.getByLabel('Chosen name').fill(name);
  await page.getByLabel('Girl / young woman').check();
  await page.getByLabel('Date of birth', { exact: true }).fill(dateOfBirth);
  await page.getByLabel('Referrer’s role').selectOption({ label: 'Social worker' });
  await page.getByLabel('Referrer’s organisation').fill('Ogre social service');
  await page
    .getByLabel('Reason for referral, in the referrer’s words')
    .fill('Would benefit from peer support.');
  await page.getByLabel('The young person agrees to be referred and screened').check();
  await page.getByLabel('A parent or legal representative agrees').check();
  await page.getByRole('button', { name: 'Save referral' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Participant’s journey' }),
  ).toBeVisible();
  const code = (await page.locator('.lede .code').textContent()) ?? '';
  expect(code).toMatch(/^L\d{2}-\d{2,3}$/);
  return code;
}

async function screen(page: Page, answers: [RegExp, 'Yes' | 'No'][] = safeAnswers) {
  await page
    .getByRole('link', { name: /Start safety screening|Screen again/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Safety screening' })).toBeVisible();
  await page.getByLabel('Conversation 1: summary').fill('Phone call; no concerns raised.');
  await page.getByLabel('Conversation 2: summary').fill('Met at the centre; wants to join.');
  for (const [question, answer] of answers)
    await page.getByRole('group', { name: question }).getByLabel(answer, { exact: true }).check();
}

async function complete(page: Page) {
  await page.getByRole('button', { name: 'Complete screening' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Participant’s journey' }),
  ).toBeVisible();
}

async function openJourney(page: Page, code: string) {
  await page
    .getByRole('navigation', { name: 'Main sections' })
    .getByRole('link', { name: 'Participants' })
    .click();
  await page.getByRole('link', { name: code, exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Participant’s journey' }),
  ).toBeVisible();
}

async function enrolIn(page: Page, group: string) {
  await page.getByLabel('Group', { exact: true }).selectOption({ label: group });
}

async function createGroup(page: Page, aplis: AplisPage) {
  await aplis.goTo('Groups');
  await page.getByRole('link', { name: 'New group' }).click();
  await page.getByLabel('Name of the group').fill('Lotus — Ogre');
  await page.getByLabel('Anna Kalniņa').check();
  await page.getByLabel('Place', { exact: true }).fill('Ogre youth centre');
  await page.getByLabel('Room', { exact: true }).fill('2');
  await page.getByLabel('First meeting on or after').fill('2027-03-04');
  await page.getByLabel('Places', { exact: true }).fill('2');
  await page.getByLabel('Working language').selectOption('lv');
  await page.getByRole('button', { name: /^(Save the group|Save anyway)$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lotus — Ogre' })).toBeVisible();
}

test('referral → screening with a red answer → override with a reason → enrol, fill, waitlist, withdraw, offer', async ({
  page,
  aplis,
}) => {
  test.setTimeout(180_000);
  await aplis.open('en');
  await aplis.tryDemo();
  await createGroup(page, aplis);

  // A referral with a date of birth in the future is refused, nothing saved.
  await page
    .getByRole('navigation', { name: 'Main sections' })
    .getByRole('link', { name: 'Participants' })
    .click();
  await page.getByRole('link', { name: 'New referral' }).click();
  await page.getByLabel('Chosen name').fill('Alise');
  await page.getByLabel('Date of birth', { exact: true }).fill('2099-01-01');
  await page.getByRole('button', { name: 'Save referral' }).click();
  await expect(page.getByText('The date of birth cannot be in the future.')).toBeVisible();
  await expect(
    page.getByText('The young person’s own agreement is needed before a referral is recorded.'),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'New referral' })).toBeVisible();

  const alise = await refer(page, 'Alise', '2011-05-01');
  await expect(page.getByText('Not screened yet').first()).toBeVisible();

  // Enrolment without a screening is refused with a reason.
  await enrolIn(page, 'Lotus — Ogre');
  await expect(page.getByText(/has not been screened yet/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enrol', exact: true })).toBeDisabled();

  // A red answer proposes individual support.
  await screen(page, [[/currently in contact with the person/, 'Yes'], ...safeAnswers.slice(1)]);
  await expect(page.getByText('Risk: red')).toBeVisible();
  await expect(page.getByText('The answers propose: Individual support')).toBeVisible();
  const decision = page.getByRole('group', { name: 'Your decision' });
  await expect(decision.getByLabel('Individual support')).toBeChecked();

  // Overriding to a group without a reason is refused.
  await decision.getByLabel('Group', { exact: true }).check();
  await expect(page.getByText('This overrides the proposed outcome')).toBeVisible();
  await page
    .getByLabel('Rationale', { exact: true })
    .fill('Agreed with the social worker after the call.');
  await page.getByRole('button', { name: 'Complete screening' }).click();
  await expect(
    page.getByText('Choosing a group against the proposal needs a written reason.'),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Safety screening' })).toBeVisible();

  // With a reason it is accepted.
  await page
    .getByLabel('Reason for choosing a group')
    .fill('Contact ended last month; the social worker has confirmed it in writing.');
  await complete(page);
  await expect(page.getByText('Overridden (proposed: Individual support)')).toBeVisible();
  await expect(page.getByText('Cleared for a group')).toBeVisible();

  // The override is in the audit log (ids and actions only).
  await aplis.goTo('Settings');
  // The demo's lines and the ones just written form an unbroken chain.
  await expect(
    page.getByText('Audit log intact: every entry is in its place and unchanged.'),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Open the audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Action').selectOption({ label: 'Screening outcome overridden' });
  const row = page.getByRole('row').filter({ hasText: alise });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Screening outcome overridden');
  await expect(row).toContainText('Ieva (demo coordinator)');
  // Filtered: only overrides are listed, not the referral or the outcome itself.
  await expect(page.getByRole('cell', { name: 'Referral recorded' })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: 'Screening outcome set' })).toHaveCount(0);
  await expect(page.getByText('Contact ended last month')).toHaveCount(0);

  // Enrol Alise.
  await openJourney(page, alise);
  await enrolIn(page, 'Lotus — Ogre');
  await expect(page.getByText('0 of 2 places taken.')).toBeVisible();
  await page.getByRole('button', { name: 'Enrol', exact: true }).click();
  await expect(page.getByText('Enrolled.', { exact: true })).toBeVisible();

  // Fill the group with a second young person.
  const beate = await refer(page, 'Beāte', '2010-09-12');
  await screen(page);
  await expect(page.getByText('The answers propose: Group')).toBeVisible();
  await page.getByLabel('Rationale', { exact: true }).fill('No risks found.');
  await complete(page);
  await enrolIn(page, 'Lotus — Ogre');
  await expect(page.getByText('1 of 2 places taken.')).toBeVisible();
  await page.getByRole('button', { name: 'Enrol', exact: true }).click();
  await expect(page.getByText('Enrolled.', { exact: true })).toBeVisible();
  expect(beate).not.toBe(alise);

  // The next referral goes to the waitlist.
  const ciara = await refer(page, 'Ciara', '2011-01-20');
  await screen(page);
  await page.getByLabel('Rationale', { exact: true }).fill('No risks found.');
  await complete(page);
  await enrolIn(page, 'Lotus — Ogre');
  await expect(page.getByText(/This group is full/)).toBeVisible();
  await page.getByRole('button', { name: 'Add to the waitlist' }).click();
  await expect(page.getByText('Added to the waitlist.')).toBeVisible();
  await expect(page.getByText('(number 1 in line)')).toBeVisible();

  // Withdraw Alise: the place is offered to Ciara.
  await openJourney(page, alise);
  await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
  await page.getByLabel('Reason', { exact: true }).fill('Moved to another town.');
  await page.getByRole('button', { name: 'Withdraw from the group' }).click();
  await expect(page.getByText('A place is now free')).toBeVisible();
  // Withdrawal keeps the history: the row stays, with its reason.
  await expect(page.locator('.journey-list .badge', { hasText: 'Withdrawn' })).toBeVisible();
  await expect(page.getByText('Reason: Moved to another town.')).toBeVisible();
  await expect(
    page.getByText(new RegExp(`offered to the first person on the waitlist: ${ciara}`)),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Open their journey' }).click();
  await expect(page.locator('.lede .code')).toHaveText(ciara);
  await expect(page.getByText('Place offered', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Confirm enrolment' }).click();
  await expect(page.locator('.journey-list .badge', { hasText: 'Enrolled' })).toBeVisible();

  // The group's roster follows: Beāte and Ciara, not Alise.
  await aplis.goTo('Participants');
  await expect(
    page.getByRole('row', { name: new RegExp(`${ciara} Ciara Lotus — Ogre Enrolled`) }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`${alise} Alise — —`) })).toBeVisible();
});

test('a facilitator cannot open the screening or journey pages, even by direct URL, and never sees answers', async ({
  page,
  aplis,
}) => {
  test.setTimeout(120_000);
  await aplis.open('en');
  await aplis.tryDemo();
  const code = await refer(page, 'Dina', '2009-02-02');
  const journeyUrl = new URL(page.url()).pathname;
  await screen(page, [
    [/recent missing episodes/, 'Yes'],
    ...safeAnswers.filter(([q]) => !String(q).includes('missing')),
  ]);
  await page
    .getByRole('group', { name: 'Your decision' })
    .getByLabel('Group', { exact: true })
    .check();
  await page
    .getByLabel('Rationale', { exact: true })
    .fill('Missing episodes were before the move.');
  await page.getByLabel('Reason for choosing a group').fill('Placement is stable now.');
  await complete(page);

  // Add a facilitator with their own passphrase.
  await aplis.goTo('Settings');
  await page.getByRole('link', { name: 'Manage staff' }).click();
  await page.getByLabel('Name as colleagues see it').fill('Rūta V.');
  await page.getByRole('button', { name: 'Add and set their passphrase' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(FACILITATOR);
  await page.getByLabel('Repeat the passphrase').fill(FACILITATOR);
  await page.getByRole('button', { name: 'Save the passphrase' }).click();
  await expect(page.getByRole('row', { name: /Rūta V\. facilitator can sign in/ })).toBeVisible({
    timeout: 20_000,
  });

  await aplis.lock();
  await aplis.unlock(FACILITATOR);
  for (const path of [
    `${journeyUrl}/screening`,
    journeyUrl,
    '/participants/new',
    '/settings/audit',
  ]) {
    await aplis.visit(path);
    await expect(page.getByText('Only coordinators can open this screen.')).toBeVisible();
    await expect(page.getByText(/Missing episodes were before|Placement is stable/)).toHaveCount(0);
    await expect(page.getByText('Would benefit from peer support.')).toHaveCount(0);
  }
  // The list shows the chosen name and code, but no screening column and no referral button.
  await aplis.goTo('Participants');
  await expect(page.getByRole('cell', { name: code, exact: true })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Safety screening' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'New referral' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: code, exact: true })).toHaveCount(0);

  // Back as the coordinator, the journey is there.
  await aplis.lock();
  await aplis.unlock(DEMO_PASSPHRASE);
  await page.goto(journeyUrl);
  await aplis.unlock(DEMO_PASSPHRASE);
  await expect(page.getByText('Overridden (proposed: Review)')).toBeVisible();
});

test('a half-finished screening survives a lock and a reload', async ({ page, aplis }) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await refer(page, 'Elza', '2010-04-04');
  const url = new URL(page.url()).pathname;
  await screen(page, safeAnswers.slice(0, 3));
  await page.getByLabel('Access needs').fill('Step-free entrance');
  await expect(page.getByText('Draft saved on this device.')).toBeVisible();
  // Locking mid-way: the form comes back as it was.
  await aplis.lock();
  await aplis.unlock(DEMO_PASSPHRASE);
  await expect(page.getByText('Your unfinished screening was restored.')).toBeVisible();
  await expect(page.getByLabel('Access needs')).toHaveValue('Step-free entrance');
  // And after a reload.
  await page.goto(`${url}/screening`);
  await aplis.unlock(DEMO_PASSPHRASE);
  await expect(page.getByText('Your unfinished screening was restored.')).toBeVisible();
  await expect(page.getByLabel('Access needs')).toHaveValue('Step-free entrance');
  await expect(
    page
      .getByRole('group', { name: /ties with the exploiters been cut/ })
      .getByLabel('Yes', { exact: true }),
  ).toBeChecked();
  await expect(page.getByLabel('Conversation 2: summary')).toHaveValue(
    'Met at the centre; wants to join.',
  );
});

test('adapting the screening template makes a new version; the next screening uses it, earlier ones keep theirs', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await aplis.tryDemo();
  await aplis.goTo('Settings');
  // Screening settings have their own section in Settings (no longer inside the audit log).
  await page
    .getByRole('form', { name: 'Screening settings' })
    .getByRole('link', { name: 'Screening template' })
    .click();
  await expect(
    page.getByText('In use: “Safety screening before a group”, version 2.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Adapt as a new version' }).click();
  await page.getByLabel('Name of the template').fill('Our safety screening');
  await page.getByRole('button', { name: 'Add a question' }).click();
  await page.getByRole('button', { name: 'Save as version 3' }).click();
  await expect(
    page.getByText('Every question needs its text, and the template a name.'),
  ).toBeVisible();
  await page
    .getByLabel('Question 15', { exact: true })
    .fill('Does the young person have a safe place to sleep tonight?');
  await page.getByLabel('Question 15: risk when the answer is “No”').selectOption({ label: 'red' });
  await page.getByRole('button', { name: 'Save as version 3' }).click();
  await expect(page.getByText('In use: “Our safety screening”, version 3.')).toBeVisible();

  // A screening made before keeps the questions it was asked.
  await aplis.goTo('Participants');
  await page.locator('td.code a').first().click();
  await page.getByText('Answers and notes').first().click();
  const earlier = page.locator('.journey-list details').first().locator('ol > li');
  await expect(earlier).toHaveCount(14);
  await expect(earlier.first()).toContainText('currently in contact with the person');
  await expect(page.getByText(/safe place to sleep/)).toHaveCount(0);

  await refer(page, 'Gita', '2010-06-06');
  await screen(page, [...safeAnswers, [/safe place to sleep tonight/, 'No']]);
  await expect(page.getByText('Template version 3.', { exact: false })).toBeVisible();
  await expect(page.getByText('The answers propose: Individual support')).toBeVisible();
});
