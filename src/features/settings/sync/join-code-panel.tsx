import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMomentDate, formatTime } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { useServices } from '../../../services/services';
import type { JoinCode } from '../../../sync/types';
import { Notice } from '../../../ui/notice';
import { JoinCodeQr } from './join-code-qr';
import { JoinCodeText } from './join-code-text';
import { SyncProblemNotice } from './sync-problems';

/**
 * A coordinator makes a one-time join code for a further device: shown as
 * text and as a QR code, with when it stops working. It lives only in this
 * component's state, so leaving the page (or locking) takes it off screen.
 * Where the server would not make that device an account of its own, the
 * code carries the coordinator's, and the panel says so.
 */
export function JoinCodePanel({ onMade }: { onMade?: () => void } = {}) {
  const { t } = useTranslation('settings');
  const lng = useLanguage();
  const { sync } = useServices();
  const [code, setCode] = useState<JoinCode>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown }>();
  const [copy, setCopy] = useState<'copied' | 'copyFailed'>();

  async function make() {
    setBusy(true);
    setFailure(undefined);
    setCopy(undefined);
    try {
      setCode(await sync.createJoinCode());
      onMade?.();
    } catch (error) {
      setFailure({ error });
    } finally {
      setBusy(false);
    }
  }

  async function copyCode(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopy('copied');
    } catch {
      setCopy('copyFailed');
    }
  }

  return (
    <section className="panel" aria-labelledby="sync-join-code">
      <h2 id="sync-join-code">{t('sync.joinCode.title')}</h2>
      <p>{t('sync.joinCode.intro')}</p>
      {code ? (
        <div className="join-code">
          <JoinCodeText text={code.text} label={t('sync.joinCode.codeLabel')} />
          <JoinCodeQr text={code.text} label={t('sync.joinCode.qrLabel')} />
          <p>
            {t('sync.joinCode.expires', {
              date: formatMomentDate(code.expiresAt, lng),
              time: formatTime(code.expiresAt, lng),
            })}
          </p>
          <div className="button-row">
            <button type="button" className="btn" onClick={() => void copyCode(code.text)}>
              {t('sync.joinCode.copy')}
            </button>
          </div>
          {copy ? (
            <Notice
              tone={copy === 'copied' ? 'success' : 'warning'}
              live
              title={t(`sync.joinCode.${copy}`)}
            />
          ) : null}
          {code.account === 'shared' ? (
            <Notice tone="info" title={t('sync.joinCode.sharedTitle')}>
              <p>{t('sync.joinCode.sharedText')}</p>
            </Notice>
          ) : null}
          <Notice tone="warning">
            <p>{t('sync.joinCode.keepSafe')}</p>
          </Notice>
        </div>
      ) : null}
      {failure ? <SyncProblemNotice error={failure.error} live /> : null}
      <button type="button" className="btn" disabled={busy} onClick={() => void make()}>
        {busy ? t('sync.joinCode.working') : t('sync.joinCode.make')}
      </button>
    </section>
  );
}
