/**
 * Locking: the lock button, auto-lock after inactivity, and locking every
 * open tab together (a BroadcastChannel on the app's own origin).
 */
import { useCallback, useEffect, useRef } from 'react';
import { useServices } from '../services/services';

const CHANNEL = 'aplis-lock';
/** Names this tab in its lock messages: a BroadcastChannel also reaches the sender's other channels. */
const THIS_TAB = crypto.randomUUID();
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;
export const DEFAULT_AUTO_LOCK_MINUTES = 10;
export const AUTO_LOCK_KEY = 'autoLockMinutes';

/**
 * Locks every other open tab of the app (a tab does not hear its own
 * message). Also used when a kiosk starts: the device is being handed to a
 * young person, so no other tab may stay open with names on screen.
 */
export function lockOtherTabs(): void {
  try {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage({ lock: THIS_TAB });
    channel.close();
  } catch {
    // No BroadcastChannel: other tabs keep their own auto-lock.
  }
}

export function useLock(): () => void {
  const { vault } = useServices();
  return useCallback(() => {
    vault.lock();
    lockOtherTabs();
  }, [vault]);
}

/** Locks this tab when another tab locks. */
export function useLockFromOtherTabs(): void {
  const { vault } = useServices();
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const from = (event.data as { lock?: unknown } | null)?.lock;
      // 'lock': the message of a tab still on an older version.
      if (event.data === 'lock' || (typeof from === 'string' && from !== THIS_TAB)) vault.lock();
    };
    return () => channel.close();
  }, [vault]);
}

/**
 * Locks after `minutes` without input. Checks a timestamp on an interval
 * rather than trusting one long timer, so a tablet that slept through the
 * deadline locks as soon as it wakes.
 */
export function useAutoLock(minutes: number, lock: () => void): void {
  const lastActivity = useRef(0);
  useEffect(() => {
    lastActivity.current = Date.now();
    const mark = () => {
      lastActivity.current = Date.now();
    };
    for (const name of ACTIVITY_EVENTS)
      window.addEventListener(name, mark, { passive: true, capture: true });
    const check = () => {
      if (Date.now() - lastActivity.current >= minutes * 60_000) lock();
    };
    const timer = window.setInterval(check, Math.min(15_000, minutes * 60_000));
    document.addEventListener('visibilitychange', check);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, mark, { capture: true });
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [minutes, lock]);
}
