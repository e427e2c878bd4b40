/**
 * The device-level flag the static first frame reads before any of the app's
 * script runs (src/app/first-frame-script.js, src/app/first-frame.ts): localStorage
 * `aplis.device`, beside the chosen language (src/i18n/i18n.ts).
 *
 * It holds only what the device settings (the plain `meta` table) already
 * say and what the locked screens need: whether this device has a vault (so
 * the frame is the unlock card, not the welcome one), whether it is a demo
 * device (the demo passphrase notice), and where Quick exit goes (so the
 * frame's Quick exit leaves for the same place as the app's). Nothing about
 * a person. It is a mirror, written each time the device settings are read
 * (`deviceQueries.settings`), so it heals itself: a stale flag shows the
 * other card for a moment, never anything wrong.
 */
import type { QuickExitTarget } from './quick-exit-target';

export const FIRST_FRAME_FLAG_KEY = 'aplis.device';

export interface FirstFrameFlag {
  setUp: boolean;
  demo: boolean;
  quickExit: QuickExitTarget;
}

export function rememberFirstFrameFlag(flag: FirstFrameFlag): void {
  try {
    if (flag.setUp) {
      const value: FirstFrameFlag = { setUp: true, demo: flag.demo, quickExit: flag.quickExit };
      localStorage.setItem(FIRST_FRAME_FLAG_KEY, JSON.stringify(value));
    } else localStorage.removeItem(FIRST_FRAME_FLAG_KEY);
  } catch {
    // Storage blocked: the first frame shows the welcome card until the app has read the device.
  }
}
