import { useTranslation } from 'react-i18next';
import { emptyPathway } from '../../../../domain/screening-form';
import { Field, TextAreaField } from '../../../../ui/field';
import { SelectField } from '../../../../ui/select-field';
import type { StaffOption } from './outcome-section';
import type { SectionProps } from './section-props';

/** For individual support: the key worker, what is agreed, and when it is reviewed. */
export function PathwayFields({
  draft,
  set,
  problem,
  staffOptions,
  today,
}: SectionProps & { staffOptions: StaffOption[]; today: string }) {
  const { t } = useTranslation('screening');
  const pathway = draft.pathway ?? emptyPathway();
  return (
    <fieldset className="pathway">
      <legend>{t('screening.pathway.title')}</legend>
      <p className="muted">{t('screening.pathway.hint')}</p>
      <SelectField
        label={t('screening.pathway.keyWorker')}
        value={pathway.keyWorkerId}
        options={staffOptions}
        onChange={(v) => set('pathway', { ...pathway, keyWorkerId: v })}
        error={problem('keyWorker')}
      />
      <TextAreaField
        label={t('screening.pathway.agreedSupport')}
        rows={3}
        value={pathway.agreedSupport}
        onChange={(v) => set('pathway', { ...pathway, agreedSupport: v })}
        error={problem('agreedSupport')}
      />
      <div className="form-grid">
        <Field
          label={t('screening.pathway.reviewOn')}
          type="date"
          min={today}
          value={pathway.reviewOn}
          onChange={(e) => set('pathway', { ...pathway, reviewOn: e.target.value })}
          error={problem('reviewOn')}
        />
        <Field
          label={t('screening.pathway.groupScreeningFrom')}
          hint={t('screening.pathway.groupScreeningHint')}
          type="date"
          min={today}
          value={pathway.groupScreeningFrom}
          onChange={(e) => set('pathway', { ...pathway, groupScreeningFrom: e.target.value })}
          error={problem('groupScreeningFrom')}
        />
      </div>
    </fieldset>
  );
}
