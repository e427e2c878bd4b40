import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeStorageError } from '../../../ui/storage-errors';
import { Notice } from '../../../ui/notice';
import { useEraseParticipantMutation } from '../../../entities/participants/erasure';

/**
 * "Erase this person's records" on a participant's page (coordinators): every
 * row about them goes; the audit log keeps only that an erasure happened.
 */
export function EraseParticipant({
  participantId,
  label,
}: {
  participantId: string;
  label: string;
}) {
  const { t } = useTranslation('settings');
  const navigate = useNavigate();
  const erase = useEraseParticipantMutation();
  const [confirming, setConfirming] = useState(false);

  async function confirm() {
    await erase.mutateAsync(participantId);
    await navigate('/participants', { state: { erased: true } });
  }

  return (
    <section className="panel" aria-labelledby="erase-title">
      <h2 id="erase-title">{t('erase.title')}</h2>
      <p>{t('erase.intro')}</p>
      <p>{t('erase.backups')}</p>
      {erase.isError ? (
        <Notice tone="error" live title={describeStorageError(erase.error, t)} />
      ) : null}
      {confirming ? (
        <div className="button-row">
          <p role="alert">{t('erase.confirm', { name: label })}</p>
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            {t('retention.keep')}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={erase.isPending}
            onClick={() => void confirm().catch(() => undefined)}
          >
            {t('retention.deleteForGood')}
          </button>
        </div>
      ) : (
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          {t('erase.start', { name: label })}
        </button>
      )}
    </section>
  );
}
