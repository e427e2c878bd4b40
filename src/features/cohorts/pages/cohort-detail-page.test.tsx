import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addDays, todayInRiga } from '../../../domain/calendar-date';
import type { Attendance } from '../../../domain/meeting';
import { aCohort, aMeeting } from '../../../testing/factories';
import { countReads } from '../../../testing/read-counter';
import { renderApp, SLOW } from '../../../testing/render-app';

describe('a group page', () => {
  it('warns of a clash with another group without reading anyone’s attendance marks', async () => {
    const today = todayInRiga();
    const ours = aCohort('Birch group');
    const theirs = aCohort('Oak group'); // the same place, room and time
    const past = [aMeeting(ours, { number: 1, date: addDays(today, -7), status: 'held' })];
    const theirPast = aMeeting(theirs, { number: 1, date: addDays(today, -7), status: 'held' });
    const upcoming = aMeeting(ours, { number: 2, date: addDays(today, 7), status: 'planned' });
    const theirUpcoming = aMeeting(theirs, {
      number: 2,
      date: addDays(today, 7),
      status: 'planned',
    });
    const marks: Attendance[] = [past[0]!, theirPast].map((m) => ({
      id: crypto.randomUUID(),
      meetingId: m.id,
      participantId: crypto.randomUUID(),
      status: 'present',
    }));
    const reads = countReads(['attendance', 'meetings', 'enrolments']);
    await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: `/cohorts/${ours.id}`,
      seed: async ({ repos }) => {
        await repos.cohorts.bulkPut([ours, theirs]);
        await repos.meetings.bulkPut([...past, upcoming, theirPast, theirUpcoming]);
        await repos.attendance.bulkPut(marks);
      },
      adjust: reads.adjust,
    });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Birch group' }, SLOW),
    ).toBeInTheDocument();
    // The clash with the other group's meeting next week is shown, once.
    expect(
      await screen.findByText(/The room is used by Oak group on .* at the same time\./, {}, SLOW),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/The room is used by/)).toHaveLength(1);
    await waitFor(() => expect(reads.count.calls).toContain('meetings.listBetween'));
    // No marks, no enrolments, and of the other groups' meetings only those
    // from today on (their past meeting cannot clash with our upcoming one).
    expect(reads.count.opened.attendance ?? 0).toBe(0);
    expect(reads.count.opened.enrolments ?? 0).toBe(0);
    expect(reads.count.calls).not.toContain('meetings.list');
    expect(reads.count.opened.meetings).toBe(2 /* ours */ + 2 /* from today on, both groups */);
  });
});
