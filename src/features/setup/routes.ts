/**
 * The set-up flow has no route of its own: the Gate shows the welcome screen
 * (set up, try the demo, restore a backup) on a device that is not set up yet.
 * main.tsx starts fetching it early on such a device.
 */
export const loadWelcome = () => import('./welcome');

/** The unlock screen of a device whose join was closed before its first unlock asks for the code again. */
export const loadJoinAgain = () => import('./join-with-code');
