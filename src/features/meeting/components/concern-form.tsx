import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVaultSession } from '../../../app/services';
import {
  checklistSteps,
  concernTypes,
  validateConcern,
  type ConcernErrors,
  type ConcernType,
} from '../../../domain/concern';
import type { Participant } from '../../../domain/participant';
import { Notice } from '../../../ui/notice';
import { useOrganisation } from '../../settings/api/queries';
import { useRaiseConcernMutation } from '../api/mutations';
import { displayName } from '../api/queries';

interface ConcernFormProps {
  meetingId: string;
  cohortId: string;
  roster: Participant[];
  sharedScreen: boolean;
  onClose: (saved: boolean) => void;
}

/** The steps for a concern type: the organisation's own text, or the shipped default. */
export function useConcernChecklist(type: ConcernType | undefined): string[] {
  const { t } = useTranslation('meeting');
  const organisation = useOrganisation();
  if (!type) return [];
  const own = organisation.data?.concernChecklists?.[type];
  return checklistSteps(own?.trim() ? own : t(`concern.checklist.${type}`));
}

/**
 * Raise a concern: the type, who it is about (optional), what was seen or
 * said, what was done, and a calm checklist of next steps for the type. It
 * goes to the coordinators' follow-up list.
 */
export function ConcernForm({
  meetingId,
  cohortId,
  roster,
  sharedScreen,
  onClose,
}: ConcernFormProps) {
  const { t } = useTranslation('meeting');
  const session = useVaultSession();
  const raise = useRaiseConcernMutation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [type, setType] = useState<ConcernType>();
  const [participantId, setParticipantId] = useState('');
  const [seenOrSaid, setSeenOrSaid] = useState('');
  const [actionTaken, setActionTaken] = useState('');
  const [stepsDone, setStepsDone] = useState<number[]>([]);
  const [errors, setErrors] = useState<ConcernErrors>({});
  const steps = useConcernChecklist(type);

  useEffect(() => heading.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateConcern({ type, seenOrSaid });
    setErrors(found);
    if (Object.keys(found).length > 0 || !type || !session) return;
    try {
      await raise.mutateAsync({
        id: crypto.randomUUID(),
        meetingId,
        cohortId,
        type,
        ...(participantId ? { participantId } : {}),
        seenOrSaid: seenOrSaid.trim(),
        actionTaken: actionTaken.trim(),
        stepsDone,
        raisedBy: session.staffId,
        raisedAt: new Date().toISOString(),
      });
      onClose(true);
    } catch {
      // Shown below from the mutation's error state; everything typed stays.
    }
  }

  return (
    <section className="panel concern-panel" aria-labelledby="concern-title">
      <h2 id="concern-title" ref={heading} tabIndex={-1}>
        {t('concern.title')}
      </h2>
      <p className="field-hint">{t('concern.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset
          className="choice-row"
          aria-describedby={errors.type ? 'concern-type-error' : undefined}
        >
          <legend>{t('concern.type')}</legend>
          {concernTypes.map((ct) => (
            <label key={ct} className="radio-row">
              <input
                type="radio"
                name="concern-type"
                value={ct}
                checked={type === ct}
                onChange={() => {
                  setType(ct);
                  setStepsDone([]);
                }}
              />
              {t(`concern.types.${ct}`)}
            </label>
          ))}
          {errors.type ? (
            <div id="concern-type-error" className="field-error" role="alert">
              {t('concern.typeRequired')}
            </div>
          ) : null}
        </fieldset>
        {steps.length > 0 ? (
          <fieldset className="choice-row checklist">
            <legend>{t('concern.checklistTitle')}</legend>
            {steps.map((step, i) => (
              <label key={`${type}-${i}`} className="check-row">
                <input
                  type="checkbox"
                  checked={stepsDone.includes(i)}
                  onChange={(e) =>
                    setStepsDone((done) =>
                      e.target.checked ? [...done, i] : done.filter((d) => d !== i),
                    )
                  }
                />
                {step}
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="field">
          <label htmlFor="concern-about">{t('concern.about')}</label>
          <select
            id="concern-about"
            value={participantId}
            onChange={(e) => setParticipantId(e.target.value)}
          >
            <option value="">{t('concern.nobody')}</option>
            {roster.map((p) => (
              <option key={p.id} value={p.id}>
                {displayName(p, sharedScreen)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="concern-seen">{t('concern.seenOrSaid')}</label>
          <div id="concern-seen-hint" className="field-hint">
            {t('concern.seenOrSaidHint')}
          </div>
          <textarea
            id="concern-seen"
            rows={4}
            maxLength={10_000}
            value={seenOrSaid}
            aria-invalid={errors.seenOrSaid ? true : undefined}
            aria-describedby={`concern-seen-hint${errors.seenOrSaid ? ' concern-seen-error' : ''}`}
            onChange={(e) => setSeenOrSaid(e.target.value)}
          />
          {errors.seenOrSaid ? (
            <div id="concern-seen-error" className="field-error" role="alert">
              {t('concern.seenOrSaidRequired')}
            </div>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="concern-done">{t('concern.actionTaken')}</label>
          <textarea
            id="concern-done"
            rows={3}
            maxLength={10_000}
            value={actionTaken}
            onChange={(e) => setActionTaken(e.target.value)}
          />
        </div>
        {raise.isError ? <Notice tone="error" live title={t('common:errors.saveFailed')} /> : null}
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={raise.isPending}>
            {t('concern.submit')}
          </button>
          <button type="button" className="btn" onClick={() => onClose(false)}>
            {t('concern.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
