import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeStorageError } from '../../../app/storage-errors';
import type { Staff } from '../../../domain/staff';
import { Field } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { SelectField } from '../../cohorts/components/select-field';
import { useSaveStaffMutation } from '../api/mutations';

/** Marks a colleague away (leave, training); their meetings on those days are flagged as clashes. */
export function AwayForm({ staff }: { staff: readonly Staff[] }) {
  const { t } = useTranslation('staff');
  const save = useSaveStaffMutation();
  const active = staff.filter((s) => s.active);
  const [staffId, setStaffId] = useState(active[0]?.id ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const person = active.find((s) => s.id === staffId);
  const fromError = submitted && !from ? t('setup:form.required') : undefined;
  const toError =
    submitted && from && to && to < from ? t('settings:closures.endBeforeStart') : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!person || !from || (to && to < from)) return;
    await save.mutateAsync({ ...person, away: [...(person.away ?? []), { from, to: to || from }] });
    setFrom('');
    setTo('');
    setSubmitted(false);
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
      <h2>{t('away.title')}</h2>
      <p>{t('away.text')}</p>
      <div className="form-grid">
        <SelectField
          label={t('away.who')}
          value={staffId}
          onChange={setStaffId}
          options={active.map((s) => ({ value: s.id, label: s.displayName }))}
        />
        <Field
          label={t('settings:closures.from')}
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          error={fromError}
        />
        <Field
          label={t('settings:closures.to')}
          type="date"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={toError}
        />
      </div>
      {save.isError ? (
        <Notice tone="error" live title={describeStorageError(save.error, t)} />
      ) : null}
      <button type="submit" className="btn">
        {t('away.add')}
      </button>
    </form>
  );
}
