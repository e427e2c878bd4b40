import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV writer', () => {
  it('prefixes a quote to cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-2')).toBe(`"'-2"`);
    expect(csvCell('@SUM(1)')).toBe(`"'@SUM(1)"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
  });

  it('leaves ordinary text, numbers, dashes inside and suppressed counts alone', () => {
    expect(csvCell('Biedrība «Ābele»')).toBe('"Biedrība «Ābele»"');
    expect(csvCell('12')).toBe('"12"');
    expect(csvCell('<3')).toBe('"<3"');
    expect(csvCell('a-b = c')).toBe('"a-b = c"');
    expect(csvCell('–')).toBe('"–"');
  });

  it('doubles quotes and writes BOM, ";" and CRLF', () => {
    expect(
      toCsv([
        ['a "b"', 'c'],
        ['d', ''],
      ]),
    ).toBe('\uFEFF"a ""b""";"c"\r\n"d";""\r\n');
  });
});
