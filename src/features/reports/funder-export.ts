/**
 * Builds the funder export from the organisation's data: the overview for the
 * period, suppressed and anonymised by domain/reports/funder.ts, then as CSV
 * (UTF-8 with BOM, `;`) or PDF. File names are generic: no one's name in the
 * downloads list.
 */
import type { TFunction } from 'i18next';
import {
  funderCsv,
  funderReport,
  tallyFeedback,
  type FunderReport,
} from '../../domain/reports/funder';
import { organisationOverview } from '../../domain/reports/overview';
import { formatDate } from '../../i18n/format';
import type { OrganisationData } from './api/queries';

export function buildFunderReport(input: {
  data: OrganisationData;
  organisation: string;
  from: string;
  to: string;
  t: TFunction<'reports'>;
  lng: string;
}): FunderReport {
  const { data, from, to, t, lng } = input;
  const overview = organisationOverview({ ...data, from, to });
  const feedback = tallyFeedback(data.feedback.filter((f) => f.date >= from && f.date <= to));
  return funderReport({
    organisation: input.organisation,
    overview,
    feedback,
    label: (key) => t(`funder.${key}`),
    period: `${formatDate(from, lng)} – ${formatDate(to, lng)}`,
  });
}

export function funderCsvText(
  report: FunderReport,
  headers: { section: string; item: string; value: string },
): string {
  return funderCsv(report, headers);
}

export async function funderPdfBytes(
  report: FunderReport,
  lng: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const [{ createFunderPdf }, { sharedPdfFonts }] = await Promise.all([
    import('../../pdf/report-pdf'),
    import('../../pdf/document'),
  ]);
  return createFunderPdf(report, await sharedPdfFonts(), lng);
}
