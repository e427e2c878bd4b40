import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices, useSyncStatus } from '../../services/services';
import { deviceQueries } from '../../session/device-settings';
import { GateCard } from '../../session/gate-card';
import { TextAreaField } from '../../ui/field';
import { SyncProblemNotice, SyncProgressBar } from '../settings';

/** The welcome screen's choice for a further device of an organisation that syncs. */
export function JoinChoice({ onChoose }: { onChoose: () => void }) {
  const { t } = useTranslation('setup');
  return (
    <div className="choice">
      <h2>{t('join.choiceTitle')}</h2>
      <p>{t('join.choiceText')}</p>
      <button type="button" className="btn" onClick={onChoose}>
        {t('join.choose')}
      </button>
    </div>
  );
}

/**
 * Joins this empty device with a code a coordinator made (pasted, or the text
 * of its QR code), then shows the first pull. When the organisation's key
 * wraps are here the app shows its usual unlock screen: people unlock with
 * their own passphrase. A refused code stays in the field.
 */
export function JoinWithCode({
  onBack,
  onJoined,
  again = false,
}: {
  /** Absent when joining again (the unlock screen): there is nowhere to go back to. */
  onBack?: () => void;
  onJoined: () => void;
  /** This device joined before but was closed before anyone unlocked: the code is asked again. */
  again?: boolean;
}) {
  const { t } = useTranslation('setup');
  const { sync } = useServices();
  const status = useSyncStatus();
  const [code, setCode] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown }>();
  const pulling = status.progress?.phase === 'first-pull' ? status.progress : undefined;

  // The join ends at the first key wrap; the records go on arriving behind the unlock
  // screen (which shows the same bar), so a person can unlock meanwhile.
  useEffect(() => {
    if (joined) onJoined();
  }, [joined, onJoined]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setFailure(undefined);
    // A code carried over lines (an e-mail, a chat) arrives with breaks and spaces.
    const text = code.replace(/\s+/g, '');
    if (!text) return;
    setBusy(true);
    try {
      await sync.join(text);
      setJoined(true);
    } catch (error) {
      setFailure({ error });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h1>{again ? t('join.againTitle') : t('join.title')}</h1>
      <p>{again ? t('join.againIntro') : t('join.intro')}</p>
      <TextAreaField
        label={t('join.code')}
        value={code}
        rows={3}
        onChange={setCode}
        error={submitted && !code.trim() ? t('join.required') : undefined}
      />
      {pulling ? <SyncProgressBar progress={pulling} /> : null}
      {failure ? <SyncProblemNotice error={failure.error} live /> : null}
      <div className="button-row">
        {onBack ? (
          <button type="button" className="btn" onClick={onBack} disabled={busy || joined}>
            {t('join.back')}
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy || joined}>
          {busy || joined ? t('join.working') : t('join.submit')}
        </button>
      </div>
    </form>
  );
}

/**
 * The unlock screen of a device that joined but was closed before anyone
 * unlocked it: the join's server password was never stored, so the code is
 * asked for again (the same one works on this device until it runs out).
 * If a second try leaves the device empty, the welcome screen takes over.
 */
export function JoinAgain() {
  const { t } = useTranslation('setup');
  const queryClient = useQueryClient();
  const status = useSyncStatus();
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: deviceQueries.all }),
    [queryClient],
  );
  useEffect(() => {
    if (!status.connected) refresh();
  }, [status.connected, refresh]);
  return (
    <GateCard documentTitle={t('join.againTitle')}>
      <JoinWithCode again onJoined={refresh} />
    </GateCard>
  );
}
