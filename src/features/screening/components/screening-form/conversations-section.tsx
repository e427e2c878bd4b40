import { useTranslation } from 'react-i18next';
import { conversationWith } from '../../../../domain/screening';
import type { ScreeningDraft } from '../../../../domain/screening-form';
import { Field, TextAreaField } from '../../../../ui/field';
import { SelectField } from '../../../../ui/select-field';
import type { SectionProps } from './section-props';

type Conversation = ScreeningDraft['conversations'][number];

/** Who was talked to, when, and what was learned (both sides before a group). */
export function ConversationsSection({
  draft,
  set,
  problem,
  today,
}: SectionProps & { today: string }) {
  const { t } = useTranslation('screening');
  const change = (i: number, patch: Partial<Conversation>) =>
    set(
      'conversations',
      draft.conversations.map((x, j) => (j === i ? { ...x, ...patch } : x)),
    );
  return (
    <section className="panel" aria-labelledby="sc-conversations">
      <h2 id="sc-conversations">{t('screening.conversations')}</h2>
      <p className="muted">{t('screening.conversationsHint')}</p>
      {draft.conversations.map((c, i) => (
        <div className="conversation" key={i}>
          <div className="form-grid">
            <SelectField
              label={t('screening.conversationWith', { n: i + 1 })}
              value={c.with}
              options={conversationWith.map((w) => ({ value: w, label: t(`with.${w}`) }))}
              onChange={(v) => change(i, { with: v })}
            />
            <Field
              label={t('screening.conversationDate', { n: i + 1 })}
              type="date"
              max={today}
              value={c.date}
              onChange={(e) => change(i, { date: e.target.value })}
            />
            <Field
              label={t('screening.conversationWho', { n: i + 1 })}
              value={c.who}
              autoComplete="off"
              onChange={(e) => change(i, { who: e.target.value })}
            />
          </div>
          <TextAreaField
            label={t('screening.conversationSummary', { n: i + 1 })}
            value={c.summary}
            onChange={(v) => change(i, { summary: v })}
          />
          <button
            type="button"
            className="btn btn-quiet btn-small"
            onClick={() =>
              set(
                'conversations',
                draft.conversations.filter((_, j) => j !== i),
              )
            }
          >
            {t('screening.removeConversation', { n: i + 1 })}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn"
        onClick={() =>
          set('conversations', [
            ...draft.conversations,
            { with: 'professional', date: today, who: '', summary: '' },
          ])
        }
      >
        {t('screening.addConversation')}
      </button>
      {problem('conversations') ? (
        <p className="field-error" role="alert">
          {problem('conversations')}
        </p>
      ) : null}
    </section>
  );
}
