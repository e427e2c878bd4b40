import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeStorageError } from '../../ui/storage-errors';
import { allDefaultAlertWords } from '../../domain/reports/alert-words';
import { TextAreaField } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { useOrganisation } from '../../entities/organisation/queries';
import { useSaveAlertWordsMutation } from './api/records';

const MAX_WORDS = 300;
const MAX_LENGTH = 60;

/** One word or phrase per line; blank lines dropped, duplicates once. */
function parseWords(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((w) => w.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Coordinators: the words that make an anonymous kiosk comment stand out on
 * the group report (domain/reports/alert-words.ts).
 */
export function AlertWordsSection() {
  const { t } = useTranslation('settings');
  const organisation = useOrganisation();
  const save = useSaveAlertWordsMutation();
  const current = organisation.data?.alertWords ?? allDefaultAlertWords();
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? current.join('\n');
  const words = parseWords(value);
  const error =
    words.length > MAX_WORDS
      ? t('alertWords.tooMany', { max: MAX_WORDS })
      : words.some((w) => w.length > MAX_LENGTH)
        ? t('alertWords.tooLong', { max: MAX_LENGTH })
        : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (error) return;
    save.mutate(words, { onSuccess: () => setDraft(null) });
  }

  return (
    <section className="panel" aria-labelledby="settings-alert-words">
      <h2 id="settings-alert-words">{t('alertWords.title')}</h2>
      <p>{t('alertWords.intro')}</p>
      <form onSubmit={submit} noValidate>
        <TextAreaField
          label={t('alertWords.label')}
          hint={t('alertWords.hint')}
          rows={8}
          value={value}
          error={error}
          onChange={setDraft}
        />
        {save.isError ? (
          <Notice tone="error" live title={describeStorageError(save.error, t)} />
        ) : null}
        {save.isSuccess && draft === null ? (
          <Notice tone="success" live title={t('alertWords.saved')} />
        ) : null}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={save.isPending || draft === null}
          >
            {t('alertWords.save')}
          </button>
          {organisation.data?.alertWords ? (
            <button
              type="button"
              className="btn"
              disabled={save.isPending}
              onClick={() => save.mutate(undefined, { onSuccess: () => setDraft(null) })}
            >
              {t('alertWords.reset')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
