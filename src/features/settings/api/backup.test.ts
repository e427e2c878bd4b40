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
  it('holds only the date', () => {
    expect(backupFileName('2026-11-23T12:00:00.000Z')).toBe('aplis-backup-2026-11-23.aplis');
  });
});
