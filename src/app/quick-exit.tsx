/**
 * Quick exit: a visible button, and Shift pressed three times within two
 * seconds (with no other key in between, so typing capitals never triggers
 * it). The screen is blanked at once, the vault locks (every tab, and the
 * query cache forgets what it had decrypted), and the tab is replaced by a
 * harmless page of the app's own origin — never an outside site (no network).
 *
 * It cannot erase the browser's history; the Settings page says so.
 */
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLock } from './lock/use-lock';

/** Where quick exit goes. Same origin and precached, so it works offline. */
export const QUICK_EXIT_URL = '/neutral.html';
const PRESSES = 3;
const WINDOW_MS = 2000;

export function useQuickExit(): () => void {
  const lock = useLock();
  return useCallback(() => {
    document.body.style.display = 'none';
    document.title = '';
    lock();
    window.location.replace(QUICK_EXIT_URL);
  }, [lock]);
}

/** Listens for Shift × 3 while mounted. */
export function useQuickExitShortcut(quickExit: (() => void) | null): void {
  useEffect(() => {
    if (!quickExit) return;
    let presses: number[] = [];
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Shift') {
        presses = [];
        return;
      }
      if (event.repeat) return;
      const now = event.timeStamp || performance.now();
      presses = [...presses.filter((t) => now - t < WINDOW_MS), now];
      if (presses.length >= PRESSES) quickExit();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [quickExit]);
}

/**
 * `label` lets the kiosk speak the plan's language rather than the app's;
 * `shortcut={false}` when the screen listens for Shift × 3 itself.
 */
export function QuickExitButton({
  label,
  shortcut = true,
}: {
  label?: string;
  shortcut?: boolean;
}) {
  const { t } = useTranslation();
  const quickExit = useQuickExit();
  useQuickExitShortcut(shortcut ? quickExit : null);
  return (
    <button type="button" className="btn btn-quick-exit" onClick={quickExit}>
      {label ?? t('common:quickExit.button')}
    </button>
  );
}
