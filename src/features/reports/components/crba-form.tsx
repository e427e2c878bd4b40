import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVaultSession } from '../../../services/services';
import {
  crbaPoints,
  crbaRatings,
  crbaTally,
  emptyCrba,
  validateCrba,
  CRBA_EVIDENCE_MAX,
  type CrbaAssessment,
  type CrbaPoint,
} from '../../../domain/reports/crba';
import { SaveActions } from '../../../ui/save-actions';
import { useSaveCrbaMutation } from '../api/mutations';
import { TableRegion } from '../../../ui/table-region';

/** The ten-point child rights-based approach self-assessment: a summary, and a form to edit it. */
export function CrbaSection({
  cohortId,
  stored,
}: {
  cohortId: string;
  stored: CrbaAssessment | undefined;
}) {
  const { t } = useTranslation('reports');
  const [editing, setEditing] = useState(false);
  const tally = crbaTally(stored);
  return (
    <section className="panel" aria-labelledby="crba-title">
      <div className="section-header">
        <h2 id="crba-title">{t('crba.title')}</h2>
        {!editing ? (
          <button type="button" className="btn" onClick={() => setEditing(true)}>
            {stored ? t('crba.edit') : t('crba.start')}
          </button>
        ) : null}
      </div>
      <p>{t('crba.intro')}</p>
      {editing ? (
        <CrbaForm cohortId={cohortId} stored={stored} onDone={() => setEditing(false)} />
      ) : stored ? (
        <>
          <p>
            {t('crba.tally', {
              met: tally.met,
              partly: tally.partly,
              notYet: tally['not-yet'],
              unrated: tally.unrated,
            })}
          </p>
          <TableRegion label={t('crba.title')}>
            <table>
              <caption className="visually-hidden">{t('crba.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('crba.point')}</th>
                  <th scope="col">{t('crba.rating')}</th>
                  <th scope="col">{t('crba.evidence')}</th>
                </tr>
              </thead>
              <tbody>
                {crbaPoints.map((p, i) => (
                  <tr key={p}>
                    <th scope="row">
                      {i + 1}. {t(`crba.points.${p}`)}
                    </th>
                    <td>{t(`crba.ratings.${stored.points[p]?.rating ?? 'unrated'}`)}</td>
                    <td className="pre-line">{stored.points[p]?.evidence || '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      ) : (
        <p>{t('crba.none')}</p>
      )}
    </section>
  );
}

function CrbaForm({
  cohortId,
  stored,
  onDone,
}: {
  cohortId: string;
  stored: CrbaAssessment | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation('reports');
  const session = useVaultSession();
  const save = useSaveCrbaMutation();
  const [value, setValue] = useState<CrbaAssessment>(
    () => stored ?? emptyCrba(cohortId, session?.staffId ?? cohortId),
  );
  const [showErrors, setShowErrors] = useState(false);
  const problems = validateCrba(value);

  function setPoint(point: CrbaPoint, change: Partial<CrbaAssessment['points'][CrbaPoint]>) {
    setValue((v) => ({
      ...v,
      points: { ...v.points, [point]: { ...v.points[point], ...change } },
    }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setShowErrors(true);
    if (Object.keys(problems).length > 0 || !session) return;
    await save.mutateAsync({
      ...value,
      updatedAt: new Date().toISOString(),
      updatedBy: session.staffId,
    });
    onDone();
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="crba-form">
      {crbaPoints.map((p, i) => (
        <CrbaPointFields
          key={p}
          number={i + 1}
          point={p}
          value={value.points[p]}
          error={
            showErrors && problems[p] ? t('crba.tooLong', { max: CRBA_EVIDENCE_MAX }) : undefined
          }
          onChange={(change) => setPoint(p, change)}
        />
      ))}
      <SaveActions
        saving={save.isPending}
        failed={save.isError}
        failedText={t('saveFailed')}
        saveLabel={t('crba.save')}
        cancel={{ label: t('cancel'), onClick: onDone }}
      />
    </form>
  );
}

function CrbaPointFields({
  number,
  point,
  value,
  error,
  onChange,
}: {
  number: number;
  point: CrbaPoint;
  value: CrbaAssessment['points'][CrbaPoint];
  error: string | undefined;
  onChange: (change: Partial<CrbaAssessment['points'][CrbaPoint]>) => void;
}) {
  const { t } = useTranslation('reports');
  const id = useId();
  return (
    <fieldset className="crba-point">
      <legend>
        {number}. {t(`crba.points.${point}`)}
      </legend>
      <div className="choice-row">
        {crbaRatings.map((r) => (
          <label key={r} className="choice-pill">
            <input
              type="radio"
              name={`${id}-rating`}
              checked={value.rating === r}
              onChange={() => onChange({ rating: r })}
            />
            {t(`crba.ratings.${r}`)}
          </label>
        ))}
      </div>
      <div className="field">
        <label htmlFor={`${id}-evidence`}>{t('crba.evidence')}</label>
        <textarea
          id={`${id}-evidence`}
          rows={2}
          value={value.evidence}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange({ evidence: e.target.value })}
        />
        {error ? (
          <div id={`${id}-error`} className="field-error" role="alert">
            {error}
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}
