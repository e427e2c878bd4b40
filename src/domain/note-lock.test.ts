import { describe, expect, it } from 'vitest';
import { noteAccess, notesOpenUntil } from './note-lock';

describe('note lock', () => {
  it('lets a facilitator edit on the day and for 7 days after the meeting', () => {
    expect(noteAccess('2026-11-16', '2026-11-16', 'facilitator')).toBe('open');
    expect(noteAccess('2026-11-16', '2026-11-23', 'facilitator')).toBe('open');
  });

  it('locks the notes for a facilitator on the eighth day', () => {
    expect(noteAccess('2026-11-16', '2026-11-24', 'facilitator')).toBe('read-only');
  });

  it('lets a coordinator change them after that, as an audited change', () => {
    expect(noteAccess('2026-11-16', '2026-11-24', 'coordinator')).toBe('coordinator-audited');
    expect(noteAccess('2026-11-16', '2026-11-20', 'coordinator')).toBe('open');
  });

  it('counts calendar days across the change to winter time', () => {
    // Riga leaves summer time on 25 October 2026.
    expect(noteAccess('2026-10-20', '2026-10-27', 'facilitator')).toBe('open');
    expect(noteAccess('2026-10-20', '2026-10-28', 'facilitator')).toBe('read-only');
    expect(notesOpenUntil('2026-10-20')).toBe('2026-10-27');
  });

  it('treats a meeting in the future as open', () => {
    expect(noteAccess('2026-12-01', '2026-11-16', 'facilitator')).toBe('open');
  });
});
