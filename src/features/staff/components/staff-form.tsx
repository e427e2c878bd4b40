import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeStorageError } from '../../../ui/storage-errors';
import { staffRoles, type Staff, type StaffRole } from '../../../domain/staff';
import { languageNames, uiLanguages } from '../../../i18n/languages';
import { Field } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { useAddStaffMutation } from '../api/mutations';

const LANGUAGES = uiLanguages;

/**
 * Adds a colleague. They set their own passphrase afterwards, on this device.
 * A facilitator is saved at once; a coordinator only after the confirmation
 * step that follows (`pending: true`), which shows their name and role.
 */
export function StaffForm({ onAdded }: { onAdded: (staff: Staff, pending: boolean) => void }) {
  const { t } = useTranslation('staff');
  const save = useAddStaffMutation();
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('facilitator');
  const [languages, setLanguages] = useState<string[]>(['lv']);
  const [contact, setContact] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const roleId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!displayName.trim()) return;
    const staff: Staff = {
      id: crypto.randomUUID(),
      displayName: displayName.trim(),
      role,
      languages,
      active: true,
      ...(contact.trim() ? { contact: contact.trim() } : {}),
      createdAt: new Date().toISOString(),
    };
    const pending = role === 'coordinator';
    if (!pending) await save.mutateAsync(staff);
    setDisplayName('');
    setContact('');
    setSubmitted(false);
    onAdded(staff, pending);
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
      <h2>{t('add.title')}</h2>
      <Field
        label={t('add.name')}
        hint={t('add.nameHint')}
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        error={submitted && !displayName.trim() ? t('setup:form.required') : undefined}
      />
      <div className="field">
        <label htmlFor={roleId}>{t('add.role')}</label>
        <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
          {staffRoles.map((r) => (
            <option key={r} value={r}>
              {t(`common:roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="list-editor">
        <legend>{t('add.languages')}</legend>
        {LANGUAGES.map((lng) => (
          <div className="check-row" key={lng}>
            <input
              id={`staff-lng-${lng}`}
              type="checkbox"
              checked={languages.includes(lng)}
              onChange={(e) =>
                setLanguages(
                  e.target.checked ? [...languages, lng] : languages.filter((l) => l !== lng),
                )
              }
            />
            <label htmlFor={`staff-lng-${lng}`} lang={lng}>
              {languageNames[lng]}
            </label>
          </div>
        ))}
      </fieldset>
      <Field
        label={t('add.contact')}
        hint={t('add.contactHint')}
        value={contact}
        onChange={(e) => setContact(e.target.value)}
      />
      {save.isError ? (
        <Notice tone="error" live title={describeStorageError(save.error, t)} />
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {t('add.submit')}
      </button>
    </form>
  );
}
