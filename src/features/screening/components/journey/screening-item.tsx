import { useTranslation } from 'react-i18next';
import { screeningValidUntil, type Screening } from '../../../../domain/screening';
import { riskOf } from '../../../../domain/screening-template';
import type { Staff } from '../../../../domain/staff';
import { formatDate } from '../../../../i18n/format';

/** One completed screening: outcome, reasons, next step, and every answer on request. */
export function ScreeningItem({
  screening: s,
  lng,
  validityDays,
  staff,
}: {
  screening: Screening;
  lng: string;
  validityDays: number;
  staff: Staff[];
}) {
  const { t } = useTranslation('screening');
  const overridden = s.overrideReason !== undefined;
  return (
    <li>
      <p>
        <strong>{formatDate(s.completedOn, lng)}</strong> —{' '}
        <span className="badge">{t(`outcome.${s.outcome}`)}</span>
        {overridden ? (
          <span className="badge badge-caution">
            {t('journey.overridden', { proposed: t(`outcome.${s.proposedOutcome}`) })}
          </span>
        ) : null}
      </p>
      {s.outcome === 'group' ? (
        <p className="muted">
          {t('journey.validUntil', { date: formatDate(screeningValidUntil(s, validityDays), lng) })}
        </p>
      ) : null}
      <p className="pre-wrap">{t('journey.rationale', { text: s.rationale })}</p>
      {s.overrideReason ? (
        <p className="pre-wrap">{t('journey.overrideReason', { text: s.overrideReason })}</p>
      ) : null}
      {s.nextStep ? (
        <p>
          {t('journey.nextStep', {
            // Version 1 wrote who as free text; version 2 names a staff member.
            who:
              s.nextStep.who ??
              staff.find((m) => m.id === s.nextStep?.ownerId)?.displayName ??
              t('journey.formerStaff'),
            date: formatDate(s.nextStep.by, lng),
          })}
        </p>
      ) : null}
      {s.rescreenOn ? (
        <p>{t('journey.rescreenOn', { date: formatDate(s.rescreenOn, lng) })}</p>
      ) : null}
      <details>
        <summary>{t('journey.details')}</summary>
        <h3>{t('screening.safety')}</h3>
        <ol>
          {s.questions.map((q) => {
            const a = s.answers[q.id];
            if (!a) return null;
            const risk = riskOf(q, a.answer);
            return (
              <li key={q.id}>
                {q.text} <strong>{t(`answer.${a.answer}`)}</strong>{' '}
                <span className={`risk risk-${risk}`}>{t(`risk.${risk}`)}</span>
                {a.note ? <p className="pre-wrap">{a.note}</p> : null}
              </li>
            );
          })}
        </ol>
        <h3>{t('screening.conversations')}</h3>
        <ul>
          {s.conversations.map((c, i) => (
            <li key={i}>
              {formatDate(c.date, lng)} — {t(`with.${c.with}`)}
              {c.who ? ` (${c.who})` : ''}: <span className="pre-wrap">{c.summary}</span>
            </li>
          ))}
        </ul>
        <h3>{t('screening.needs')}</h3>
        <ul>
          {Object.entries(s.needs)
            .filter(([, n]) => n.need || n.helpedBy)
            .map(([area, n]) => (
              <li key={area}>
                {t(`needArea.${area}`)}: {n.need}
                {n.helpedBy ? ` — ${t('journey.helpedBy', { who: n.helpedBy })}` : ''}
              </li>
            ))}
        </ul>
        <h3>{t('screening.groupFit')}</h3>
        <p>
          {t(`language.${s.groupFit.language}`)} · {t(`composition.${s.groupFit.composition}`)}
          {s.groupFit.accessNeeds ? ` · ${s.groupFit.accessNeeds}` : ''}
          {s.groupFit.times ? ` · ${s.groupFit.times}` : ''}
        </p>
      </details>
    </li>
  );
}
