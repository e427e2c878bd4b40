import { useTranslation } from 'react-i18next';
import {
  answerValues,
  riskOf,
  signalOf,
  type SafetyQuestion,
} from '../../../../domain/screening-template';
import { Notice } from '../../../../ui/notice';
import { TextAreaField } from '../../../../ui/field';
import { RadioGroup } from '../../../../ui/radio-group';
import { useOrganisation } from '../../../../entities/organisation/queries';
import { SameDayPathway } from '../same-day-pathway';
import type { SectionProps } from './section-props';

/** The safety questions asked of this young person, each with its risk and what it signals. */
export function SafetySection({
  draft,
  set,
  questions,
  version,
  submitted,
}: Omit<SectionProps, 'problem'> & {
  questions: readonly SafetyQuestion[];
  version: number;
  submitted: boolean;
}) {
  const { t } = useTranslation('screening');
  const organisation = useOrganisation();
  return (
    <section className="panel" aria-labelledby="sc-safety">
      <h2 id="sc-safety">{t('screening.safety')}</h2>
      <p className="muted">{t('screening.safetyHint', { version })}</p>
      {questions.map((q, i) => {
        const answer = draft.answers[q.id];
        const risk = answer ? riskOf(q, answer.answer) : undefined;
        const signal = answer ? signalOf(q, answer.answer) : undefined;
        return (
          <div className="question" key={q.id}>
            <RadioGroup
              legend={
                <>
                  {i + 1}. {q.text}
                </>
              }
              hint={q.help}
              name={`q-${q.id}`}
              value={answer?.answer ?? ''}
              options={answerValues.map((a) => ({ value: a, label: t(`answer.${a}`) }))}
              onChange={(a) =>
                set('answers', {
                  ...draft.answers,
                  [q.id]: { answer: a, note: answer?.note ?? '' },
                })
              }
              error={submitted && !answer ? t('screening.problems.unanswered') : undefined}
            />
            {risk ? (
              <p>
                <span className={`risk risk-${risk}`}>{t(`risk.${risk}`)}</span>
              </p>
            ) : null}
            {signal === 'same-day' ? (
              <SameDayPathway contacts={organisation.data?.supportContacts ?? []} />
            ) : null}
            {signal === 'need' ? (
              <Notice tone="info" live title={t('screening.needSignal.title')}>
                <p>
                  {t('screening.needSignal.text', {
                    area: t(`needArea.${q.needArea ?? 'welfare'}`),
                  })}
                </p>
              </Notice>
            ) : null}
            {signal === 'not-now' ? <p className="muted">{t('screening.notNowSignal')}</p> : null}
            <TextAreaField
              label={t('screening.note', { n: i + 1 })}
              rows={2}
              value={answer?.note ?? ''}
              onChange={(v) =>
                answer && set('answers', { ...draft.answers, [q.id]: { ...answer, note: v } })
              }
            />
          </div>
        );
      })}
    </section>
  );
}
