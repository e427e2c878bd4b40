import { useTranslation } from 'react-i18next';
import { compositionPreferences } from '../../../../domain/screening';
import { uiLanguages } from '../../../../i18n/languages';
import { TextAreaField } from '../../../../ui/field';
import { RadioGroup } from '../../../../ui/radio-group';
import { SelectField } from '../../../../ui/select-field';
import type { SectionProps } from './section-props';

/** Which group would suit: language, composition, access needs, times. */
export function GroupFitSection({ draft, set }: Omit<SectionProps, 'problem'>) {
  const { t } = useTranslation('screening');
  const fit = draft.groupFit;
  return (
    <section className="panel" aria-labelledby="sc-fit">
      <h2 id="sc-fit">{t('screening.groupFit')}</h2>
      <SelectField
        label={t('screening.fitLanguage')}
        value={fit.language}
        options={uiLanguages.map((l) => ({ value: l, label: t(`language.${l}`) }))}
        onChange={(v) => set('groupFit', { ...fit, language: v })}
      />
      <RadioGroup
        legend={t('screening.fitComposition')}
        name="composition"
        value={fit.composition}
        options={compositionPreferences.map((c) => ({ value: c, label: t(`composition.${c}`) }))}
        onChange={(v) => set('groupFit', { ...fit, composition: v })}
      />
      <TextAreaField
        label={t('screening.fitAccess')}
        rows={2}
        value={fit.accessNeeds}
        onChange={(v) => set('groupFit', { ...fit, accessNeeds: v })}
      />
      <TextAreaField
        label={t('screening.fitTimes')}
        rows={2}
        value={fit.times}
        onChange={(v) => set('groupFit', { ...fit, times: v })}
      />
    </section>
  );
}
