/**
 * A young person's plan as an A4 PDF, made in the browser.
 *
 * jsPDF and the font load only when a PDF is asked for (see document.ts).
 *
 * The file holds only this one plan and the support contacts: no code, no
 * other person's data. Its texts arrive already translated into the plan's
 * language, so this module knows nothing about i18n.
 */
import type { Plan, RelationshipArea, SupportContact } from '../domain/plan';
import { ACTIONS_PER_AREA, planTextSections, relationshipAreas } from '../domain/plan';
import {
  CONTENT_WIDTH,
  createPdfDocument,
  FONT,
  lineHeight,
  PAGE,
  pdfBytes,
  type PdfFonts,
} from './document';

export interface PlanPdfTexts {
  title: string;
  nameLabel: string;
  dateLabel: string;
  sections: Record<
    (typeof planTextSections)[number]['id'] | 'trustedPeople' | 'helpPlaces',
    string
  >;
  actionsTitle: string;
  areaHeader: string;
  actionHeader: (n: number) => string;
  areas: Record<RelationshipArea, string>;
  contactsTitle: string;
  page: (n: number, total: number) => string;
}

export interface PlanPdfInput {
  plan: Plan;
  texts: PlanPdfTexts;
  /** Already formatted in the plan's language. */
  date: string;
  contacts: SupportContact[];
}

const BOTTOM = PAGE.height - PAGE.margin - 8; // room for the page number
const INK: [number, number, number] = [29, 42, 51];
const SOFT: [number, number, number] = [90, 104, 115];
const LINE: [number, number, number] = [170, 180, 188];

/** Collapses stray spaces and blank-line runs; keeps the young person's own line breaks. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export async function createPlanPdf(
  input: PlanPdfInput,
  fonts: PdfFonts,
): Promise<Uint8Array<ArrayBuffer>> {
  const { plan, texts } = input;
  const doc = await createPdfDocument({ title: texts.title, language: plan.language, fonts });

  let y = PAGE.margin;
  const newPage = () => {
    doc.addPage();
    y = PAGE.margin;
  };
  const ensure = (height: number) => {
    if (y + height > BOTTOM) newPage();
  };
  const style = (size: number, weight: 'normal' | 'bold' = 'normal', color = INK) => {
    doc.setFont(FONT, weight);
    doc.setFontSize(size);
    doc.setTextColor(...color);
  };
  const wrap = (text: string, width: number): string[] =>
    doc.splitTextToSize(text, width) as string[];

  /** Writes wrapped text line by line, starting a new page whenever one is full. */
  const paragraph = (text: string, size = 11, weight: 'normal' | 'bold' = 'normal') => {
    style(size, weight);
    const lh = lineHeight(size);
    for (const line of wrap(text, CONTENT_WIDTH)) {
      ensure(lh);
      doc.text(line, PAGE.margin, y, { baseline: 'top' });
      y += lh;
    }
  };

  /** Ruled lines to write on by hand, for a part left empty. */
  const blankLines = (count: number) => {
    doc.setDrawColor(...LINE);
    doc.setLineWidth(0.2);
    for (let i = 0; i < count; i++) {
      ensure(8);
      y += 7;
      doc.line(PAGE.margin, y, PAGE.margin + CONTENT_WIDTH, y);
    }
    y += 2;
  };

  const heading = (text: string) => {
    // Keep a heading with at least two lines of what follows.
    ensure(lineHeight(13) + 2 * lineHeight(11) + 4);
    y += 4;
    paragraph(text, 13, 'bold');
    y += 1;
  };

  const section = (title: string, value: string) => {
    heading(title);
    const body = tidy(value);
    if (body) paragraph(body);
    else blankLines(2);
  };

  // Title, name (only if the young person chose one) and date.
  paragraph(texts.title, 20, 'bold');
  y += 2;
  const name = tidy(plan.nameOnPlan);
  if (name) paragraph(`${texts.nameLabel}: ${name}`, 12);
  style(11, 'normal', SOFT);
  paragraph(`${texts.dateLabel}: ${input.date}`, 11);
  y += 2;

  for (const { id } of planTextSections) section(texts.sections[id], plan[id]);

  // The week-10 grid: one row per kind of relationship, three actions across.
  heading(texts.actionsTitle);
  const labelWidth = 36;
  const cellWidth = (CONTENT_WIDTH - labelWidth) / ACTIONS_PER_AREA;
  const pad = 2;
  const cellSize = 10;
  const lh = lineHeight(cellSize);
  const columns = [
    { x: PAGE.margin, width: labelWidth },
    ...Array.from({ length: ACTIONS_PER_AREA }, (_, i) => ({
      x: PAGE.margin + labelWidth + i * cellWidth,
      width: cellWidth,
    })),
  ];
  const row = (cells: string[], weight: 'normal' | 'bold', minHeight: number) => {
    style(cellSize, weight);
    const lines = cells.map((cell, i) => wrap(tidy(cell), columns[i]!.width - 2 * pad));
    const height = Math.max(minHeight, ...lines.map((l) => l.length * lh + 2 * pad));
    return { lines, height };
  };
  const drawRow = (
    { lines, height }: ReturnType<typeof row>,
    weight: 'normal' | 'bold',
    fill: boolean,
  ) => {
    doc.setDrawColor(...LINE);
    doc.setLineWidth(0.3);
    columns.forEach((column, i) => {
      if (fill) {
        doc.setFillColor(238, 243, 247);
        doc.rect(column.x, y, column.width, height, 'FD');
      } else doc.rect(column.x, y, column.width, height);
      style(cellSize, i === 0 ? 'bold' : weight);
      lines[i]!.forEach((line, j) =>
        doc.text(line, column.x + pad, y + pad + j * lh, { baseline: 'top' }),
      );
    });
    y += height;
  };
  const header = () =>
    drawRow(
      row(
        [
          texts.areaHeader,
          ...Array.from({ length: ACTIONS_PER_AREA }, (_, i) => texts.actionHeader(i + 1)),
        ],
        'bold',
        0,
      ),
      'bold',
      true,
    );
  header();
  for (const area of relationshipAreas) {
    const measured = row([texts.areas[area], ...plan.actions[area]], 'normal', 13);
    if (y + measured.height > BOTTOM) {
      newPage();
      header();
    }
    drawRow(measured, 'normal', false);
  }
  y += 2;

  section(texts.sections.trustedPeople, plan.trustedPeople);
  section(texts.sections.helpPlaces, plan.helpPlaces);

  // Support contacts: the default helplines and the organisation's own.
  if (input.contacts.length > 0) {
    heading(texts.contactsTitle);
    for (const contact of input.contacts) {
      style(11, 'bold');
      const phoneWidth = doc.getTextWidth(contact.phone) + 4;
      const labelLines = wrap(tidy(contact.label), CONTENT_WIDTH - phoneWidth);
      ensure(labelLines.length * lineHeight(11) + 1);
      doc.text(contact.phone, PAGE.margin, y, { baseline: 'top' });
      style(11);
      labelLines.forEach((line, j) =>
        doc.text(line, PAGE.margin + phoneWidth, y + j * lineHeight(11), { baseline: 'top' }),
      );
      y += labelLines.length * lineHeight(11) + 1;
    }
  }

  // Page numbers.
  const pages = doc.getNumberOfPages();
  for (let i = 1; i <= pages; i++) {
    doc.setPage(i);
    style(9, 'normal', SOFT);
    doc.text(texts.page(i, pages), PAGE.width - PAGE.margin, PAGE.height - PAGE.margin + 4, {
      align: 'right',
      baseline: 'top',
    });
  }

  return pdfBytes(doc);
}
