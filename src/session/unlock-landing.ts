import { createContext, useContext } from 'react';

/**
 * The history entry that was on screen when the vault was unlocked (null once
 * the person moves on). A screen the person who unlocked may not open sends
 * them to Today from there, instead of greeting them with a refusal because
 * the last person left a coordinator's screen open.
 */
export const UnlockLanding = createContext<string | null>(null);

export function useUnlockLanding(): string | null {
  return useContext(UnlockLanding);
}
