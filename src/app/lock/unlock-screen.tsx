import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isVaultError } from '../../crypto/errors';
import { UnlockThrottledError, WrongSecretError } from '../../db/keyring-store';
import { waitRemaining } from '../../domain/unlock-throttle';
import { DEMO_PASSPHRASE } from '../../session/demo-passphrase';
import { Field, PassphraseField } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { useDeviceSettings } from '../../session/device-settings';
import { GateCard } from '../../session/gate-card';
import { loadJoinAgain } from '../../features/setup/routes';
import { useServices, useSyncStatus } from '../../services/services';
import { Loading } from '../../ui/page';

// Rare (a join closed before its first unlock): loaded only then.
const JoinAgain = lazy(() => loadJoinAgain().then((m) => ({ default: m.JoinAgain })));

/**
 * The locked screen. A device that joined but was closed before anyone
 * unlocked asks for the join code again first (its server password was
 * kept in memory only).
 */
export function UnlockScreen() {
  const status = useSyncStatus();
  if (status.joinAgain) {
    return (
      <Suspense fallback={<Loading />}>
        <JoinAgain />
      </Suspense>
    );
  }
  return <PassphraseUnlock />;
}

type Mode = 'passphrase' | 'recovery';

/** Seconds left before the next try is accepted, ticking down once a second. */
function useCountdown(): [number, (ms: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [until, now]);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  return [
    seconds,
    (ms) => {
      setNow(Date.now());
      setUntil(Date.now() + ms);
    },
  ];
}

function PassphraseUnlock() {
  const { t } = useTranslation('setup');
  const { keyring, sync } = useServices();
  const status = useSyncStatus();
  // A join's records still coming in (the join ended at the first key wrap).
  const receiving = status.progress?.phase === 'first-pull' ? status.progress : undefined;
  const [waitingForKeys, setWaitingForKeys] = useState(false);
  const device = useDeviceSettings();
  const [mode, setMode] = useState<Mode>('passphrase');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [waitSeconds, startWait] = useCountdown();
  const inputRef = useRef<HTMLInputElement>(null);

  // A throttle set before a reload still applies.
  useEffect(() => {
    void keyring.readThrottle().then((state) => {
      const wait = waitRemaining(state, Date.now());
      if (wait > 0) startWait(wait);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keyring]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || waitSeconds > 0 || secret.length === 0) return;
    setBusy(true);
    setError(undefined);
    try {
      try {
        // A join's records still arriving: the keyring may be partial (types.ts `incomplete`).
        await keyring.unlock(secret, mode, { keyringComplete: !sync.incomplete?.() });
      } catch (e) {
        // This person's key wrap may not have arrived yet (staff added later come late in
        // the feed), or only part of the keyring has ('no-vault', a key generation missing):
        // wait for the join's records, then try once more before saying what failed.
        if (e instanceof UnlockThrottledError) throw e;
        setWaitingForKeys(sync.status().progress?.phase === 'first-pull');
        const arrived = await sync.received?.();
        setWaitingForKeys(false);
        if (!arrived) throw e;
        await keyring.unlock(secret, mode, { keyringComplete: !sync.incomplete?.() });
      }
      // The vault is open: the app shell replaces this screen.
    } catch (e) {
      if (e instanceof WrongSecretError) {
        setError(mode === 'recovery' ? t('unlock.wrongRecovery') : t('unlock.wrong'));
        const wait = waitRemaining(e.throttle, Date.now());
        if (wait > 0) startWait(wait);
      } else if (e instanceof UnlockThrottledError) {
        startWait(e.waitMs);
      } else if (isVaultError(e, 'kdf-too-weak')) {
        setError(t('unlock.weakKeyring'));
      } else {
        setError(t('unlock.failed'));
      }
      setSecret('');
      inputRef.current?.focus();
    } finally {
      setBusy(false);
      setWaitingForKeys(false);
    }
  }

  function switchMode(next: Mode) {
    setMode(next);
    setSecret('');
    setError(undefined);
  }

  return (
    <GateCard documentTitle={t('unlock.title')}>
      <h1>{t('unlock.title')}</h1>
      <p>{mode === 'passphrase' ? t('unlock.intro') : t('unlock.recoveryIntro')}</p>
      {device.data?.demo ? (
        <Notice tone="info" title={t('unlock.demoTitle')}>
          <p>
            {t('unlock.demoPassphrase')} <code className="demo-passphrase">{DEMO_PASSPHRASE}</code>
          </p>
        </Notice>
      ) : null}
      {receiving ? (
        <div className="sync-progress">
          <label htmlFor="unlock-receiving">
            {t('unlock.receivingProgress', { done: receiving.done, total: receiving.total })}
          </label>
          <progress
            id="unlock-receiving"
            value={receiving.done}
            max={Math.max(receiving.total, 1)}
          />
        </div>
      ) : null}
      {waitingForKeys ? (
        <p role="status" className="hint">
          {t('unlock.receiving')}
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {mode === 'passphrase' ? (
          <PassphraseField
            ref={inputRef}
            label={t('unlock.passphrase')}
            name="passphrase"
            autoComplete="current-password"
            autoFocus
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            error={error}
          />
        ) : (
          <Field
            ref={inputRef}
            label={t('unlock.recoveryCode')}
            name="recovery-code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            autoFocus
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            error={error}
          />
        )}
        <div aria-live="polite" className="countdown">
          {waitSeconds > 0 ? t('unlock.wait', { count: waitSeconds }) : ''}
        </div>
        <button
          className="btn btn-primary btn-block"
          type="submit"
          disabled={busy || waitSeconds > 0}
        >
          {busy ? t('unlock.working') : t('unlock.submit')}
        </button>
      </form>
      <button
        type="button"
        className="btn btn-link"
        onClick={() => switchMode(mode === 'passphrase' ? 'recovery' : 'passphrase')}
      >
        {mode === 'passphrase' ? t('unlock.useRecovery') : t('unlock.usePassphrase')}
      </button>
    </GateCard>
  );
}
