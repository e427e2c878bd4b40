import { useTranslation } from 'react-i18next';
import { todayInRiga } from '../../../../domain/calendar-date';
import { mayRescreenForGroup, type SupportPathway } from '../../../../domain/support-pathway';
import { formatDate } from '../../../../i18n/format';

/** The individual-support plan agreed after a screening. */
export function PathwaySection({
  pathway,
  staffName,
  lng,
}: {
  pathway: SupportPathway;
  staffName: (id: string) => string;
  lng: string;
}) {
  const { t } = useTranslation('screening');
  const today = todayInRiga();
  return (
    <section className="panel" aria-labelledby="j-pathway">
      <h2 id="j-pathway">{t('journey.pathway')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('journey.keyWorker')}</dt>
          <dd>{staffName(pathway.keyWorkerId)}</dd>
        </div>
        <div>
          <dt>{t('journey.agreedSupport')}</dt>
          <dd className="pre-wrap">{pathway.agreedSupport}</dd>
        </div>
        <div>
          <dt>{t('journey.reviewOn')}</dt>
          <dd>{formatDate(pathway.reviewOn, lng)}</dd>
        </div>
        <div>
          <dt>{t('journey.groupScreeningFrom')}</dt>
          <dd>{formatDate(pathway.groupScreeningFrom, lng)}</dd>
        </div>
      </dl>
      {mayRescreenForGroup(pathway, today) ? <p>{t('journey.groupScreeningOpen')}</p> : null}
    </section>
  );
}
