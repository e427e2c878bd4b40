import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeStorageError } from '../../../ui/storage-errors';
import type { Staff } from '../../../domain/staff';
import { Notice } from '../../../ui/notice';
import { PassphraseFields, passphrasesValid } from '../../../ui/passphrase-fields';
import {
  useAddStaffMutation,
  useSetRoleMutation,
  useSetStaffPassphraseMutation,
} from '../api/mutations';
import { GrantCoordinatorStep } from './grant-coordinator-step';

interface StaffPassphraseFormProps {
  staff: Staff;
  /**
   * Whether setting this passphrase gives the coordinator key: the roster says
   * they are a coordinator, or `pending` is about to make them one.
   */
  coordinator: boolean;
  /** A roster change that waits for the confirmation: adding them, or making them a coordinator. */
  pending?: 'add' | 'promote' | undefined;
  onDone: () => void;
}

/**
 * Shown when the device is handed to a colleague so they can type their own
 * passphrase. When it gives the coordinator key, a confirmation with their
 * name and role comes first, and any roster change waits for it.
 */
export function StaffPassphraseForm({
  staff,
  coordinator,
  pending,
  onDone,
}: StaffPassphraseFormProps) {
  const { t } = useTranslation('staff');
  const setPassphrase = useSetStaffPassphraseMutation();
  const addStaff = useAddStaffMutation();
  const setRole = useSetRoleMutation();
  const [confirmed, setConfirmed] = useState(!coordinator);
  const [passphrase, setValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);

  async function confirmGrant() {
    if (pending === 'add') await addStaff.mutateAsync(staff);
    if (pending === 'promote')
      await setRole.mutateAsync({ staffId: staff.id, role: 'coordinator' });
    setConfirmed(true);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!passphrasesValid(passphrase, confirm)) return;
    await setPassphrase.mutateAsync({ staffId: staff.id, passphrase });
    onDone();
  }

  if (!confirmed) {
    const failed = addStaff.error ?? setRole.error;
    return (
      <GrantCoordinatorStep
        staff={staff}
        busy={addStaff.isPending || setRole.isPending}
        error={failed ? describeStorageError(failed, t) : undefined}
        onConfirm={() => void confirmGrant().catch(() => undefined)}
        onCancel={onDone}
      />
    );
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
