import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from '../domain/passphrase';
import { PassphraseField } from './field';

/**
 * Where each kind of new passphrase finds its words: the vault's (set-up,
 * recovery, Settings, staff) and a backup's. Same rules, same strength hint.
 */
const TEXTS = {
  vault: {
    ns: 'setup',
    label: 'passphrase.label',
    hint: 'passphrase.hint',
    strength: 'passphrase.strength',
    tooShort: 'passphrase.tooShort',
    confirm: 'passphrase.confirm',
    mismatch: 'passphrase.mismatch',
    minimum: (min: number) => ({ count: min }),
    names: ['new-passphrase', 'confirm-passphrase'],
  },
  backup: {
    ns: 'settings',
    label: 'backup.passphrase',
    hint: 'backup.passphraseHint',
    strength: 'backup.strength',
    tooShort: 'backup.tooShort',
    confirm: 'backup.confirm',
    mismatch: 'backup.mismatch',
    minimum: (min: number) => ({ min }),
    names: ['backup-passphrase', 'backup-passphrase-confirm'],
  },
} as const;

interface PassphraseFieldsProps {
  /** The vault's passphrase (default) or a backup file's. */
  kind?: keyof typeof TEXTS;
  passphrase: string;
  confirm: string;
  onPassphrase: (value: string) => void;
  onConfirm: (value: string) => void;
  /** Show errors only after the first submit. */
  showErrors: boolean;
}

/** A new passphrase typed twice, with a live strength hint. */
export function PassphraseFields({
  kind = 'vault',
  passphrase,
  confirm,
  onPassphrase,
  onConfirm,
  showErrors,
}: PassphraseFieldsProps) {
  const texts = TEXTS[kind];
  const { t } = useTranslation(texts.ns);
  const strength = passphraseStrength(passphrase);
  const tooShort = strength === 'too-short';
  const mismatch = confirm !== passphrase;
  const minimum = texts.minimum(MIN_PASSPHRASE_LENGTH);
  return (
    <>
      <PassphraseField
        label={t(texts.label)}
        name={texts.names[0]}
        autoComplete="new-password"
        value={passphrase}
        onChange={(e) => onPassphrase(e.target.value)}
        hint={
          <>
            <span>{t(texts.hint, minimum)}</span>{' '}
            <span aria-live="polite" className={`strength strength-${strength}`}>
              {passphrase.length > 0 ? t(`${texts.strength}.${strength}`) : ''}
            </span>
          </>
        }
        error={showErrors && tooShort ? t(texts.tooShort, minimum) : undefined}
      />
      <PassphraseField
        label={t(texts.confirm)}
        name={texts.names[1]}
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={showErrors && !tooShort && mismatch ? t(texts.mismatch) : undefined}
      />
    </>
  );
}

export function passphrasesValid(passphrase: string, confirm: string): boolean {
  return passphraseStrength(passphrase) !== 'too-short' && passphrase === confirm;
}
