import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../ui/link';
import { describeStorageError } from '../../../ui/storage-errors';
import { Field } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { useSaveValidityDaysMutation } from '../api/screening-settings-mutations';
import { useScreeningValidityDays } from '../api/queries';

/** How long a group screening stays current: one organisation setting. */
export function ValiditySettings() {
  const { t } = useTranslation('screening');
  const current = useScreeningValidityDays();
  const save = useSaveValidityDaysMutation();
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const shown = value ?? String(current);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const days = Number(shown);
    if (!/^\d+$/.test(shown.trim()) || days < 7 || days > 365) {
      setError(t('settings.validityProblem'));
      return;
    }
    setError(undefined);
    await save.mutateAsync(days);
    setValue(null);
  }

  return (
    <form
      className="panel"
      aria-labelledby="settings-screening"
      onSubmit={(e) => void submit(e).catch(() => undefined)}
      noValidate
    >
      <h2 id="settings-screening">{t('settings.title')}</h2>
      <Field
        label={t('settings.validityDays')}
        hint={t('settings.validityHint')}
        type="number"
        inputMode="numeric"
        value={shown}
        onChange={(e) => setValue(e.target.value)}
        error={error}
      />
      {save.isError ? (
        <Notice tone="error" live title={describeStorageError(save.error, t)} />
      ) : null}
      {save.isSuccess && value === null ? (
        <p role="status" className="muted">
          {t('settings.saved')}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="btn" disabled={save.isPending}>
          {t('settings.save')}
        </button>
        <Link className="btn" to="/settings/screening-template">
          {t('template.open')}
        </Link>
      </div>
    </form>
  );
}
