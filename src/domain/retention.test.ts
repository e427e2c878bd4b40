import { describe, expect, it } from 'vitest';
import { aCohort } from '../testing/factories';
import { dueForDeletion } from './retention';

describe('records due for review', () => {
  const finished = aCohort('Autumn 2025', { status: 'finished' });
  const running = aCohort('Running', { status: 'running' });
  const recent = aCohort('Spring 2026', { status: 'finished' });
  const meetings = [
    { cohortId: finished.id, date: '2025-09-01' },
    { cohortId: finished.id, date: '2025-11-20' },
    { cohortId: running.id, date: '2024-01-10' },
    { cohortId: recent.id, date: '2026-05-30' },
  ];

  it('offers a finished group 12 months after its last meeting, never a running one', () => {
    expect(dueForDeletion([finished, running, recent], meetings, '2026-11-19')).toEqual([]);
    const due = dueForDeletion([finished, running, recent], meetings, '2026-11-20');
    expect(due).toEqual([{ cohort: finished, lastMeeting: '2025-11-20', dueOn: '2026-11-20' }]);
  });

  it('follows a shorter policy', () => {
    const due = dueForDeletion([finished, recent], meetings, '2026-12-01', 6);
    expect(due.map((d) => d.cohort.name)).toEqual(['Autumn 2025', 'Spring 2026']);
  });
});
