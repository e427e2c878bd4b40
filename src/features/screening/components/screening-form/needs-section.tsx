import { useTranslation } from 'react-i18next';
import { needAreas } from '../../../../domain/screening';
import { Field, TextAreaField } from '../../../../ui/field';
import type { SectionProps } from './section-props';

/** What the young person needs in each area, and who helps with it. */
export function NeedsSection({ draft, set, problem }: SectionProps) {
  const { t } = useTranslation('screening');
  return (
    <section className="panel" aria-labelledby="sc-needs">
      <h2 id="sc-needs">{t('screening.needs')}</h2>
      <p className="muted">{t('screening.needsHint')}</p>
      {problem('needs') ? (
        <p className="field-error" role="alert">
          {problem('needs')}
        </p>
      ) : null}
      {needAreas.map((area) => (
        <div className="form-grid" key={area}>
          <TextAreaField
            label={t(`needArea.${area}`)}
            rows={2}
            value={draft.needs[area].need}
            onChange={(v) =>
              set('needs', { ...draft.needs, [area]: { ...draft.needs[area], need: v } })
            }
          />
          <Field
            label={t('screening.helpedBy', { area: t(`needArea.${area}`) })}
            value={draft.needs[area].helpedBy}
            autoComplete="off"
            onChange={(e) =>
              set('needs', {
                ...draft.needs,
                [area]: { ...draft.needs[area], helpedBy: e.target.value },
              })
            }
          />
        </div>
      ))}
    </section>
  );
}
