/**
 * Settings: the support contacts printed on every young person's plan — the
 * EU-wide helplines 116 111 and 116 006 (on by default) and the organisation's
 * own. Coordinators edit them; nothing beyond the two defaults is built in.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeStorageError } from '../../../ui/storage-errors';
import { supportContactSchema, type Organisation } from '../../../domain/organisation';
import { defaultHelplines, helplineIds, type HelplineId } from '../../../domain/plan';
import { Field } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { useOrganisation } from '../../../entities/organisation/queries';
import { useSaveSupportContactsMutation } from '../api/mutations';

interface Row {
  key: string;
  label: string;
  phone: string;
}

type RowErrors = Partial<Record<'label' | 'phone', string>>;

export function SupportContactsSection() {
  const organisation = useOrganisation();
  return organisation.data ? <ContactsForm organisation={organisation.data} /> : null;
}

function ContactsForm({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation('plans');
  const save = useSaveSupportContactsMutation();
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() =>
    organisation.supportContacts.map((c) => ({ key: crypto.randomUUID(), ...c })),
  );
  const [helplines, setHelplines] = useState<HelplineId[]>(
    () => organisation.helplines ?? [...helplineIds],
  );
  const [errors, setErrors] = useState<Record<string, RowErrors>>({});
  const [saved, setSaved] = useState(false);

  function validate(): Record<string, RowErrors> {
    const found: Record<string, RowErrors> = {};
    for (const row of rows) {
      const result = supportContactSchema.safeParse({ label: row.label, phone: row.phone });
      if (result.success) continue;
      const rowErrors: RowErrors = {};
      for (const issue of result.error.issues) {
        const field = issue.path[0] as 'label' | 'phone';
        const empty = (field === 'label' ? row.label : row.phone).trim() === '';
        rowErrors[field] = empty
          ? t(field === 'label' ? 'settings.needLabel' : 'settings.needPhone')
          : t('settings.tooLong');
      }
      found[row.key] = rowErrors;
    }
    return found;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(
      {
        supportContacts: rows.map((r) => ({ label: r.label.trim(), phone: r.phone.trim() })),
        helplines,
      },
      { onSuccess: () => setSaved(true) },
    );
  }

  const update = (key: string, field: 'label' | 'phone', value: string) => {
    setSaved(false);
    setRows((all) => all.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  };

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('settings.contactsTitle')}</h2>
      <p>{t('settings.contactsText')}</p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('settings.helplinesLegend')}</legend>
          {defaultHelplines.map((h) => (
            <label key={h.id} className="checkbox">
              <input
                type="checkbox"
                checked={helplines.includes(h.id)}
                onChange={(e) => {
                  setSaved(false);
                  setHelplines((all) =>
                    e.target.checked
                      ? helplineIds.filter((x) => x === h.id || all.includes(x))
                      : all.filter((x) => x !== h.id),
                  );
                }}
              />{' '}
              {h.phone} — {t(`helplines.${h.id}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('settings.ownLegend')}</legend>
          {rows.length === 0 ? <p className="muted">{t('settings.none')}</p> : null}
          {rows.map((row, i) => (
            <div
              key={row.key}
              className="contact-row"
              role="group"
              aria-label={t('settings.contactNumber', { n: i + 1 })}
            >
              <Field
                label={t('settings.label')}
                value={row.label}
                error={errors[row.key]?.label}
                onChange={(e) => update(row.key, 'label', e.target.value)}
              />
              <Field
                label={t('settings.phone')}
                type="tel"
                value={row.phone}
                error={errors[row.key]?.phone}
                onChange={(e) => update(row.key, 'phone', e.target.value)}
              />
              <button
                type="button"
                className="btn btn-quiet"
                onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
              >
                {t('settings.removeContact', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn"
            onClick={() =>
              setRows((all) => [...all, { key: crypto.randomUUID(), label: '', phone: '' }])
            }
          >
            {t('settings.add')}
          </button>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('settings.save')}
          </button>
        </div>
        {saved ? <Notice tone="success" live title={t('settings.saved')} /> : null}
        {save.isError ? (
          <Notice tone="error" live title={describeStorageError(save.error, t)} />
        ) : null}
      </form>
    </section>
  );
}
