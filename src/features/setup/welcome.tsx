import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceQueries } from '../../session/device-settings';
import { GateCard } from '../../session/gate-card';
import { useServices } from '../../services/services';
import { useLanguage } from '../../i18n/i18n';
import { Field } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { describeStorageError } from '../../ui/storage-errors';
import { PassphraseFields, passphrasesValid } from '../../ui/passphrase-fields';
import { RecoveryCodeStep } from '../../ui/recovery-code-step';
import { JoinChoice, JoinWithCode } from './join-with-code';
import { RestoreChoice, RestoreFromBackup } from './restore-from-backup';

type Step =
  | { name: 'choose' }
  | { name: 'form' }
  | { name: 'restore' }
  | { name: 'join' }
  | { name: 'recovery'; code: string };

/** First visit: set up a real organisation, or try the app with demo data. */
export function Welcome() {
  const { t } = useTranslation('setup');
  const lng = useLanguage();
  const services = useServices();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const finish = () => queryClient.invalidateQueries({ queryKey: deviceQueries.all });
  // Stable, as the join step calls it from an effect once the first pull is done.
  const finishJoin = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: deviceQueries.all }),
    [queryClient],
  );

  async function startDemo() {
    setBusy(true);
    setError(undefined);
    try {
      const { createDemoOrganisation } = await import('./demo-data');
      await createDemoOrganisation(services, lng);
      await finish();
    } catch (e) {
      setError(describeStorageError(e, t));
      setBusy(false);
    }
  }

  return (
    <GateCard documentTitle={t('welcome.title')} wide>
      {step.name === 'choose' ? (
        <>
          <h1>{t('welcome.title')}</h1>
          <p>{t('welcome.intro')}</p>
          <p>{t('welcome.privacy')}</p>
          {error ? <Notice tone="error" live title={error} /> : null}
          <div className="choice-grid">
            <div className="choice">
              <h2>{t('welcome.setUpTitle')}</h2>
              <p>{t('welcome.setUpText')}</p>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => setStep({ name: 'form' })}
              >
                {t('welcome.setUp')}
              </button>
            </div>
            <div className="choice">
              <h2>{t('welcome.demoTitle')}</h2>
              <p>{t('welcome.demoText')}</p>
              <button
                type="button"
                className="btn"
                disabled={busy}
                onClick={() => void startDemo()}
              >
                {busy ? t('welcome.demoWorking') : t('welcome.demo')}
              </button>
            </div>
            <JoinChoice onChoose={() => setStep({ name: 'join' })} />
            <RestoreChoice onChoose={() => setStep({ name: 'restore' })} />
          </div>
        </>
      ) : step.name === 'restore' ? (
        <RestoreFromBackup
          onBack={() => setStep({ name: 'choose' })}
          onRestored={() => void finish()}
        />
      ) : step.name === 'join' ? (
        <JoinWithCode onBack={() => setStep({ name: 'choose' })} onJoined={finishJoin} />
      ) : step.name === 'form' ? (
        <SetupForm
          onBack={() => setStep({ name: 'choose' })}
          onCreated={(code) => setStep({ name: 'recovery', code })}
        />
      ) : (
        <RecoveryCodeStep code={step.code} onDone={() => void finish()} />
      )}
    </GateCard>
  );
}

function SetupForm({
  onBack,
  onCreated,
}: {
  onBack: () => void;
  onCreated: (code: string) => void;
}) {
  const { t } = useTranslation('setup');
  const lng = useLanguage();
  const { keyring } = useServices();
  const [organisation, setOrganisation] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!organisation.trim() || !displayName.trim() || !passphrasesValid(passphrase, confirm))
      return;
    setBusy(true);
    setError(undefined);
    try {
      const { recoveryCode } = await keyring.createOrganisation({
        organisation: { name: organisation.trim(), supportContacts: [] },
        coordinator: {
          displayName: displayName.trim(),
          languages: [lng],
        },
        passphrase,
      });
      onCreated(recoveryCode);
    } catch (e) {
      // Nothing was written: the form keeps everything the user typed.
      setError(describeStorageError(e, t));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('form.title')}</h1>
      <p>{t('form.intro')}</p>
      <Field
        label={t('form.organisation')}
        name="organisation"
        autoComplete="organization"
        value={organisation}
        onChange={(e) => setOrganisation(e.target.value)}
        error={submitted && !organisation.trim() ? t('form.required') : undefined}
      />
      <Field
        label={t('form.displayName')}
        hint={t('form.displayNameHint')}
        name="display-name"
        autoComplete="nickname"
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        error={submitted && !displayName.trim() ? t('form.required') : undefined}
      />
      <PassphraseFields
        passphrase={passphrase}
        confirm={confirm}
        onPassphrase={setPassphrase}
        onConfirm={setConfirm}
        showErrors={submitted}
      />
      {error ? <Notice tone="error" live title={error} /> : null}
      <div className="button-row">
        <button type="button" className="btn" onClick={onBack} disabled={busy}>
          {t('form.back')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('form.working') : t('form.submit')}
        </button>
      </div>
    </form>
  );
}
