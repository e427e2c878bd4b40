/**
 * Makes the plan's PDF (the page hands it to ui/download.ts). jsPDF and
 * the font load here, on demand, never with the first screen.
 *
 * The time from the request to the file (font and jsPDF included) is left as
 * a `performance` measure named `plan-pdf`, so tests and the bench can read it.
 */
import type { TFunction } from 'i18next';
import { todayInRiga } from '../../domain/calendar-date';
import type { Plan, SupportContact } from '../../domain/plan';
import { formatDate } from '../../i18n/format';
import { planPdfTexts } from './plan-texts';

export async function makePlanPdf(
  plan: Plan,
  t: TFunction<'plans'>,
  contacts: SupportContact[],
): Promise<Uint8Array<ArrayBuffer>> {
  const start = performance.now();
  const [{ createPlanPdf }, { sharedPdfFonts }] = await Promise.all([
    import('../../pdf/plan-pdf'),
    import('../../pdf/document'),
  ]);
  const fonts = await sharedPdfFonts();
  const bytes = await createPlanPdf(
    {
      plan,
      texts: planPdfTexts(t),
      date: formatDate(todayInRiga(), plan.language),
      contacts,
    },
    fonts,
  );
  performance.measure('plan-pdf', { start, end: performance.now() });
  return bytes;
}
