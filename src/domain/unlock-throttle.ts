/**
 * Slowing down guessing at the unlock screen. The first five wrong tries in a
 * row cost nothing but the key derivation; from then on each try must wait
 * twice as long as the one before (5 s, 10 s, 20 s … at most 15 minutes).
 *
 * This is friction for someone at the keyboard, not the real defence: a thief
 * with the database attacks the PBKDF2 wraps offline, which is why the KDF
 * floor matters more than this counter.
 */
export const FREE_TRIES = 5;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 15 * 60_000;

export interface ThrottleState {
  failures: number;
  /** Epoch ms before which no try is accepted. */
  notBefore: number;
}

export const initialThrottle: ThrottleState = { failures: 0, notBefore: 0 };

export function delayAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_TRIES));
}

export function recordFailure(state: ThrottleState, now: number): ThrottleState {
  const failures = state.failures + 1;
  return { failures, notBefore: now + delayAfter(failures) };
}

export function waitRemaining(state: ThrottleState, now: number): number {
  return Math.max(0, state.notBefore - now);
}
