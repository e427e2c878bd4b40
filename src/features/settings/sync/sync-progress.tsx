import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncProgress } from '../../../sync/types';

/**
 * A long sync step (the first push or pull, re-sealing after a key change) as
 * a labelled progress bar. Only the first push offers "interrupt": it picks
 * up where it stopped the next time sync runs.
 */
export function SyncProgressBar({
  progress,
  onInterrupt,
}: {
  progress: SyncProgress;
  onInterrupt?: (() => void) | undefined;
}) {
  const { t } = useTranslation('settings');
  const id = useId();
  return (
    <div className="sync-progress">
      <label htmlFor={id}>
        {t(`sync.progress.${progress.phase}`, { done: progress.done, total: progress.total })}
      </label>
      <progress id={id} value={progress.done} max={Math.max(progress.total, 1)} />
      {onInterrupt && progress.phase === 'first-push' ? (
        <button type="button" className="btn" onClick={onInterrupt}>
          {t('sync.progress.interrupt')}
        </button>
      ) : null}
    </div>
  );
}
