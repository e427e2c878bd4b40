/**
 * Kiosk mode: a facilitator hands the device to a young person with one plan
 * open. While it is on, every staff screen (the Layout) sends the browser back
 * to the kiosk, so the back button, a link or a typed in-app route cannot
 * reach anything else; leaving needs a staff passphrase.
 *
 * The flag lives in memory only, one per app instance (keyed by its vault),
 * never in storage or the URL: a reload forgets it, and a reload always comes
 * back to the locked screen, so nobody gets past the kiosk without a passphrase.
 */
import { useSyncExternalStore } from 'react';
import type { Vault } from '../crypto/vault';
import { useServices } from '../services/services';
import { lockOtherTabs } from './lock';

export interface KioskState {
  participantId: string;
}

class Kiosk {
  #state: KioskState | null = null;
  readonly #listeners = new Set<() => void>();
  get state() {
    return this.#state;
  }
  enter(participantId: string) {
    lockOtherTabs();
    this.#state = { participantId };
    this.#emit();
  }
  exit() {
    this.#state = null;
    this.#emit();
  }
  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };
  #emit() {
    for (const listener of this.#listeners) listener();
  }
}

const kiosks = new WeakMap<Vault, Kiosk>();

export function kioskFor(vault: Vault): Kiosk {
  let kiosk = kiosks.get(vault);
  if (!kiosk) {
    kiosk = new Kiosk();
    kiosks.set(vault, kiosk);
  }
  return kiosk;
}

export function kioskPath(participantId: string): string {
  return `/kiosk/plan/${participantId}`;
}

/** The kiosk of this app instance and its current state (re-renders on change). */
export function useKiosk(): { kiosk: Kiosk; state: KioskState | null } {
  const kiosk = kioskFor(useServices().vault);
  const state = useSyncExternalStore(kiosk.subscribe, () => kiosk.state);
  return { kiosk, state };
}
