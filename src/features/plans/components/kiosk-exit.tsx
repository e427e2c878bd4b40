import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../../session/kiosk';
import { useStaffRelease } from '../../../session/staff-release';
import { PassphraseField } from '../../../ui/field';

/** Leaving kiosk mode: a staff member's passphrase, checked against the keyring. Staff-facing text. */
export function KioskExit({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation('plans');
  const { kiosk } = useKiosk();
  const release = useStaffRelease(() => kiosk.exit(), t('staff.wrong'));

  return (
    <main id="main" className="kiosk-exit">
      <section className="panel" aria-labelledby="kiosk-exit-title">
        <h1 id="kiosk-exit-title">{t('staff.exitTitle')}</h1>
        <p>{t('staff.exitText')}</p>
        <form onSubmit={(e) => void release.submit(e)} noValidate>
          <PassphraseField
            label={t('staff.passphrase')}
            autoComplete="current-password"
            autoFocus
            value={release.passphrase}
            onChange={(e) => release.setPassphrase(e.target.value)}
            error={release.error}
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={release.busy}>
              {release.busy ? t('staff.checking') : t('staff.exit')}
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
