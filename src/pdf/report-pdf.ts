/**
 * The funder report as an A4 PDF: organisation, period, a note on
 * small-number suppression, and one table per section. It receives the
 * already anonymised, already suppressed `FunderReport` (domain/reports/funder.ts),
 * so nothing about a person can reach it. jsPDF and the font load only when
 * asked for (see document.ts).
 */
import type { FunderReport } from '../domain/reports/funder';
import {
  CONTENT_WIDTH,
  createPdfDocument,
  FONT,
  lineHeight,
  PAGE,
  pdfBytes,
  type PdfFonts,
} from './document';

const BOTTOM = PAGE.height - PAGE.margin;
const VALUE_WIDTH = 30;

export async function createFunderPdf(
  report: FunderReport,
  fonts: PdfFonts,
  language: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await createPdfDocument({ title: report.title, language, fonts });
  let y = PAGE.margin;
  const ensure = (height: number) => {
    if (y + height > BOTTOM) {
      doc.addPage();
      y = PAGE.margin;
    }
  };
  const write = (
    text: string,
    size: number,
    weight: 'normal' | 'bold',
    x = PAGE.margin,
    width = CONTENT_WIDTH,
  ) => {
    doc.setFont(FONT, weight);
    doc.setFontSize(size);
    const lines = doc.splitTextToSize(text, width) as string[];
    for (const line of lines) {
      ensure(lineHeight(size));
      y += lineHeight(size);
      doc.text(line, x, y);
    }
  };

  write(report.title, 18, 'bold');
  write(report.organisation, 13, 'normal');
  write(`${report.periodLabel}: ${report.period}`, 11, 'normal');
  y += 2;
  write(report.note, 9, 'normal');
  for (const section of report.sections) {
    y += 4;
    ensure(lineHeight(13) * 2);
    write(section.title, 13, 'bold');
    doc.setDrawColor(170, 180, 188);
    for (const row of section.rows) {
      const indent = row.sub ? 6 : 0;
      doc.setFont(FONT, row.sub ? 'normal' : 'bold');
      doc.setFontSize(10);
      const lines = doc.splitTextToSize(
        row.label,
        CONTENT_WIDTH - VALUE_WIDTH - indent,
      ) as string[];
      const height = lines.length * lineHeight(10) + 1.5;
      ensure(height);
      const top = y;
      lines.forEach((line, i) =>
        doc.text(line, PAGE.margin + indent, top + (i + 1) * lineHeight(10)),
      );
      doc.text(row.value, PAGE.width - PAGE.margin, top + lineHeight(10), { align: 'right' });
      y = top + height;
      doc.line(PAGE.margin, y, PAGE.width - PAGE.margin, y);
    }
  }
  return pdfBytes(doc);
}
