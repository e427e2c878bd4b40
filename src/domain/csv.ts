/**
 * The one CSV writer of the app: every file a spreadsheet may open goes
 * through `toCsv`.
 *
 * - UTF-8 with a byte-order mark (so Excel reads ā, č, ē … correctly),
 *   `;` as the separator (what Excel expects in Latvian and most European
 *   locales, where `,` is the decimal mark), every field quoted, CRLF ends.
 * - Formula injection (OWASP "CSV Injection"): a cell that begins with `=`,
 *   `+`, `-`, `@`, a tab or a carriage return would run as a formula in Excel,
 *   LibreOffice or Google Sheets — `=HYPERLINK(…)` in an organisation's or a
 *   group's name is enough. Such a cell gets a leading `'`, which spreadsheets
 *   show as text and do not evaluate. Quoting alone does not help: a quoted
 *   `"=1+1"` is still a formula.
 */
export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, neutralised and quoted. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Rows of cells as CSV text, BOM first (encode with TextEncoder: UTF-8). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}
