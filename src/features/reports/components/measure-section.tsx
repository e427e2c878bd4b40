import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInRiga } from '../../../domain/calendar-date';
import {
  groupChange,
  pairedChanges,
  rsesChoices,
  RSES_ITEMS,
  type MeasurePhase,
  type MeasureResponse,
} from '../../../domain/reports/measure';
import { Notice } from '../../../ui/notice';
import { SaveActions } from '../../../ui/save-actions';
import { useSaveMeasureMutation } from '../api/mutations';
import { TableRegion } from '../../../ui/table-region';

interface MeasureSectionProps {
  cohortId: string;
  participantIds: string[];
  responses: MeasureResponse[];
  labelOf: (participantId: string) => string;
}

/**
 * The optional before/after measure (Rosenberg Self-Esteem Scale): each
 * person's paired change — this page is for coordinators only — and the group
 * summary, which stays hidden below three pairs.
 */
export function MeasureSection({
  cohortId,
  participantIds,
  responses,
  labelOf,
}: MeasureSectionProps) {
  const { t } = useTranslation('reports');
  const [entering, setEntering] = useState<{ participantId: string; phase: MeasurePhase } | null>(
    null,
  );
  const changes = pairedChanges(participantIds, responses);
  const group = groupChange(changes);
  const score = (n: number | undefined) => (n === undefined ? '–' : String(n));
  return (
    <section className="panel" aria-labelledby="measure-title">
      <h2 id="measure-title">{t('measure.title')}</h2>
      <p>{t('measure.intro')}</p>
      <p className="field-hint">{t('measure.source')}</p>
      <p>
        {group.meanChange === undefined
          ? t('measure.summaryHidden', { count: group.pairs })
          : t('measure.summary', {
              count: group.pairs,
              before: group.meanBefore,
              after: group.meanAfter,
              change: group.meanChange > 0 ? `+${group.meanChange}` : group.meanChange,
            })}
      </p>
      {entering ? (
        <MeasureForm
          cohortId={cohortId}
          participantId={entering.participantId}
          phase={entering.phase}
          label={labelOf(entering.participantId)}
          onDone={() => setEntering(null)}
        />
      ) : participantIds.length > 0 ? (
        <TableRegion label={t('measure.caption')}>
          <table>
            <caption className="visually-hidden">{t('measure.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('matrix.participant')}</th>
                <th scope="col">{t('measure.before')}</th>
                <th scope="col">{t('measure.after')}</th>
                <th scope="col">{t('measure.change')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('measure.enter')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.participantId}>
                  <th scope="row">{labelOf(c.participantId)}</th>
                  <td>{score(c.before)}</td>
                  <td>{score(c.after)}</td>
                  <td>{c.change === undefined ? '–' : c.change > 0 ? `+${c.change}` : c.change}</td>
                  <td className="measure-actions">
                    {(['before', 'after'] as const).map((phase) => (
                      <button
                        key={phase}
                        type="button"
                        className="btn btn-small"
                        aria-label={t(`measure.enterFor.${phase}`, {
                          code: labelOf(c.participantId),
                        })}
                        onClick={() => setEntering({ participantId: c.participantId, phase })}
                      >
                        {t(`measure.enterShort.${phase}`)}
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
    </section>
  );
}

function MeasureForm({
  cohortId,
  participantId,
  phase,
  label,
  onDone,
}: {
  cohortId: string;
  participantId: string;
  phase: MeasurePhase;
  label: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('reports');
  const save = useSaveMeasureMutation();
  const [answers, setAnswers] = useState<(number | undefined)[]>(() =>
    Array<number | undefined>(RSES_ITEMS).fill(undefined),
  );
  const [showErrors, setShowErrors] = useState(false);
  const missing = answers.some((a) => a === undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setShowErrors(true);
    if (missing) return;
    await save.mutateAsync({
      scale: 'rses',
      cohortId,
      participantId,
      phase,
      answers: answers as number[],
      takenOn: todayInRiga(),
    });
    onDone();
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="measure-form">
      <h3>{t(`measure.formTitle.${phase}`, { code: label })}</h3>
      <p>{t('measure.instructions')}</p>
      {answers.map((value, i) => (
        <fieldset key={i} className="crba-point">
          <legend>
            {i + 1}. {t(`measure.items.${i + 1}`)}
          </legend>
          <div className="choice-row">
            {rsesChoices.map((choice, c) => (
              <label key={choice} className="choice-pill">
                <input
                  type="radio"
                  name={`rses-${i + 1}`}
                  checked={value === c}
                  onChange={() => setAnswers((a) => a.map((x, j) => (j === i ? c : x)))}
                />
                {t(`measure.choices.${choice}`)}
              </label>
            ))}
          </div>
          {showErrors && value === undefined ? (
            <div className="field-error">{t('measure.itemMissing')}</div>
          ) : null}
        </fieldset>
      ))}
      {showErrors && missing ? (
        <Notice tone="error" live>
          {t('measure.unanswered')}
        </Notice>
      ) : null}
      <SaveActions
        saving={save.isPending}
        failed={save.isError}
        failedText={t('saveFailed')}
        saveLabel={t('measure.save')}
        cancel={{ label: t('cancel'), onClick: onDone }}
      />
    </form>
  );
}
