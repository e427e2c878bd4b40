import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeStorageError } from '../../../ui/storage-errors';
import type { Staff } from '../../../domain/staff';
import { Notice } from '../../../ui/notice';
import { PassphraseFields, passphrasesValid } from '../../../ui/passphrase-fields';
import { useSetStaffPassphraseMutation } from '../api/mutations';

/** Shown when the device is handed to a colleague so they can type their own passphrase. */
export function StaffPassphraseForm({ staff, onDone }: { staff: Staff; onDone: () => void }) {
  const { t } = useTranslation('staff');
  const setPassphrase = useSetStaffPassphraseMutation();
  const [passphrase, setValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!passphrasesValid(passphrase, confirm)) return;
    await setPassphrase.mutateAsync({ staffId: staff.id, passphrase });
    onDone();
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
      <h2>{t('passphrase.title', { name: staff.displayName })}</h2>
      <p>{t('passphrase.intro', { name: staff.displayName })}</p>
      <PassphraseFields
        passphrase={passphrase}
        confirm={confirm}
        onPassphrase={setValue}
        onConfirm={setConfirm}
        showErrors={submitted}
      />
      {setPassphrase.isError ? (
        <Notice tone="error" live title={describeStorageError(setPassphrase.error, t)} />
      ) : null}
      <div className="button-row">
        <button type="button" className="btn" onClick={onDone}>
          {t('passphrase.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={setPassphrase.isPending}>
          {setPassphrase.isPending ? t('setup:form.working') : t('passphrase.submit')}
        </button>
      </div>
    </form>
  );
}
