import { useTranslation } from 'react-i18next';
import { outcomes } from '../../../../domain/screening';
import type { ScreeningReview } from '../../../../domain/screening-complete';
import { Field, TextAreaField } from '../../../../ui/field';
import { Notice } from '../../../../ui/notice';
import { RadioGroup } from '../../../../ui/radio-group';
import { SelectField } from '../../../../ui/select-field';
import { PathwayFields } from './pathway-fields';
import type { SectionProps } from './section-props';

export interface StaffOption {
  value: string;
  label: string;
}

/** The proposal and why, the decision, and what happens next. */
export function OutcomeSection({
  draft,
  set,
  problem,
  review,
  staffOptions,
  today,
}: SectionProps & { review: ScreeningReview; staffOptions: StaffOption[]; today: string }) {
  const { t } = useTranslation('screening');
  const { proposal, outcome, questions } = review;
  return (
    <section className="panel" aria-labelledby="sc-outcome">
      <h2 id="sc-outcome">{t('screening.outcome')}</h2>
      {review.sameDay ? <Notice tone="error" title={t('screening.sameDayReminder')} /> : null}
      {proposal ? (
        <Notice
          tone={proposal.outcome === 'group' ? 'success' : 'warning'}
          live
          title={t('screening.proposed', { outcome: t(`outcome.${proposal.outcome}`) })}
        >
          <p>{t(`screening.rule.${proposal.rule}`)}</p>
          {proposal.because.length > 0 ? (
            <ul className="because">
              {proposal.because.map((id) => {
                const n = questions.findIndex((x) => x.id === id);
                return (
                  <li key={id}>
                    {t('screening.because', {
                      n: n + 1,
                      text: questions[n]!.text,
                      answer: t(`answer.${draft.answers[id]!.answer}`),
                    })}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </Notice>
      ) : (
        <p className="muted">{t('screening.proposeWhenAnswered')}</p>
      )}
      <RadioGroup
        legend={t('screening.decision')}
        name="outcome"
        value={outcome}
        options={outcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
        onChange={(v) => set('outcome', v)}
        error={problem('outcome')}
      />
      {review.overriding ? (
        <>
          <Notice tone="warning" title={t('screening.overrideTitle')}>
            <p>{t('screening.overrideText')}</p>
          </Notice>
          <TextAreaField
            label={t('screening.overrideReason')}
            value={draft.overrideReason}
            onChange={(v) => set('overrideReason', v)}
            error={problem('overrideReason')}
          />
        </>
      ) : null}
      <TextAreaField
        label={t('screening.rationale')}
        hint={t('screening.rationaleHint')}
        value={draft.rationale}
        onChange={(v) => set('rationale', v)}
        error={problem('rationale')}
      />
      {review.withNextStep ? (
        <div className="form-grid">
          <SelectField
            label={t('screening.nextStepOwner')}
            value={draft.nextStepOwnerId ?? ''}
            options={staffOptions}
            onChange={(v) => set('nextStepOwnerId', v)}
            error={problem('nextStepOwner')}
          />
          <Field
            label={t('screening.nextStepBy')}
            hint={t('screening.nextStepHint')}
            type="date"
            min={today}
            value={draft.nextStepBy}
            onChange={(e) => set('nextStepBy', e.target.value)}
            error={problem('nextStepBy')}
          />
        </div>
      ) : null}
      {outcome === 'individual-support' ? (
        <PathwayFields
          draft={draft}
          set={set}
          problem={problem}
          staffOptions={staffOptions}
          today={today}
        />
      ) : null}
      {outcome === 'not-now' ? (
        <Field
          label={t('screening.rescreenOn')}
          type="date"
          value={draft.rescreenOn}
          onChange={(e) => set('rescreenOn', e.target.value)}
          error={problem('rescreenOn')}
        />
      ) : null}
    </section>
  );
}
