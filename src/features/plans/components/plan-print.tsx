import type { TFunction } from 'i18next';
import { todayInRiga } from '../../../domain/calendar-date';
import {
  ACTIONS_PER_AREA,
  planTextSections,
  relationshipAreas,
  type Plan,
  type SupportContact,
} from '../../../domain/plan';
import { formatDate } from '../../../i18n/format';

/**
 * The plan as the browser prints it: hidden on screen, the only thing on the
 * page in print (see plans.css). Same content and order as the PDF.
 */
export function PlanPrint({
  plan,
  t,
  contacts,
}: {
  plan: Plan;
  t: TFunction<'plans'>;
  contacts: SupportContact[];
}) {
  const name = plan.nameOnPlan.trim();
  const section = (id: string, value: string) => (
    <section key={id} className="plan-print-section">
      <h2>{t(`sections.${id}.title`)}</h2>
      {value.trim() ? (
        <p className="plan-print-text">{value.trim()}</p>
      ) : (
        <div className="plan-print-blank" />
      )}
    </section>
  );
  return (
    // Hidden on screen and from screen readers: the form above says the same.
    <div className="plan-print" lang={plan.language} aria-hidden="true">
      <h1>{t('title')}</h1>
      {name ? (
        <p>
          {t('pdf.nameLabel')}: {name}
        </p>
      ) : null}
      <p>
        {t('pdf.dateLabel')}: {formatDate(todayInRiga(), plan.language)}
      </p>
      {planTextSections.map(({ id }) => section(id, plan[id]))}
      <section className="plan-print-section">
        <h2>{t('sections.actions.title')}</h2>
        <table className="plan-print-grid">
          <thead>
            <tr>
              <th scope="col">{t('areaHeader')}</th>
              {Array.from({ length: ACTIONS_PER_AREA }, (_, i) => (
                <th key={i} scope="col">
                  {t('actionHeader', { n: i + 1 })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {relationshipAreas.map((area) => (
              <tr key={area}>
                <th scope="row">{t(`areas.${area}`)}</th>
                {plan.actions[area].map((action, i) => (
                  <td key={i}>{action}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {section('trustedPeople', plan.trustedPeople)}
      {section('helpPlaces', plan.helpPlaces)}
      {contacts.length > 0 ? (
        <section className="plan-print-section">
          <h2>{t('contactsTitle')}</h2>
          <ul className="plan-print-contacts">
            {contacts.map((c, i) => (
              <li key={i}>
                <strong>{c.phone}</strong> {c.label}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
