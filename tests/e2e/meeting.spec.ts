import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { MeetingModePage } from './pages/meeting-page';
import { expect, test } from './fixtures';

test('a facilitator runs today’s meeting in Latvian: timer, attendance, notes, a concern, closing; the coordinator follows up', async ({
  page,
  aplis,
}) => {
  const meeting = new MeetingModePage(page);
  await aplis.open('lv');
  await page.getByRole('button', { name: 'Izmēģināt demo' }).click();
  await aplis.expectToday();

  // Today → meeting mode for the Lotus group (week 5 today in the demo).
  await meeting.openFromToday('Lotus — Rīga, rudens — 5. tikšanās');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Lotus — Rīga, rudens — 5. tikšanās',
  );
  await expect(page.getByText('Pozitīvas pašapziņas veidošana').first()).toBeVisible();
  await expect(page).toHaveTitle('Tikšanās režīms · Aplis');

  // Agenda and timer.
  await expect(page.getByText('1. aktivitāte no')).toBeVisible();
  await page.getByRole('button', { name: 'Sākt', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pauze' })).toBeVisible();
  await expect(page.locator('.timer [aria-live="polite"]')).toContainText('Taimeris iet');
  await page.getByRole('button', { name: 'Nākamā aktivitāte' }).click();
  await expect(page.getByText('2. aktivitāte no')).toBeVisible();

  // Attendance: one tap each, stored at once; a count at the top; undo.
  await expect(meeting.count()).toContainText('Klāt: 0 no 7');
  await meeting.mark('Alise', 'Klāt');
  await meeting.mark('Beāte', 'Nokavēja');
  await expect(meeting.person('Beāte').getByLabel('Ieradās')).toHaveValue(/^\d\d:\d\d$/);
  await meeting.mark('Diāna', 'Attaisnots kavējums');
  await meeting.person('Diāna').getByLabel('Iemesls').fill('Eksāmens skolā');
  await meeting.person('Diāna').getByLabel('Iemesls').blur();
  await meeting.mark('Katrīna', 'Nav klāt');
  await meeting.mark('Nora', 'Klāt');
  await expect(meeting.count()).toContainText('Klāt: 3 no 7');
  await page.getByRole('button', { name: 'Atsaukt (Nora)' }).click();
  await expect(meeting.person('Nora').getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(meeting.count()).toContainText('Klāt: 2 no 7');

  // Group-dynamics notes, saved as typed; earlier meetings one tap away.
  await page.getByRole('group', { name: 'Grupas noskaņojums' }).getByLabel('4').check();
  await page.getByRole('group', { name: 'Iesaiste' }).getByLabel('3').check();
  await page.getByLabel('smiekli').check();
  await page.getByLabel('Piezīmes', { exact: true }).fill('Grupa strādāja mierīgi, daudz smieklu.');
  await meeting.expectNotesSaved('Saglabāts šajā ierīcē.');
  await page.getByText('Iepriekšējo tikšanos piezīmes (4)').click();
  await expect(page.getByRole('heading', { name: /^4\. tikšanās/ })).toBeVisible();

  // A concern in two taps, with the calm checklist for its type.
  await page.getByRole('button', { name: 'Ziņot par bažām' }).click();
  await page.getByLabel('Atklāšana par pārdzīvotu kaitējumu').check();
  await expect(page.getByText('Nesoliet to paturēt noslēpumā', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Nosūtīt koordinatoriem' }).click();
  await expect(page.getByText('Uzrakstiet, kas tika redzēts vai teikts, kaut īsi.')).toBeVisible();
  await page.getByLabel('Par ko tas ir? (nav obligāti)').selectOption({ label: 'Elza' });
  await page.getByLabel('Kas tika redzēts vai teikts').fill('„Viņš paņēma manu pasi.”');
  await page
    .getByLabel('Kas tika izdarīts uzreiz')
    .fill('Uzklausīju, pastāstīju, ka runāšu ar koordinatori.');
  await page.getByRole('button', { name: 'Nosūtīt koordinatoriem' }).click();
  await expect(
    page.getByText('Bažas ir saglabātas un ir koordinatoru turpmākās rīcības sarakstā.'),
  ).toBeVisible();

  // Close the meeting: a summary, a hand-over note; Katrīna's second absence in a row is flagged.
  const close = page.locator('#close');
  await expect(close).toContainText('Klāt: 2 no 7');
  await expect(close).toContainText('1 ziņojums: Atklāšana par pārdzīvotu kaitējumu');
  await expect(close).toContainText('noskaņojums 4/5');
  await page
    .getByLabel('Piezīme nodošanai')
    .fill('Pēc tikšanās piezvanīt Elzas sociālajai darbiniecei.');
  await page.getByRole('button', { name: 'Noslēgt tikšanos' }).click();
  await expect(close.getByText(/Tikšanās ir noslēgta\. \d+ kavējum/)).toBeVisible();
  await expect(page.getByText('notikusi (noslēgta)')).toBeVisible();

  // The coordinator's follow-up list.
  await aplis.goTo('Šodien');
  await page.getByRole('link', { name: /^Turpmākā rīcība: \d+ neslēgt/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Turpmākā rīcība' })).toBeVisible();
  const concern = page
    .getByRole('listitem')
    .filter({ hasText: 'Bažas: Atklāšana par pārdzīvotu kaitējumu — Elza' });
  await expect(concern).toContainText('„Viņš paņēma manu pasi.”');
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: 'Bez iemesla kavētas 2 tikšanās pēc kārtas — Katrīna' }),
  ).toBeVisible();
  await concern.getByLabel('Atbildīgais').selectOption({ label: 'Anna Kalniņa' });
  await concern.getByRole('button', { name: 'Sākt darbu' }).click();
  await expect(concern).toHaveCount(0); // moved out of "open"
  await page.getByRole('button', { name: /^Procesā/ }).click();
  await expect(concern).toContainText('procesā');
  await concern.getByRole('button', { name: 'Slēgt…' }).click();
  await concern.getByRole('button', { name: 'Slēgt ar šo piezīmi' }).click();
  await expect(
    concern.getByText('Pirms slēgšanas dažos vārdos ierakstiet, kas notika.'),
  ).toBeVisible();
  await concern
    .getByLabel('Kas notika?')
    .fill('Runāju ar sociālo darbinieci; drošības plāns atjaunots.');
  await concern.getByRole('button', { name: 'Slēgt ar šo piezīmi' }).click();
  await expect(concern).toHaveCount(0);
  await page.getByRole('button', { name: /^Slēgti/ }).click();
  await expect(concern).toContainText('Runāju ar sociālo darbinieci; drošības plāns atjaunots.');

  // Shared screen: codes instead of names in meeting mode.
  await aplis.goTo('Iestatījumi');
  await page.getByLabel('Koplietots ekrāns: rādīt dalībnieku kodus, nevis vārdus').check();
  await aplis.goTo('Šodien');
  await meeting.openFromToday('Lotus — Rīga, rudens — 5. tikšanās');
  await expect(meeting.person('Alise')).toHaveCount(0);
  await expect(page.getByRole('group', { name: /^L\d\d-01$/ })).toBeVisible();
  await expect(
    page
      .getByRole('group', { name: /^L\d\d-01$/ })
      .getByRole('radio', { name: 'Klāt', exact: true }),
  ).toBeChecked();
});

test('offline: attendance, notes, a concern and the timer survive a lock and a reload with the network off', async ({
  page,
  context,
  aplis,
}) => {
  const meeting = new MeetingModePage(page);
  await aplis.open('en');
  await aplis.tryDemoCachedForOffline();

  await context.setOffline(true);
  await meeting.openFromToday('Lotus — Riga, autumn — meeting 5');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await meeting.mark('Alise', 'Present');
  await meeting.mark('Laura', 'Left early');
  await meeting.mark('Elza', 'Absent');
  await page.getByRole('group', { name: 'Mood of the group' }).getByLabel('2').check();
  await page.getByLabel('withdrawal').check();
  await page
    .getByLabel('Notes', { exact: true })
    .fill('Quiet start; two arrived upset after school.');
  await page.getByText('About individual participants (optional)').click();
  await page
    .locator('.observations')
    .getByLabel('Alise', { exact: true })
    .fill('Helped a new member settle in.');
  await meeting.expectNotesSaved('Saved on this device.');
  await page.getByRole('button', { name: 'Raise a concern' }).click();
  await page.getByLabel('Distress or self-harm').check();
  await page
    .getByLabel('What was seen or said')
    .fill('Cried during the check-in, said "nobody listens".');
  await page.getByRole('button', { name: 'Send to the coordinators' }).click();
  await expect(page.getByText('The concern is saved', { exact: false })).toBeVisible();
  // A second concern, half typed when the screen locks.
  await page.getByRole('button', { name: 'Raise a concern' }).click();
  await page.getByLabel('Suspected recruitment or pressure inside the group').check();
  await page.getByLabel('What was seen or said').fill('Talked about a new friend who is 24.');
  await expect(page.locator('.concern-panel .save-status')).toHaveText(/Kept on this device/);

  // A lock (the facilitator steps away) ...
  await aplis.lock();
  await aplis.unlock(DEMO_PASSPHRASE);
  await expect(meeting.person('Alise').getByRole('radio', { name: 'Present' })).toBeChecked();

  // ... and a reload with the network still off.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Aplis is locked' })).toBeVisible();
  await aplis.unlock(DEMO_PASSPHRASE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Lotus — Riga, autumn — meeting 5',
  );
  await expect(meeting.person('Alise').getByRole('radio', { name: 'Present' })).toBeChecked();
  await expect(meeting.person('Laura').getByRole('radio', { name: 'Left early' })).toBeChecked();
  await expect(meeting.person('Elza').getByRole('radio', { name: 'Absent' })).toBeChecked();
  await expect(meeting.count()).toContainText('Here: 2 of 7');
  await expect(
    page.getByRole('group', { name: 'Mood of the group' }).getByLabel('2'),
  ).toBeChecked();
  await expect(page.getByLabel('withdrawal')).toBeChecked();
  await expect(page.getByLabel('Notes', { exact: true })).toHaveValue(
    'Quiet start; two arrived upset after school.',
  );
  await page.getByText('About individual participants (optional)').click();
  await expect(page.locator('.observations').getByLabel('Alise', { exact: true })).toHaveValue(
    'Helped a new member settle in.',
  );
  await expect(page.locator('#close')).toContainText('1 concern: Distress or self-harm');
  // The unsent one is back where it was, to finish and send.
  await expect(page.getByText('Your unsent concern was kept.')).toBeVisible();
  await expect(page.getByLabel('What was seen or said')).toHaveValue(
    'Talked about a new friend who is 24.',
  );
  await expect(page.getByLabel('Suspected recruitment or pressure inside the group')).toBeChecked();
  // The timer kept running through the lock and the reload.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await context.setOffline(false);
});
