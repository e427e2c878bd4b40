import type { TFunction } from 'i18next';
import { useState } from 'react';
import type { Plan, SupportContact } from '../../../domain/plan';
import { downloadFile } from '../../../ui/download';
import { Notice } from '../../../ui/notice';
import { useRemovePlanMutation } from '../api/mutations';
import { makePlanPdf } from '../make-plan-pdf';

interface PlanOutputsProps {
  plan: Plan;
  t: TFunction<'plans'>;
  contacts: SupportContact[];
  /** Stops autosave and waits for any write in flight, so nothing writes the plan back. */
  beforeRemove: () => Promise<void>;
  onRemoved: () => void;
  onRemoveFailed: () => void;
}

/** Save as PDF, print, and "remove my plan from this device". */
export function PlanOutputs({
  plan,
  t,
  contacts,
  beforeRemove,
  onRemoved,
  onRemoveFailed,
}: PlanOutputsProps) {
  const [pdf, setPdf] = useState<'idle' | 'busy' | 'ready' | 'failed'>('idle');
  const [confirming, setConfirming] = useState(false);
  const remove = useRemovePlanMutation();

  async function savePdf() {
    setPdf('busy');
    try {
      downloadFile(await makePlanPdf(plan, t, contacts), 'application/pdf', t('pdf.fileName'));
      setPdf('ready');
    } catch {
      setPdf('failed');
    }
  }

  async function confirmRemove() {
    await beforeRemove();
    remove.mutate(plan.participantId, { onSuccess: onRemoved, onError: onRemoveFailed });
  }

  return (
    <section className="panel plan-outputs" aria-labelledby="plan-outputs-title">
      <h2 id="plan-outputs-title" className="visually-hidden">
        {t('savePdf')}
      </h2>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={pdf === 'busy'}
          onClick={() => void savePdf()}
        >
          {pdf === 'busy' ? t('makingPdf') : t('savePdf')}
        </button>
        <button type="button" className="btn" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      <div aria-live="polite">
        {pdf === 'ready' ? <p>{t('pdfReady')}</p> : null}
        {pdf === 'failed' ? <Notice tone="error" title={t('pdfFailed')} /> : null}
      </div>
      {confirming ? (
        <div className="plan-remove-confirm" role="group" aria-labelledby="plan-remove-question">
          <p id="plan-remove-question" className="notice-title">
            {t('remove.question')}
          </p>
          <p>{t('remove.text')}</p>
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-danger"
              disabled={remove.isPending}
              onClick={() => void confirmRemove()}
            >
              {t('remove.confirm')}
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>
              {t('remove.cancel')}
            </button>
          </div>
          {remove.isError ? <Notice tone="error" live title={t('remove.failed')} /> : null}
        </div>
      ) : (
        <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
          {t('remove.button')}
        </button>
      )}
    </section>
  );
}
