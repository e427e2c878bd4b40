import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../../session/kiosk';
import { useLock } from '../../../session/lock';
import { useServices, useVaultSession } from '../../../services/services';
import { PassphraseField } from '../../../ui/field';

/** After this many wrong passphrases in a row the vault locks (the unlock screen throttles from there). */
const MAX_WRONG = 5;

/** Leaving kiosk mode: a staff member's passphrase, checked against the keyring. Staff-facing text. */
export function KioskExit({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation('plans');
  const { keyring } = useServices();
  const session = useVaultSession();
  const { kiosk } = useKiosk();
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
        kiosk.exit();
        return;
      }
      const count = wrong + 1;
      setWrong(count);
      setPassphrase('');
      if (count >= MAX_WRONG) {
        lock();
        return;
      }
      setError(t('staff.wrong'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="kiosk-exit">
      <section className="panel" aria-labelledby="kiosk-exit-title">
        <h1 id="kiosk-exit-title">{t('staff.exitTitle')}</h1>
        <p>{t('staff.exitText')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <PassphraseField
            label={t('staff.passphrase')}
            autoComplete="current-password"
            autoFocus
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            error={error}
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('staff.checking') : t('staff.exit')}
            </button>
            <button type="button" className="btn" onClick={onCancel}>
              {t('staff.cancel')}
            </button>
          </div>
        </form>
      </section>
    </main>
  );
}
