import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isVaultError } from '../../../crypto/errors';
import { useVaultSession } from '../../../services/services';
import {
  checklistSteps,
  concernTypes,
  validateConcern,
  type ConcernErrors,
  type ConcernType,
} from '../../../domain/concern';
import type { Participant } from '../../../domain/participant';
import { Notice } from '../../../ui/notice';
import { useOrganisation } from '../../../entities/organisation/queries';
import { useConcernDraftMutations, useRaiseConcernMutation } from '../api/mutations';
import { displayName, type ConcernDraft } from '../api/queries';
import { useAutosave } from '../../../ui/use-autosave';

interface ConcernFormProps {
  meetingId: string;
  cohortId: string;
  roster: Participant[];
  sharedScreen: boolean;
  /** What was typed before a lock or reload (the writer's own sealed draft). */
  draft?: ConcernDraft | null | undefined;
  onClose: (saved: boolean) => void;
}

const EMPTY: ConcernDraft = { participantId: '', seenOrSaid: '', actionTaken: '', stepsDone: [] };

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
  draft,
  onClose,
}: ConcernFormProps) {
  const { t } = useTranslation('meeting');
  const session = useVaultSession();
  const raise = useRaiseConcernMutation();
  const drafts = useConcernDraftMutations(meetingId);
  const autosave = useAutosave(drafts.save);
  const heading = useRef<HTMLHeadingElement>(null);
  const [fields, setFields] = useState<ConcernDraft>(draft ?? EMPTY);
  const { type, participantId, seenOrSaid, actionTaken, stepsDone } = fields;
  const [errors, setErrors] = useState<ConcernErrors>({});
  // Said once, for a form that opened with what was typed before.
  const [restored] = useState(Boolean(draft));
  const steps = useConcernChecklist(type);

  /** Every change is kept at once, sealed for the writer only: a lock loses nothing. */
  function change(patch: Partial<ConcernDraft>) {
    const next = { ...fields, ...patch };
    setFields(next);
    autosave.schedule(next);
  }

  useEffect(() => heading.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateConcern({ type, seenOrSaid });
    setErrors(found);
    if (Object.keys(found).length > 0 || !type || !session) return;
    try {
      // The last keystrokes' draft write first, so it cannot land after the send.
      await autosave.retry();
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
      {restored ? <Notice tone="info" title={t('concern.draftKept')} /> : null}
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
                onChange={() => change({ type: ct, stepsDone: [] })}
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
                    change({
                      stepsDone: e.target.checked
                        ? [...stepsDone, i]
                        : stepsDone.filter((d) => d !== i),
                    })
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
            onChange={(e) => change({ participantId: e.target.value })}
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
            onChange={(e) => change({ seenOrSaid: e.target.value })}
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
            onChange={(e) => change({ actionTaken: e.target.value })}
          />
        </div>
        {raise.isError && isVaultError(raise.error, 'box-key-untrusted') ? (
          // The coordinators' key failed its check (db/box-key.ts): the draft keeps the text.
          <Notice tone="error" live title={t('concern.notSent')}>
            <p>{t('concern.notSentText')}</p>
          </Notice>
        ) : raise.isError ? (
          <Notice tone="error" live title={t('common:errors.saveFailed')} />
        ) : null}
        {autosave.status === 'error' ? (
          <Notice tone="warning" live title={t('concern.draftNotKept')} />
        ) : (
          <p className="save-status" role="status">
            {autosave.status === 'saved' ? t('concern.draftSaved') : ''}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={raise.isPending}>
            {t('concern.submit')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              // Cancel means "do not send": what was typed is not kept either.
              void autosave
                .retry()
                .then(drafts.discard)
                .catch(() => undefined);
              onClose(false);
            }}
          >
            {t('concern.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
