import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from '../../domain/passphrase';
import { PassphraseField } from '../../ui/field';

interface PassphraseFieldsProps {
  passphrase: string;
  confirm: string;
  onPassphrase: (value: string) => void;
  onConfirm: (value: string) => void;
  /** Show errors only after the first submit. */
  showErrors: boolean;
}

/** New passphrase + repeat, with a live strength hint. Shared by set-up, recovery and Settings. */
export function PassphraseFields({
  passphrase,
  confirm,
  onPassphrase,
  onConfirm,
  showErrors,
}: PassphraseFieldsProps) {
  const { t } = useTranslation('setup');
  const strength = passphraseStrength(passphrase);
  const tooShort = strength === 'too-short';
  const mismatch = confirm !== passphrase;
  return (
    <>
      <PassphraseField
        label={t('passphrase.label')}
        name="new-passphrase"
        autoComplete="new-password"
        value={passphrase}
        onChange={(e) => onPassphrase(e.target.value)}
        hint={
          <>
            <span>{t('passphrase.hint', { count: MIN_PASSPHRASE_LENGTH })}</span>{' '}
            <span aria-live="polite" className={`strength strength-${strength}`}>
              {passphrase.length > 0 ? t(`passphrase.strength.${strength}`) : ''}
            </span>
          </>
        }
        error={
          showErrors && tooShort
            ? t('passphrase.tooShort', { count: MIN_PASSPHRASE_LENGTH })
            : undefined
        }
      />
      <PassphraseField
        label={t('passphrase.confirm')}
        name="confirm-passphrase"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={showErrors && !tooShort && mismatch ? t('passphrase.mismatch') : undefined}
      />
    </>
  );
}

export function passphrasesValid(passphrase: string, confirm: string): boolean {
  return passphraseStrength(passphrase) !== 'too-short' && passphrase === confirm;
}
