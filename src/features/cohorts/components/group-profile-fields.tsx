import { useTranslation } from 'react-i18next';
import { languageNames, uiLanguages } from '../../../i18n/languages';
import { cohortStatuses, compositions, type Cohort } from '../../../domain/cohort';
import { Field } from '../../../ui/field';
import { SelectField } from '../../../ui/select-field';

/** Who a group is for, how many places, its language and status: shared by the new-group and edit forms. */
export interface GroupProfile {
  composition: Cohort['composition'];
  ageMin: number;
  ageMax: number;
  capacity: number;
  language: Cohort['language'];
  status: Cohort['status'];
}

export function GroupProfileFields({
  value,
  onChange,
  errors,
}: {
  value: GroupProfile;
  onChange: (patch: Partial<GroupProfile>) => void;
  errors: { ageBand?: string | undefined; capacity?: string | undefined };
}) {
  const { t } = useTranslation('cohorts');
  return (
    <>
      <SelectField
        label={t('form.composition')}
        value={value.composition}
        onChange={(v) => onChange({ composition: v as Cohort['composition'] })}
        options={compositions.map((c) => ({
          value: c,
          label: t(`common:cohorts.composition.${c}`),
        }))}
      />
      <Field
        label={t('form.ageMin')}
        type="number"
        inputMode="numeric"
        value={value.ageMin}
        onChange={(e) => onChange({ ageMin: Number(e.target.value) })}
        error={errors.ageBand}
      />
      <Field
        label={t('form.ageMax')}
        type="number"
        inputMode="numeric"
        value={value.ageMax}
        onChange={(e) => onChange({ ageMax: Number(e.target.value) })}
      />
      <Field
        label={t('form.capacity')}
        type="number"
        inputMode="numeric"
        value={value.capacity}
        onChange={(e) => onChange({ capacity: Number(e.target.value) })}
        error={errors.capacity}
      />
      <SelectField
        label={t('form.language')}
        value={value.language}
        onChange={(v) => onChange({ language: v as Cohort['language'] })}
        options={uiLanguages.map((l) => ({ value: l, label: languageNames[l] }))}
      />
      <SelectField
        label={t('form.status')}
        value={value.status}
        onChange={(v) => onChange({ status: v as Cohort['status'] })}
        options={cohortStatuses.map((s) => ({
          value: s,
          label: t(`common:cohorts.statuses.${s}`),
        }))}
      />
    </>
  );
}
