import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeStorageError } from '../../../ui/storage-errors';
import type { Staff } from '../../../domain/staff';
import { DateRangeFields, isDateRangeValid } from '../../../ui/date-range-fields';
import { Notice } from '../../../ui/notice';
import { SelectField } from '../../../ui/select-field';
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

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!person || !isDateRangeValid(from, to)) return;
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
        <DateRangeFields from={from} to={to} onFrom={setFrom} onTo={setTo} showErrors={submitted} />
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
