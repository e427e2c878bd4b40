import { describe, expect, it } from 'vitest';
import type { FollowUp } from '../follow-up';
import { daysOpen, followUpsByType } from './follow-ups';
import { moodSeries } from './mood';
import { aMeeting, meetingId } from './test-data';

function aFollowUp(overrides: Partial<FollowUp> = {}): FollowUp {
  return {
    id: crypto.randomUUID(),
    kind: 'concern',
    status: 'open',
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('follow-ups by type', () => {
  const concernA = crypto.randomUUID();
  const concernB = crypto.randomUUID();
  const concerns = [
    { id: concernA, type: 'disclosure' as const },
    { id: concernB, type: 'missing' as const },
  ];
  const now = new Date('2026-03-21T10:00:00.000Z');

  it('groups concern follow-ups by the concern’s type and automatic ones by kind', () => {
    const summary = followUpsByType({
      concerns,
      now,
      followUps: [
        aFollowUp({ concernId: concernA }),
        aFollowUp({ concernId: concernB }),
        aFollowUp({ kind: 'absence-run' }),
        aFollowUp({ concernId: crypto.randomUUID() }),
      ],
    });
    expect(summary.map((s) => [s.type, s.total])).toEqual([
      ['disclosure', 1],
      ['missing', 1],
      ['concern-unknown', 1],
      ['absence-run', 1],
    ]);
  });

  it('measures how long items stayed open: closed ones to closing, open ones up to now', () => {
    const [summary] = followUpsByType({
      concerns,
      now,
      followUps: [
        aFollowUp({ concernId: concernA, status: 'closed', closedAt: '2026-03-03T12:00:00.000Z' }),
        aFollowUp({ concernId: concernA, status: 'closed', closedAt: '2026-03-05T09:00:00.000Z' }),
        aFollowUp({ concernId: concernA, status: 'in-progress' }),
      ],
    });
    expect(summary).toMatchObject({
      type: 'disclosure',
      total: 3,
      open: 1,
      closed: 2,
      medianDaysToClose: 3,
      longestOpenDays: 20,
    });
  });

  it('counts days whole, the same day as 0', () => {
    expect(daysOpen('2026-03-01T10:00:00.000Z', '2026-03-01T18:00:00.000Z')).toBe(0);
  });

  it('gives no rows when there are no follow-ups', () => {
    expect(followUpsByType({ concerns: [], now, followUps: [] })).toEqual([]);
  });
});

describe('mood and engagement', () => {
  it('averages notes per meeting, leaves gaps for unrated meetings and skips cancelled ones', () => {
    const series = moodSeries(
      [
        aMeeting(1),
        aMeeting(2, { status: 'cancelled' }),
        aMeeting(3),
        aMeeting(4, { status: 'planned' }),
      ],
      [
        { meetingId: meetingId(1), mood: 3, engagement: 4 },
        { meetingId: meetingId(1), mood: 4, engagement: undefined },
        { meetingId: meetingId(2), mood: 5, engagement: 5 },
      ],
    );
    expect(series.map((p) => [p.number, p.mood, p.engagement])).toEqual([
      [1, 3.5, 4],
      [3, undefined, undefined],
    ]);
  });
});
