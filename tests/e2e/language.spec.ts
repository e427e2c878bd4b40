import { DEMO_PASSPHRASE } from './pages/aplis-page';
import { expect, test } from './fixtures';

test('switching language changes every text, the curriculum, dates and <html lang>', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await aplis.switchLanguage('lv');
  await expect(page.getByRole('heading', { name: 'Laipni lūdzam lietotnē Aplis' })).toBeVisible();
  await aplis.switchLanguage('en');
  await aplis.tryDemo();

  await aplis.switchLanguage('lv');
  await expect(page.getByRole('link', { name: 'Programmas' })).toBeVisible();
  // Latvian long date on Today, with Latvian weekday and month names.
  await expect(
    page.getByText(
      /^(pirmdiena|otrdiena|trešdiena|ceturtdiena|piektdiena|sestdiena|svētdiena), \d{4}\. gada \d{1,2}\. [a-zā-ž]+$/,
    ),
  ).toBeVisible();
  // Numeric dates end with a full stop.
  await expect(page.getByText(/\b\d{2}\.\d{2}\.\d{4}\./).first()).toBeVisible();

  await aplis.goTo('Programmas');
  await page.getByRole('link', { name: 'Lotus', exact: false }).first().click();
  await expect(page.getByText('Veselīgas un neveselīgas attiecības').first()).toBeVisible();
  await aplis.switchLanguage('en');
  await expect(page.getByText('Healthy and unhealthy relationships').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Programmes' })).toBeVisible();

  // The choice is remembered on the locked screen too.
  await aplis.switchLanguage('lv');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Aplis ir aizslēgts' })).toBeVisible();
  await aplis.unlock(DEMO_PASSPHRASE);
});
