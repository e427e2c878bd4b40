import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../ui/link';
import { RequireRole } from '../../../session/require-role';
import { describeStorageError } from '../../../ui/storage-errors';
import {
  MISSING_EPISODES_QUESTION,
  answerValues,
  riskLevels,
  screeningTemplateContentSchema,
  type RiskLevel,
  type SafetyQuestion,
  type ScreeningTemplateContent,
} from '../../../domain/screening-template';
import { Field, TextAreaField } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useAdaptTemplateMutation } from '../api/screening-settings-mutations';
import { useScreeningTemplate } from '../api/queries';
import { SelectField } from '../../../ui/select-field';
import '../components/screening.css';

export function TemplatePage() {
  const { t } = useTranslation('screening');
  return (
    <RequireRole allowed="coordinator" title={t('template.title')}>
      <TemplateView />
    </RequireRole>
  );
}

function TemplateView() {
  const { t, i18n } = useTranslation('screening');
  const template = useScreeningTemplate(i18n.resolvedLanguage ?? 'lv');
  const [editing, setEditing] = useState(false);
  if (template.isPending) return <Loading />;
  if (template.isError) throw template.error;
  const current = template.data;
  return (
    <Page
      title={t('template.title')}
      actions={
        <Link className="btn" to="/settings/audit">
          {t('template.back')}
        </Link>
      }
    >
      <p className="lede">{t('template.intro')}</p>
      <p>{t('template.current', { title: current.title, version: current.version })}</p>
      {editing ? (
        <TemplateEditor base={current} onDone={() => setEditing(false)} />
      ) : (
        <>
          <ol className="journey-list">
            {current.questions.map((q) => (
              <li key={q.id}>
                <p>{q.text}</p>
                <p>
                  {answerValues.map((a) => (
                    <span key={a} className={`risk risk-${q.risk[a]}`}>
                      {t(`answer.${a}`)}: {t(`riskShort.${q.risk[a]}`)}
                    </span>
                  ))}
                </p>
              </li>
            ))}
          </ol>
          <div className="button-row">
            <button type="button" className="btn btn-primary" onClick={() => setEditing(true)}>
              {t('template.adapt')}
            </button>
          </div>
        </>
      )}
    </Page>
  );
}

function TemplateEditor({ base, onDone }: { base: ScreeningTemplateContent; onDone: () => void }) {
  const { t } = useTranslation('screening');
  const adapt = useAdaptTemplateMutation();
  const [title, setTitle] = useState(base.title);
  const [questions, setQuestions] = useState<SafetyQuestion[]>(base.questions);
  const [invalid, setInvalid] = useState(false);
  const setQuestion = (i: number, change: Partial<SafetyQuestion>) =>
    setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...change } : q)));

  async function save() {
    const check = screeningTemplateContentSchema.safeParse({ ...base, title, questions });
    if (!check.success) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    await adapt.mutateAsync({ base, title, questions });
    onDone();
  }

  return (
    <form onSubmit={(e) => e.preventDefault()} noValidate>
      <Notice tone="info" title={t('template.copyNote', { version: base.version })} />
      <div className="panel">
        <Field
          label={t('template.name')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      {questions.map((q, i) => (
        <div className="panel" key={q.id}>
          <TextAreaField
            label={t('template.question', { n: i + 1 })}
            value={q.text}
            onChange={(text) => setQuestion(i, { text })}
            error={invalid && !q.text.trim() ? t('template.textNeeded') : undefined}
          />
          <div className="form-grid">
            {answerValues.map((a) => (
              <SelectField
                key={a}
                label={t('template.riskFor', { n: i + 1, answer: t(`answer.${a}`) })}
                value={q.risk[a]}
                onChange={(v) => setQuestion(i, { risk: { ...q.risk, [a]: v as RiskLevel } })}
                options={riskLevels.map((r) => ({ value: r, label: t(`riskShort.${r}`) }))}
              />
            ))}
          </div>
          {q.id === MISSING_EPISODES_QUESTION ? (
            <p className="muted">{t('template.keepMissing')}</p>
          ) : (
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}
            >
              {t('template.remove', { n: i + 1 })}
            </button>
          )}
        </div>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="btn"
          onClick={() =>
            setQuestions((qs) => [
              ...qs,
              {
                id: `own-${crypto.randomUUID().slice(0, 8)}`,
                text: '',
                risk: { yes: 'amber', no: 'green', unsure: 'amber' },
              },
            ])
          }
        >
          {t('template.add')}
        </button>
      </div>
      {invalid ? <Notice tone="error" live title={t('template.fix')} /> : null}
      {adapt.isError ? (
        <Notice tone="error" live title={describeStorageError(adapt.error, t)} />
      ) : null}
      <div className="button-row">
        <button type="button" className="btn" onClick={onDone}>
          {t('actions.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={adapt.isPending}
          onClick={() => void save().catch(() => undefined)}
        >
          {t('template.save', { version: base.version + 1 })}
        </button>
      </div>
    </form>
  );
}
