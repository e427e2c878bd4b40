import { describe, expect, it } from 'vitest';
import { backupFileName, isBackupDue } from './backup';

const DAY = 24 * 60 * 60 * 1000;

describe('the backup reminder', () => {
  const now = Date.parse('2026-11-23T12:00:00.000Z');

  it('is due when no backup was ever made', () => {
    expect(isBackupDue(null, now)).toBe(true);
  });

  it('is not due within 7 days of the last backup, and due after', () => {
    expect(isBackupDue(new Date(now - 7 * DAY).toISOString(), now)).toBe(false);
    expect(isBackupDue(new Date(now - 7 * DAY - 60_000).toISOString(), now)).toBe(true);
  });
});

describe('the backup file name', () => {
  it('holds the organisation short name and the Riga date and time, nothing else', () => {
    expect(backupFileName('2026-11-23T12:00:00.000Z', 'Centrs MARTA')).toBe(
      'aplis-backup-centrs-marta-2026-11-23-140000.aplis',
    );
    expect(backupFileName('2026-11-23T12:00:00.000Z')).toBe('aplis-backup-2026-11-23-140000.aplis');
  });

  it('differs for two backups made the same day', () => {
    const morning = backupFileName('2026-11-23T07:15:00.000Z', 'Biedrība «Ābele»');
    const evening = backupFileName('2026-11-23T16:40:09.000Z', 'Biedrība «Ābele»');
    expect(morning).toBe('aplis-backup-biedriba-abele-2026-11-23-091500.aplis');
    expect(evening).not.toBe(morning);
    expect(evening).toMatch(/^[a-z0-9-]+\.aplis$/);
  });
});
