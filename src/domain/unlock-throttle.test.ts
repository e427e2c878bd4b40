import { describe, expect, it } from 'vitest';
import {
  delayAfter,
  FREE_TRIES,
  initialThrottle,
  recordFailure,
  waitRemaining,
  type ThrottleState,
} from './unlock-throttle';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

function afterFailures(count: number, now = 0): ThrottleState {
  let state = initialThrottle;
  for (let i = 0; i < count; i++) state = recordFailure(state, now);
  return state;
}

describe('slowing down wrong unlock tries', () => {
  it('lets the first five wrong tries through without waiting', () => {
    expect(FREE_TRIES).toBe(5);
    for (let failures = 0; failures < 5; failures++)
      expect(delayAfter(failures), `after ${failures}`).toBe(0);
    expect(waitRemaining(afterFailures(4, 1_000), 1_000)).toBe(0);
  });

  it('makes the try after the fifth failure wait 5 seconds, then doubles each time', () => {
    expect([5, 6, 7, 8, 9].map(delayAfter)).toEqual([5, 10, 20, 40, 80].map((s) => s * SECOND));
  });

  it('never makes anyone wait more than 15 minutes', () => {
    expect(delayAfter(12)).toBe(640 * SECOND); // still doubling
    expect(delayAfter(13)).toBe(15 * MINUTE);
    expect(delayAfter(14)).toBe(15 * MINUTE);
    expect(delayAfter(10_000)).toBe(15 * MINUTE);
  });

  it('counts failures and sets the earliest next try from the time of the failure', () => {
    const now = 1_700_000_000_000;
    const state = afterFailures(6, now);
    expect(state.failures).toBe(6);
    expect(state.notBefore).toBe(now + 10 * SECOND);
  });

  it('counts the wait down as time passes, never below zero', () => {
    const now = 50_000;
    const state = afterFailures(5, now);
    expect(waitRemaining(state, now)).toBe(5 * SECOND);
    expect(waitRemaining(state, now + 2 * SECOND)).toBe(3 * SECOND);
    expect(waitRemaining(state, now + 5 * SECOND)).toBe(0);
    expect(waitRemaining(state, now + MINUTE)).toBe(0);
  });

  it('does not change the state it was given', () => {
    const state = { failures: 5, notBefore: 10 };
    recordFailure(state, 100);
    expect(state).toEqual({ failures: 5, notBefore: 10 });
  });
});
