import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Link } from '../../../ui/link';
import { NotFound } from '../../../ui/not-found';
import { RequireRole } from '../../../session/require-role';
import { todayInRiga } from '../../../domain/calendar-date';
import { personAge } from '../../../domain/enrolment-facts';
import { latestScreening } from '../../../domain/screening';
import { emptyScreeningDraft, screeningDraftSchema } from '../../../domain/screening-form';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useJourney, useScreeningDraft, useScreeningTemplate } from '../api/queries';
import { ScreeningForm } from '../components/screening-form/screening-form';
import '../components/screening.css';

export function ScreeningPage() {
  const { t } = useTranslation('screening');
  return (
    <RequireRole allowed="coordinator" title={t('screening.title')}>
      <ScreeningLoader />
    </RequireRole>
  );
}

function ScreeningLoader() {
  const { participantId = '' } = useParams();
  const { t, i18n } = useTranslation('screening');
  const journey = useJourney(participantId);
  const template = useScreeningTemplate(i18n.resolvedLanguage ?? 'lv');
  const draft = useScreeningDraft(participantId);
  if (journey.isPending || template.isPending || draft.isPending) return <Loading />;
  if (journey.isError) throw journey.error;
  if (template.isError) throw template.error;
  if (!journey.data) return <NotFound />;
  // A draft older than the latest completed screening is stale (e.g. a save that
  // landed just after completing): start afresh rather than restore it.
  const latestAt = latestScreening(journey.data.screenings)?.createdAt ?? '';
  const fresh = draft.data && draft.data.savedAt > latestAt ? draft.data.value : undefined;
  const saved = screeningDraftSchema.safeParse(fresh);
  const initial = saved.success
    ? saved.data
    : emptyScreeningDraft(journey.data.participant.languages[0] ?? 'lv', todayInRiga());
  const participant = journey.data.participant;
  const age = personAge(participant, journey.data.referral, todayInRiga());
  return (
    <Page
      title={t('screening.title')}
      actions={
        <Link className="btn" to={`/participants/${participantId}`}>
          {t('screening.back')}
        </Link>
      }
    >
      <p className="lede">
        {t('screening.intro', {
          code: journey.data.participant.code,
          name: journey.data.participant.chosenName,
        })}
      </p>
      {saved.success ? <Notice tone="info" title={t('screening.draftRestored')} /> : null}
      <ScreeningForm
        participantId={participantId}
        template={template.data}
        initial={initial}
        age={age}
      />
    </Page>
  );
}
