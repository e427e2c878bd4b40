/** Shown on the unlock screen of a demo device; it protects nothing real. */
export const DEMO_PASSPHRASE = 'aplis demo 2026';
