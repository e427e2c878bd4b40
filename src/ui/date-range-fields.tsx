import { useTranslation } from 'react-i18next';
import { Field } from './field';

interface DateRangeFieldsProps {
  from: string;
  to: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
  /** Show errors only after the first submit. */
  showErrors: boolean;
}

/** First and last day of a period; an empty last day means a single day. */
export function DateRangeFields({ from, to, onFrom, onTo, showErrors }: DateRangeFieldsProps) {
  const { t } = useTranslation('settings');
  return (
    <>
      <Field
        label={t('closures.from')}
        type="date"
        value={from}
        onChange={(e) => onFrom(e.target.value)}
        error={showErrors && !from ? t('setup:form.required') : undefined}
      />
      <Field
        label={t('closures.to')}
        type="date"
        value={to}
        onChange={(e) => onTo(e.target.value)}
        error={
          showErrors && !isDateRangeValid(from, to) && from
            ? t('closures.endBeforeStart')
            : undefined
        }
      />
    </>
  );
}

/** A start is required; the end may be empty (one day) or on/after the start. */
export function isDateRangeValid(from: string, to: string): boolean {
  return Boolean(from) && (!to || to >= from);
}
