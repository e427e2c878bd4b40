import { useTranslation } from 'react-i18next';
import { meetingMinutes, type MeetingPlan } from '../../../domain/programme';

interface MeetingPlanViewProps {
  plan: MeetingPlan;
  meetingLength: number;
  lang: string;
}

/** One meeting's plan: caution first, then aims, activities with minutes, materials and notes. */
export function MeetingPlanView({ plan, meetingLength, lang }: MeetingPlanViewProps) {
  const { t } = useTranslation('programmes');
  const total = meetingMinutes(plan);
  return (
    <div className="meeting-plan" lang={lang}>
      {plan.caution ? (
        <div className="caution" role="note">
          <p className="caution-title">{t('plan.caution')}</p>
          <p>{plan.caution}</p>
        </div>
      ) : null}
      <h3>{t('plan.aims')}</h3>
      <ul>
        {plan.aims.map((aim) => (
          <li key={aim}>{aim}</li>
        ))}
      </ul>
      <h3>{t('plan.activities')}</h3>
      <ol className="activity-list">
        {plan.activities.map((activity) => (
          <li key={activity.id}>
            <div className="activity-head">
              <span className="activity-title">{activity.title}</span>
              <span className="minutes">{t('minutes', { count: activity.minutes })}</span>
            </div>
            <p>{activity.description}</p>
          </li>
        ))}
      </ol>
      <p className={total === meetingLength ? 'total' : 'total total-off'}>
        {t('plan.total', { total, length: meetingLength })}
      </p>
      {plan.materials.length > 0 ? (
        <>
          <h3>{t('plan.materials')}</h3>
          <ul>
            {plan.materials.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('plan.notes')}</h3>
      <p>{plan.facilitatorNotes}</p>
    </div>
  );
}
