import { describe, expect, it } from 'vitest';
import {
  formatRemaining,
  initialTimer,
  nextActivity,
  parseTimer,
  pauseTimer,
  remainingMs,
  startTimer,
  timerMilestone,
} from './activity-timer';

const MIN = 60_000;

describe('activity timer', () => {
  it('counts down while running and holds still while paused', () => {
    let t = startTimer(initialTimer, 0);
    expect(remainingMs(t, 10, 3 * MIN)).toBe(7 * MIN);
    t = pauseTimer(t, 3 * MIN);
    expect(remainingMs(t, 10, 60 * MIN)).toBe(7 * MIN);
    t = startTimer(t, 60 * MIN);
    expect(remainingMs(t, 10, 62 * MIN)).toBe(5 * MIN);
  });

  it('keeps counting through a lock or reload, because it stores when it started', () => {
    const stored = JSON.parse(JSON.stringify(startTimer(initialTimer, 1_000))) as unknown;
    const back = parseTimer(stored, 3);
    expect(remainingMs(back, 10, 1_000 + 4 * MIN)).toBe(6 * MIN);
  });

  it('moves to the next activity with a fresh clock, still running if it was', () => {
    const t = nextActivity(startTimer(initialTimer, 0), 5 * MIN, 3);
    expect(t).toEqual({ index: 1, runningSince: 5 * MIN, elapsedMs: 0 });
    const paused = nextActivity(initialTimer, 0, 3);
    expect(paused.runningSince).toBeNull();
  });

  it('stops after the last activity', () => {
    const t = nextActivity({ index: 2, runningSince: 0, elapsedMs: 0 }, MIN, 3);
    expect(t).toEqual({ index: 3, runningSince: null, elapsedMs: 0 });
    expect(nextActivity(t, 2 * MIN, 3).index).toBe(3);
  });

  it('goes negative once the time is over and says so', () => {
    const t = startTimer(initialTimer, 0);
    expect(remainingMs(t, 1, 90_000)).toBe(-30_000);
    expect(formatRemaining(-30_000)).toBe('−0:30');
    expect(formatRemaining(5 * MIN)).toBe('5:00');
    expect(formatRemaining(61_500)).toBe('1:02');
  });

  it('announces only at five minutes left, one minute left and time up', () => {
    expect(timerMilestone(20 * MIN)).toBe('plenty');
    expect(timerMilestone(5 * MIN)).toBe('five-left');
    expect(timerMilestone(4 * MIN + 59_000)).toBe('five-left');
    expect(timerMilestone(MIN)).toBe('one-left');
    expect(timerMilestone(0)).toBe('over');
  });

  it('starts afresh from a damaged or out-of-range stored state', () => {
    expect(parseTimer('nonsense', 3)).toEqual(initialTimer);
    expect(parseTimer({ index: 7, runningSince: null, elapsedMs: 0 }, 3)).toEqual(initialTimer);
    expect(parseTimer({ index: 1, runningSince: 'x', elapsedMs: 0 }, 3)).toEqual(initialTimer);
  });
});
