import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeviceSettings, useSetAutoLockMutation } from '../../../session/device-settings';
import { LanguageSwitch } from '../../../ui/language-switch';
import { useServices, useVaultSession } from '../../../services/services';
import { describeStorageError } from '../../../ui/storage-errors';
import { PassphraseField } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { Page } from '../../../ui/page';
import { PassphraseFields, passphrasesValid } from '../../../ui/passphrase-fields';
import { Link } from '../../../ui/link';
import { useIsCoordinator } from '../../../entities/staff/queries';
import { useOrganisation } from '../../../entities/organisation/queries';
import { ClosuresSection } from '../closures-section';
import { RetentionSection } from '../retention-section';
import { AlertWordsSection } from '../alert-words-section';
import { BackupSection } from '../backup-section';
import { MergeSection } from '../merge-section';
import { RestoreCheckNotice } from '../restore-check-notice';
import { StorageHealthSection } from '../storage-health-section';
import { QuickExitSection } from '../quick-exit-section';
import { SyncSummary } from '../sync/sync-summary';
import { SupportContactsSection } from '../../plans';
import { MeetingSettingsSection } from '../../meeting';
import { AuditIntegrity, ValiditySettings } from '../../screening';

const AUTO_LOCK_CHOICES = [2, 5, 10, 15, 30] as const;

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const organisation = useOrganisation();
  const device = useDeviceSettings();
  const isCoordinator = useIsCoordinator();
  return (
    <Page title={t('title')}>
      <RestoreCheckNotice />
      {/* Wiping the device is a coordinator's decision. */}
      {device.data?.demo && isCoordinator ? <WipeDemo /> : null}
      <SyncSummary />
      {isCoordinator ? (
        <section className="panel" aria-labelledby="settings-staff">
          <h2 id="settings-staff">{t('staff.title')}</h2>
          <p>{t('staff.text')}</p>
          <Link className="btn" to="/settings/staff">
            {t('staff.open')}
          </Link>
        </section>
      ) : null}
      {isCoordinator ? (
        <section className="panel" aria-labelledby="settings-audit">
          <h2 id="settings-audit">{t('screening:audit.title')}</h2>
          <p>{t('screening:audit.settingsText')}</p>
          <AuditIntegrity />
          <Link className="btn" to="/settings/audit">
            {t('screening:audit.open')}
          </Link>
        </section>
      ) : null}
      {isCoordinator ? <ValiditySettings /> : null}
      {isCoordinator ? <ClosuresSection /> : null}
      {isCoordinator ? <RetentionSection /> : null}
      {isCoordinator ? <SupportContactsSection /> : null}
      {isCoordinator ? <AlertWordsSection /> : null}
      <section className="panel" aria-labelledby="settings-org">
        <h2 id="settings-org">{t('organisation')}</h2>
        <p>{organisation.data?.name}</p>
      </section>
      <section className="panel" aria-labelledby="settings-language">
        <h2 id="settings-language">{t('language')}</h2>
        <LanguageSwitch />
      </section>
      <MeetingSettingsSection />
      <AutoLockSetting />
      <QuickExitSection />
      <ChangePassphrase />
      <BackupSection />
      <MergeSection />
      <StorageHealthSection />
    </Page>
  );
}

function AutoLockSetting() {
  const { t } = useTranslation('settings');
  const device = useDeviceSettings();
  const setAutoLock = useSetAutoLockMutation();
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('autoLock.title')}</h2>
      <div className="field">
        <label htmlFor={id}>{t('autoLock.label')}</label>
        <select
          id={id}
          value={device.data?.autoLockMinutes ?? 10}
          onChange={(e) => setAutoLock.mutate(Number(e.target.value))}
        >
          {AUTO_LOCK_CHOICES.map((m) => (
            <option key={m} value={m}>
              {t('autoLock.minutes', { count: m })}
            </option>
          ))}
        </select>
      </div>
      {setAutoLock.isError ? (
        <Notice tone="error" live title={describeStorageError(setAutoLock.error, t)} />
      ) : null}
    </section>
  );
}

function ChangePassphrase() {
  const { t } = useTranslation('settings');
  const { keyring } = useServices();
  const session = useVaultSession();
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string }>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setResult(undefined);
    if (!session || !passphrasesValid(passphrase, confirm)) return;
    setBusy(true);
    try {
      if (!(await keyring.verifyPassphrase(session.staffId, current))) {
        setResult({ tone: 'error', text: t('passphrase.wrongCurrent') });
        return;
      }
      await keyring.setPassphrase(session.staffId, passphrase);
      setCurrent('');
      setPassphrase('');
      setConfirm('');
      setSubmitted(false);
      setResult({ tone: 'success', text: t('passphrase.changed') });
    } catch (e) {
      setResult({ tone: 'error', text: describeStorageError(e, t) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="settings-passphrase">
      <h2 id="settings-passphrase">{t('passphrase.title')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PassphraseField
          label={t('passphrase.current')}
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <PassphraseFields
          passphrase={passphrase}
          confirm={confirm}
          onPassphrase={setPassphrase}
          onConfirm={setConfirm}
          showErrors={submitted}
        />
        {result ? <Notice tone={result.tone} live title={result.text} /> : null}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('setup:form.working') : t('passphrase.submit')}
        </button>
      </form>
    </section>
  );
}

function WipeDemo() {
  const { t } = useTranslation('settings');
  const { database } = useServices();
  const [error, setError] = useState<string>();
  async function wipe() {
    if (!window.confirm(t('demo.confirm'))) return;
    try {
      // Delete first, then leave the page (which forgets the keys). Locking
      // first re-rendered the app — the unlock screen reads the database —
      // while it was being deleted: a DatabaseClosedError.
      await database.wipe();
      window.location.replace('/');
    } catch (e) {
      setError(describeStorageError(e, t));
    }
  }
  return (
    <section className="panel panel-demo" aria-labelledby="settings-demo">
      <h2 id="settings-demo">{t('demo.title')}</h2>
      <p>{t('demo.text')}</p>
      <button type="button" className="btn btn-danger" onClick={() => void wipe()}>
        {t('demo.wipe')}
      </button>
      {error ? <Notice tone="error" live title={error} /> : null}
    </section>
  );
}
