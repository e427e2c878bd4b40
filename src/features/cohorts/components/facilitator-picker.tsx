import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../domain/staff';

/** Tick boxes for a group's facilitators (two per group is the usual practice). */
export function FacilitatorPicker({
  staff,
  value,
  onChange,
  error,
}: {
  staff: readonly Staff[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation('cohorts');
  const hintId = useId();
  return (
    <fieldset className="list-editor" aria-describedby={hintId}>
      <legend>{t('form.facilitators')}</legend>
      <p id={hintId} className="field-hint">
        {t('form.facilitatorsHint')}
      </p>
      {staff.map((s) => (
        <div className="check-row" key={s.id}>
          <input
            id={`${hintId}-${s.id}`}
            type="checkbox"
            checked={value.includes(s.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...value, s.id] : value.filter((id) => id !== s.id))
            }
          />
          <label htmlFor={`${hintId}-${s.id}`}>{s.displayName}</label>
        </div>
      ))}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
