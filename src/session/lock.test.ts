import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAutoLock } from './lock';

describe('auto-lock after inactivity', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('locks once the chosen number of minutes pass without input', () => {
    const lock = vi.fn();
    renderHook(() => useAutoLock(10, lock));
    act(() => void vi.advanceTimersByTime(9 * 60_000));
    expect(lock).not.toHaveBeenCalled();
    act(() => void vi.advanceTimersByTime(60_000 + 15_000));
    expect(lock).toHaveBeenCalled();
  });

  it('does not lock while someone keeps using the app', () => {
    const lock = vi.fn();
    renderHook(() => useAutoLock(2, lock));
    for (let i = 0; i < 6; i++) {
      act(() => void vi.advanceTimersByTime(60_000));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    }
    expect(lock).not.toHaveBeenCalled();
    act(() => void vi.advanceTimersByTime(2 * 60_000 + 15_000));
    expect(lock).toHaveBeenCalled();
  });

  it('locks as soon as a tablet wakes after sleeping past the deadline', () => {
    const lock = vi.fn();
    renderHook(() => useAutoLock(5, lock));
    // The clock jumps (device slept) without timers firing in between.
    vi.setSystemTime(Date.now() + 30 * 60_000);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(lock).toHaveBeenCalled();
  });
});
