import { useTranslation } from 'react-i18next';
import type { Mismatch } from '../../../../domain/enrolment';

/** Why this group may not suit the person; enrolling anyway needs a written reason. */
export function MismatchList({ mismatches }: { mismatches: Mismatch[] }) {
  const { t } = useTranslation('screening');
  return (
    <ul>
      {mismatches.map((m) => (
        <li key={m.kind}>
          {m.kind === 'age'
            ? t('enrol.mismatch.age', { age: m.age, min: m.min, max: m.max })
            : m.kind === 'age-unknown'
              ? t('enrol.mismatch.ageUnknown')
              : m.kind === 'composition'
                ? t('enrol.mismatch.composition', {
                    composition: t(`composition.${m.composition}`),
                    gender: t(`gender.${m.gender}`),
                  })
                : m.kind === 'preference'
                  ? t('enrol.mismatch.preference', {
                      composition: t(`composition.${m.composition}`),
                      preferred: t(`composition.${m.preferred}`),
                    })
                  : t('enrol.mismatch.language', {
                      language: t(`language.${m.language}`),
                      preferred: t(`language.${m.preferred}`),
                    })}
        </li>
      ))}
    </ul>
  );
}
