import { useState, type FormEvent } from 'react';
import { UnlockThrottledError } from '../db/keyring-store';
import { useServices, useVaultSession } from '../services/services';
import { useLock } from './lock';

/** After this many wrong passphrases in a row the vault locks (the unlock screen throttles from there). */
export const MAX_WRONG_RELEASES = 5;

/**
 * Leaving a kiosk (a young person's plan, the feedback kiosk): the signed-in
 * staff member's passphrase, checked against the keyring. Every try counts
 * towards the unlock screen's throttle. A wrong one clears the field and says
 * `wrongText`; five in a row, or a try while the throttle makes people wait,
 * lock the app.
 */
export function useStaffRelease(onReleased: () => void, wrongText: string) {
  const { keyring } = useServices();
  const session = useVaultSession();
  const lock = useLock();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [wrong, setWrong] = useState(0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !session || passphrase.length === 0) return;
    setBusy(true);
    setError(undefined);
    try {
      if (await keyring.verifyPassphrase(session.staffId, passphrase)) {
        onReleased();
        return;
      }
      const count = wrong + 1;
      setWrong(count);
      setPassphrase('');
      if (count >= MAX_WRONG_RELEASES) lock();
      else setError(wrongText);
    } catch (error) {
      // The unlock screen's throttle is running (wrong tries here or there):
      // lock, and the unlock screen shows how long to wait.
      if (error instanceof UnlockThrottledError) lock();
      else throw error;
    } finally {
      setBusy(false);
    }
  }

  return { passphrase, setPassphrase, error, busy, submit };
}
