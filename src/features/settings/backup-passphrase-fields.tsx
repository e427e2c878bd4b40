import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from '../../domain/passphrase';
import { PassphraseField } from '../../ui/field';

interface BackupPassphraseFieldsProps {
  passphrase: string;
  confirm: string;
  onPassphrase: (value: string) => void;
  onConfirm: (value: string) => void;
  showErrors: boolean;
}

/** A new backup passphrase, typed twice, with the same rules and strength hint as the vault's. */
export function BackupPassphraseFields({
  passphrase,
  confirm,
  onPassphrase,
  onConfirm,
  showErrors,
}: BackupPassphraseFieldsProps) {
  const { t } = useTranslation('settings');
  const strength = passphraseStrength(passphrase);
  const tooShort = strength === 'too-short';
  return (
    <>
      <PassphraseField
        label={t('backup.passphrase')}
        name="backup-passphrase"
        autoComplete="new-password"
        value={passphrase}
        onChange={(e) => onPassphrase(e.target.value)}
        hint={
          <>
            <span>{t('backup.passphraseHint', { min: MIN_PASSPHRASE_LENGTH })}</span>{' '}
            <span aria-live="polite" className={`strength strength-${strength}`}>
              {passphrase.length > 0 ? t(`backup.strength.${strength}`) : ''}
            </span>
          </>
        }
        error={
          showErrors && tooShort ? t('backup.tooShort', { min: MIN_PASSPHRASE_LENGTH }) : undefined
        }
      />
      <PassphraseField
        label={t('backup.confirm')}
        name="backup-passphrase-confirm"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={showErrors && !tooShort && confirm !== passphrase ? t('backup.mismatch') : undefined}
      />
    </>
  );
}
