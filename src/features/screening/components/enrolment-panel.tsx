import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../ui/link';
import type { Cohort } from '../../../domain/cohort';
import type { Enrolment, EnrolmentChange } from '../../../domain/enrolment';
import { Notice } from '../../../ui/notice';
import { useParticipantCodes, type Journey } from '../api/queries';
import { EnrolForm } from './enrolment/enrol-form';
import { EnrolmentItem } from './enrolment/enrolment-item';

/** Places in groups: history, actions on each, and enrolling in a group. */
export function EnrolmentPanel({ journey }: { journey: Journey }) {
  const { t, i18n } = useTranslation('screening');
  const lng = i18n.resolvedLanguage ?? 'lv';
  const codes = useParticipantCodes();
  const [offered, setOffered] = useState<{ enrolment: Enrolment; cohort: Cohort } | null>(null);
  const own = journey.enrolments
    .filter((e) => e.participantId === journey.participant.id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const cohortName = (id: string) => journey.cohorts.find((c) => c.id === id)?.name ?? '—';

  const onLeft = (change: EnrolmentChange) =>
    setOffered(change.offered ? { enrolment: change.offered, cohort: change.cohort } : null);

  return (
    <section className="panel" aria-labelledby="j-enrolments">
      <h2 id="j-enrolments">{t('journey.enrolments')}</h2>
      {offered ? (
        <Notice tone="success" live title={t('enrol.offeredTitle')}>
          <p>
            {t('enrol.offeredText', {
              cohort: offered.cohort.name,
              code: codes.data?.get(offered.enrolment.participantId) ?? '',
            })}
          </p>
          <Link className="btn btn-primary" to={`/participants/${offered.enrolment.participantId}`}>
            {t('enrol.openOffered')}
          </Link>
        </Notice>
      ) : null}
      {own.length === 0 ? <p className="muted">{t('journey.noEnrolments')}</p> : null}
      <ul className="journey-list">
        {own.map((e) => (
          <EnrolmentItem
            key={e.id}
            enrolment={e}
            journey={journey}
            cohortName={cohortName(e.cohortId)}
            lng={lng}
            onLeft={onLeft}
          />
        ))}
      </ul>
      <EnrolForm journey={journey} />
    </section>
  );
}
