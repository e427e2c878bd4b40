import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices, useSyncStatus } from '../../../services/services';
import type { ConnectSettings } from '../../../sync/types';
import { Field, PassphraseField } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { connectErrors, connectSettings } from './connect-settings';
import { SyncProblemNotice } from './sync-problems';
import { SyncProgressBar } from './sync-progress';

const EMPTY: ConnectSettings = { server: '', database: '', username: '', password: '' };

/**
 * A coordinator connects the organisation: the server (this app's own unless
 * they say otherwise), the database and the account IT made. The first push
 * shows its progress and can be interrupted; a refusal keeps what was typed.
 */
export function ConnectForm() {
  const { t } = useTranslation('settings');
  const { sync } = useServices();
  const status = useSyncStatus();
  const [values, setValues] = useState(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown }>();
  const [interrupted, setInterrupted] = useState(false);
  // Read after the await: an interrupted push may reject, and that is no failure.
  const interruptedRef = useRef(false);
  const errors = connectErrors(values);
  const errorOf = (field: keyof ConnectSettings) =>
    submitted && errors[field] ? t(`sync.connect.${errors[field]}`) : undefined;
  const set = (field: keyof ConnectSettings) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setFailure(undefined);
    setInterrupted(false);
    interruptedRef.current = false;
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      await sync.connect(connectSettings(values));
    } catch (error) {
      if (!interruptedRef.current) setFailure({ error });
    } finally {
      setBusy(false);
    }
  }

  function interrupt() {
    interruptedRef.current = true;
    setInterrupted(true);
    sync.stop();
  }

  return (
    <section className="panel" aria-labelledby="sync-connect">
      <h2 id="sync-connect">{t('sync.connect.title')}</h2>
      <p>{t('sync.connect.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={t('sync.connect.server')}
          hint={t('sync.connect.serverHint')}
          name="sync-server"
          type="url"
          inputMode="url"
          autoComplete="url"
          autoCapitalize="none"
          spellCheck={false}
          value={values.server}
          onChange={set('server')}
          error={errorOf('server')}
        />
        <Field
          label={t('sync.connect.database')}
          hint={t('sync.connect.databaseHint')}
          name="sync-database"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={values.database}
          onChange={set('database')}
          error={errorOf('database')}
        />
        <Field
          label={t('sync.connect.username')}
          name="sync-username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={values.username}
          onChange={set('username')}
          error={errorOf('username')}
        />
        <PassphraseField
          label={t('sync.connect.password')}
          name="sync-password"
          autoComplete="current-password"
          value={values.password}
          onChange={set('password')}
          error={errorOf('password')}
        />
        {busy && status.progress ? (
          <SyncProgressBar progress={status.progress} onInterrupt={interrupt} />
        ) : null}
        {interrupted ? <Notice tone="info" live title={t('sync.progress.interrupted')} /> : null}
        {failure ? <SyncProblemNotice error={failure.error} live /> : null}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('sync.connect.working') : t('sync.connect.submit')}
        </button>
      </form>
    </section>
  );
}
