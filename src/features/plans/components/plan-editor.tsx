import type { TFunction } from 'i18next';
import { useId, type ReactNode } from 'react';
import {
  ACTIONS_PER_AREA,
  PLAN_ACTION_MAX,
  PLAN_NAME_MAX,
  PLAN_TEXT_MAX,
  planFieldErrors,
  planSections,
  planTextSections,
  relationshipAreas,
  type Plan,
  type RelationshipArea,
} from '../../../domain/plan';
import { languageNames, planLanguages } from '../../../i18n/languages';
import { SupportLines, type SupportLine } from '../../../ui/support-lines';
import type { SaveStatus } from '../../../ui/use-autosave';

interface PlanEditorProps {
  plan: Plan;
  /** Texts in the plan's language. */
  t: TFunction<'plans'>;
  onChange: (plan: Plan) => void;
  /** The support lines printed on the plan, shown on screen too. */
  contacts: readonly SupportLine[];
  status: SaveStatus;
  onRetry: () => void;
}

type FreeText = 'hopes' | 'strengths' | 'selfCare' | 'boundaries' | 'trustedPeople' | 'helpPlaces';

/** The young person's own plan, section by section; every answer may stay empty. */
export function PlanEditor({ plan, t, onChange, contacts, status, onRetry }: PlanEditorProps) {
  const errors = planFieldErrors(plan);
  const nameId = useId();
  const setText = (field: FreeText | 'nameOnPlan', value: string) =>
    onChange({ ...plan, [field]: value });
  const setAction = (area: RelationshipArea, index: number, value: string) =>
    onChange({
      ...plan,
      actions: {
        ...plan.actions,
        [area]: plan.actions[area].map((a, i) => (i === index ? value : a)),
      },
    });

  return (
    <div className="plan-editor">
      <PlanContents t={t} />
      <fieldset className="plan-language">
        <legend>{t('language')}</legend>
        <div className="plan-language-options">
          {planLanguages.map((lng) => (
            <label key={lng} lang={lng} className="radio-pill">
              <input
                type="radio"
                name="plan-language"
                value={lng}
                checked={plan.language === lng}
                onChange={() => onChange({ ...plan, language: lng })}
              />
              {languageNames[lng]}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="field">
        <label htmlFor={nameId}>{t('nameOnPlan')}</label>
        <div id={`${nameId}-hint`} className="field-hint">
          {t('nameHint')}
        </div>
        <input
          id={nameId}
          autoComplete="off"
          value={plan.nameOnPlan}
          aria-describedby={`${nameId}-hint${errors.nameOnPlan ? ` ${nameId}-error` : ''}`}
          aria-invalid={errors.nameOnPlan ? true : undefined}
          onChange={(e) => setText('nameOnPlan', e.target.value)}
        />
        {errors.nameOnPlan ? (
          <div id={`${nameId}-error`} className="field-error" role="alert">
            {t('tooLong', { max: PLAN_NAME_MAX })}
          </div>
        ) : null}
      </div>

      {planTextSections.map(({ id, week }) => (
        <TextSection
          key={id}
          id={id}
          week={week}
          t={t}
          value={plan[id]}
          error={errors[id] ? t('tooLong', { max: PLAN_TEXT_MAX }) : undefined}
          onChange={(value) => setText(id, value)}
        />
      ))}

      <SectionIntro id="actions" week={10} t={t}>
        {relationshipAreas.map((area) => (
          <fieldset key={area} className="plan-area">
            <legend>{t(`areas.${area}`)}</legend>
            <div className="plan-area-steps">
              {Array.from({ length: ACTIONS_PER_AREA }, (_, i) => (
                <ActionField
                  key={i}
                  label={t('actionHeader', { n: i + 1 })}
                  value={plan.actions[area][i] ?? ''}
                  error={
                    errors[`actions.${area}.${i}`]
                      ? t('tooLong', { max: PLAN_ACTION_MAX })
                      : undefined
                  }
                  onChange={(value) => setAction(area, i, value)}
                />
              ))}
            </div>
          </fieldset>
        ))}
      </SectionIntro>

      {(['trustedPeople', 'helpPlaces'] as const).map((id) => (
        <TextSection
          key={id}
          id={id}
          t={t}
          value={plan[id]}
          error={errors[id] ? t('tooLong', { max: PLAN_TEXT_MAX }) : undefined}
          onChange={(value) => setText(id, value)}
        />
      ))}
      <SupportLines title={t('contactsTitle')} lines={contacts} />
      {contacts.length > 0 ? <p className="field-hint">{t('contactsOnPlan')}</p> : null}

      <div className="plan-save-status" aria-live="polite">
        {status === 'saving' ? t('saving') : null}
        {status === 'saved' ? t('saved') : null}
        {status === 'error' ? (
          <span className="field-error">
            {t('saveFailed')}{' '}
            <button type="button" className="btn btn-link" onClick={onRetry}>
              {t('retry')}
            </button>
          </span>
        ) : null}
      </div>
    </div>
  );
}

interface SectionIntroProps {
  id: string;
  week?: number;
  t: TFunction<'plans'>;
  children: ReactNode;
}

/** A section's heading, plain-language prompt and examples, then its answer fields. */
function SectionIntro({ id, week, t, children }: SectionIntroProps) {
  return (
    <section className="panel plan-section" aria-labelledby={`plan-${id}`}>
      <h2 id={`plan-${id}`} tabIndex={-1}>
        {t(`sections.${id}.title`)}
        {week ? <span className="plan-week"> · {t('week', { week })}</span> : null}
      </h2>
      <p id={`plan-${id}-prompt`}>{t(`sections.${id}.prompt`)}</p>
      <div id={`plan-${id}-examples`} className="plan-examples">
        <p>{t('forExample')}</p>
        <ul>
          {[1, 2, 3].map((n) => (
            <li key={n}>{t(`sections.${id}.example${n}`)}</li>
          ))}
        </ul>
      </div>
      {children}
    </section>
  );
}

interface TextSectionProps {
  id: FreeText;
  week?: number;
  t: TFunction<'plans'>;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

function TextSection({ id, week, t, value, error, onChange }: TextSectionProps) {
  const fieldId = useId();
  return (
    <SectionIntro id={id} {...(week ? { week } : {})} t={t}>
      <div className="field">
        <label htmlFor={fieldId}>{t('yourAnswer')}</label>
        <textarea
          id={fieldId}
          rows={4}
          value={value}
          aria-describedby={`plan-${id}-prompt plan-${id}-examples${error ? ` ${fieldId}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {error ? (
          <div id={`${fieldId}-error`} className="field-error" role="alert">
            {error}
          </div>
        ) : null}
      </div>
    </SectionIntro>
  );
}

function ActionField({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        autoComplete="off"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** Jumps to the part the group is working on this week (no change of address). */
function PlanContents({ t }: { t: TFunction<'plans'> }) {
  const go = (id: string) => {
    const heading = document.getElementById(`plan-${id}`);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  };
  return (
    <div className="plan-contents" role="group" aria-labelledby="plan-contents-title">
      <p id="plan-contents-title" className="plan-contents-title">
        {t('contents')}
      </p>
      <ul>
        {planSections.map((id) => (
          <li key={id}>
            <button type="button" className="btn btn-quiet" onClick={() => go(id)}>
              {t(`sections.${id}.title`)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
