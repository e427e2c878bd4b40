import { describe, expect, it } from 'vitest';
import { appFileName, fileNamePart, fileTimestamp } from './file-names';

describe('file names', () => {
  it('turns a name into safe characters only', () => {
    expect(fileNamePart('Centrs MARTA')).toBe('centrs-marta');
    expect(fileNamePart('Biedrība «Ābeļzieds» / Rīga')).toBe('biedriba-abelzieds-riga');
    expect(fileNamePart('../../etc/passwd')).toBe('etc-passwd');
    expect(fileNamePart('=HYPERLINK("x")')).toBe('hyperlink-x');
    expect(fileNamePart('Центр Марта')).toBe('');
    expect(fileNamePart('a'.repeat(50))).toHaveLength(32);
    expect(fileNamePart('Nodibinājums Dardedze atbalsta centrs')).toMatch(/^[a-z0-9-]+[a-z0-9]$/);
  });

  it('stamps Riga date and time to the second, in winter and in summer', () => {
    expect(fileTimestamp('2026-12-02T12:26:05.000Z')).toBe('2026-12-02-142605');
    expect(fileTimestamp('2026-07-01T21:30:00.000Z')).toBe('2026-07-02-003000');
  });

  it('leaves out empty parts', () => {
    expect(appFileName('backup', ['', '2026-12-02-142605'], '.aplis')).toBe(
      'aplis-backup-2026-12-02-142605.aplis',
    );
  });
});
