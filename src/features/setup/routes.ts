import type * as WelcomeModuleType from './welcome';

type WelcomeModule = typeof WelcomeModuleType;

/**
 * The set-up flow has no route of its own: the Gate shows the welcome screen
 * (set up, try the demo, restore a backup) on a device that is not set up yet.
 * main.tsx starts fetching it early on such a device.
 */
export const loadWelcome = () =>
  import('./welcome').then((m) => {
    loadedWelcome = m;
    return m;
  });

let loadedWelcome: WelcomeModule | undefined;

/**
 * The welcome module once it has loaded: the Gate renders it at once rather
 * than through `lazy`, which shows its fallback for a moment even then — a
 * flash of the loading card between the static first frame and the welcome
 * card (src/app/first-frame.ts).
 */
export const welcomeIfLoaded = () => loadedWelcome;

/** The unlock screen of a device whose join was closed before its first unlock asks for the code again. */
export const loadJoinAgain = () => import('./join-with-code');
