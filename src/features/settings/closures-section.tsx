import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeStorageError } from '../../ui/storage-errors';
import { formatDate } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';
import { DateRangeFields, isDateRangeValid } from '../../ui/date-range-fields';
import { Field } from '../../ui/field';
import { Notice } from '../../ui/notice';
import {
  useDeleteClosureMutation,
  useOrganisationClosures,
  useSaveClosureMutation,
} from '../../entities/closures/queries';

/** The organisation's own closure periods; new groups skip them like public holidays. */
export function ClosuresSection() {
  const { t } = useTranslation('settings');
  const lng = useLanguage();
  const closures = useOrganisationClosures();
  const save = useSaveClosureMutation();
  const remove = useDeleteClosureMutation();
  const [label, setLabel] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const labelError = submitted && !label.trim() ? t('setup:form.required') : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!label.trim() || !isDateRangeValid(from, to)) return;
    await save.mutateAsync({
      id: crypto.randomUUID(),
      from,
      to: to || from,
      label: label.trim(),
      kind: 'organisation',
    });
    setLabel('');
    setFrom('');
    setTo('');
    setSubmitted(false);
  }

  return (
    <section className="panel" aria-labelledby="settings-closures">
      <h2 id="settings-closures">{t('closures.title')}</h2>
      <p>{t('closures.text')}</p>
      {closures.data && closures.data.length > 0 ? (
        <ul className="closure-list">
          {closures.data.map((c) => (
            <li key={c.id}>
              <span>
                <strong>{c.label}</strong>: {formatDate(c.from, lng)}
                {c.to !== c.from ? ` – ${formatDate(c.to, lng)}` : ''}
              </span>
              <button
                type="button"
                className="btn btn-small btn-danger"
                onClick={() => remove.mutate(c.id)}
                aria-label={t('closures.remove', { label: c.label })}
              >
                {t('closures.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('closures.none')}</p>
      )}
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
        <Field
          label={t('closures.label')}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          error={labelError}
        />
        <div className="form-grid">
          <DateRangeFields
            from={from}
            to={to}
            onFrom={setFrom}
            onTo={setTo}
            showErrors={submitted}
          />
        </div>
        {save.isError ? (
          <Notice tone="error" live title={describeStorageError(save.error, t)} />
        ) : null}
        <button type="submit" className="btn" disabled={save.isPending}>
          {t('closures.add')}
        </button>
      </form>
    </section>
  );
}
