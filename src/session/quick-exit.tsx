/**
 * Quick exit: a visible button, and Shift pressed three times within two
 * seconds (with no other key in between, so typing capitals never triggers
 * it). The screen is blanked at once, the vault locks (every tab, and the
 * query cache forgets what it had decrypted), and the tab is replaced by a
 * harmless page.
 *
 * Where it goes is a device setting (Settings → Quick exit): by default a
 * recipe page of the app's own origin in the app's language, precached, so
 * it works offline and nothing leaves the device; or a blank page; or a web
 * address the organisation chooses — the one case where the browser, on the
 * user's explicit choice, opens another site.
 *
 * It cannot erase the browser's history; the Settings page says so.
 */
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeviceSettings } from './device-settings';
import { useLock } from './lock';
import { DEFAULT_QUICK_EXIT, quickExitUrl } from './quick-exit-target';

const PRESSES = 3;
const WINDOW_MS = 2000;

/** `language`: the language on the screen when it is not the app's (a young person's kiosk). */
export function useQuickExit(language?: string): () => void {
  const lock = useLock();
  const { i18n } = useTranslation();
  const target = useDeviceSettings().data?.quickExit ?? DEFAULT_QUICK_EXIT;
  const url = quickExitUrl(target, language ?? i18n.language);
  return useCallback(() => {
    document.body.style.display = 'none';
    document.title = '';
    lock();
    window.location.replace(url);
  }, [lock, url]);
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
 * `label` and `language` let the kiosk speak the plan's language rather than
 * the app's; `shortcut={false}` when the screen listens for Shift × 3 itself.
 */
export function QuickExitButton({
  label,
  language,
  shortcut = true,
}: {
  label?: string;
  language?: string;
  shortcut?: boolean;
}) {
  const { t } = useTranslation();
  const quickExit = useQuickExit(language);
  useQuickExitShortcut(shortcut ? quickExit : null);
  return (
    <button type="button" className="btn btn-quick-exit" onClick={quickExit}>
      {label ?? t('common:quickExit.button')}
    </button>
  );
}
