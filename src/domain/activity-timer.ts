/**
 * The per-activity timer of meeting mode, as plain state so it can be stored
 * (in the device's `meta` table) and survive a reload or a lock: it keeps
 * timestamps, never a ticking counter, so time spent locked still counts.
 */
export interface TimerState {
  /** Index into the meeting plan's activities; equal to their count when all are done. */
  index: number;
  /** Epoch ms when the current run started; null while paused. */
  runningSince: number | null;
  /** Time spent on the current activity before `runningSince`. */
  elapsedMs: number;
}

export const initialTimer: TimerState = { index: 0, runningSince: null, elapsedMs: 0 };

export function isRunning(state: TimerState): boolean {
  return state.runningSince !== null;
}

export function startTimer(state: TimerState, now: number): TimerState {
  return state.runningSince !== null ? state : { ...state, runningSince: now };
}

export function pauseTimer(state: TimerState, now: number): TimerState {
  if (state.runningSince === null) return state;
  return { ...state, runningSince: null, elapsedMs: elapsedMs(state, now) };
}

/** On to the next activity; a running timer keeps running for it. */
export function nextActivity(state: TimerState, now: number, count: number): TimerState {
  const index = Math.min(state.index + 1, count);
  const running = state.runningSince !== null && index < count;
  return { index, runningSince: running ? now : null, elapsedMs: 0 };
}

export function elapsedMs(state: TimerState, now: number): number {
  return (
    state.elapsedMs + (state.runningSince === null ? 0 : Math.max(0, now - state.runningSince))
  );
}

/** Negative when the activity has run over. */
export function remainingMs(state: TimerState, minutes: number, now: number): number {
  return minutes * 60_000 - elapsedMs(state, now);
}

/**
 * What a screen reader hears, and only when it changes: not every second,
 * just when five minutes are left, one minute is left, and time is up.
 */
export type TimerMilestone = 'plenty' | 'five-left' | 'one-left' | 'over';

export function timerMilestone(remaining: number): TimerMilestone {
  if (remaining <= 0) return 'over';
  if (remaining <= 60_000) return 'one-left';
  if (remaining <= 300_000) return 'five-left';
  return 'plenty';
}

/** `m:ss`, with a minus sign once the time is over. */
export function formatRemaining(remaining: number): string {
  const sign = remaining < 0 ? '−' : '';
  const total = Math.ceil(Math.abs(remaining) / 1000);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** A stored state, checked: anything malformed starts afresh rather than breaking the screen. */
export function parseTimer(value: unknown, count: number): TimerState {
  if (!value || typeof value !== 'object') return initialTimer;
  const v = value as Record<string, unknown>;
  const index = typeof v.index === 'number' && Number.isInteger(v.index) ? v.index : -1;
  const elapsed = typeof v.elapsedMs === 'number' && v.elapsedMs >= 0 ? v.elapsedMs : -1;
  const since =
    v.runningSince === null || typeof v.runningSince === 'number' ? v.runningSince : undefined;
  if (index < 0 || index > count || elapsed < 0 || since === undefined) return initialTimer;
  return { index, elapsedMs: elapsed, runningSince: since };
}
