import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Link } from '../../../ui/link';
import { NotFound } from '../../../ui/not-found';
import { RequireRole } from '../../../session/require-role';
import { todayInRiga } from '../../../domain/calendar-date';
import { clearanceOf, latestScreening, rescreenDue } from '../../../domain/screening';
import { currentPathway } from '../../../domain/support-pathway';
import { useStaffList } from '../../../entities/staff/queries';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useJourney, useScreeningValidityDays, type Journey } from '../api/queries';
import { EraseParticipant } from '../components/erase-participant';
import { EnrolmentPanel } from '../components/enrolment-panel';
import { PathwaySection } from '../components/journey/pathway-section';
import { ReferralSection } from '../components/journey/referral-section';
import { ScreeningItem } from '../components/journey/screening-item';
import '../components/screening.css';

export function JourneyPage() {
  const { t } = useTranslation('screening');
  return (
    <RequireRole allowed="coordinator" title={t('journey.title')}>
      <JourneyView />
    </RequireRole>
  );
}

function JourneyView() {
  const { participantId = '' } = useParams();
  const { t, i18n } = useTranslation('screening');
  const lng = i18n.resolvedLanguage ?? 'lv';
  const journey = useJourney(participantId);
  const validityDays = useScreeningValidityDays();
  const staff = useStaffList();
  const staffName = (id: string) =>
    staff.data?.items.find((m) => m.id === id)?.displayName ?? t('journey.formerStaff');
  if (journey.isPending) return <Loading />;
  if (journey.isError) throw journey.error;
  if (!journey.data) return <NotFound />;
  const data = journey.data;
  const { participant, referral, screenings } = data;
  const today = todayInRiga();
  const clearance = clearanceOf(screenings, today, validityDays);
  const due = rescreenDue(screenings, today, validityDays, data.concernsRaisedAt);
  const latest = latestScreening(screenings);
  const concernSince = latest ? data.concernsRaisedAt.some((at) => at > latest.createdAt) : false;
  const pathway = currentPathway(data.pathways);

  return (
    <Page
      title={t('journey.title')}
      actions={
        <Link className="btn btn-primary" to={`/participants/${participant.id}/screening`}>
          {screenings.length === 0 ? t('journey.startScreening') : t('journey.rescreen')}
        </Link>
      }
    >
      <p className="lede">
        <span className="code">{participant.code}</span> · {participant.chosenName}{' '}
        <span className="badge">{t(`clearance.${clearance}`)}</span>
      </p>
      {data.damaged > 0 ? (
        <Notice tone="warning" title={t('journey.damaged', { count: data.damaged })} />
      ) : null}
      {due ? (
        <Notice
          tone="warning"
          title={concernSince ? t('journey.rescreenConcern') : t('journey.rescreenDue')}
        >
          <Link to={`/participants/${participant.id}/screening`}>{t('journey.rescreen')}</Link>
        </Notice>
      ) : null}

      <ReferralSection participant={participant} referral={referral} lng={lng} />

      <section className="panel" aria-labelledby="j-screenings">
        <h2 id="j-screenings">{t('journey.screenings')}</h2>
        {screenings.length === 0 ? <p className="muted">{t('journey.noScreenings')}</p> : null}
        <ul className="journey-list">
          {screenings.map((s) => (
            <ScreeningItem
              key={s.id}
              screening={s}
              lng={lng}
              validityDays={validityDays}
              staff={staff.data?.items ?? []}
            />
          ))}
        </ul>
      </section>

      {pathway ? <PathwaySection pathway={pathway} staffName={staffName} lng={lng} /> : null}

      <EnrolmentPanel journey={data} />

      <section className="panel" aria-labelledby="j-attendance">
        <h2 id="j-attendance">{t('journey.attendance')}</h2>
        <AttendanceLine data={data} />
        <p>
          {data.openFollowUps > 0
            ? t('journey.openFollowUps', { count: data.openFollowUps })
            : t('journey.noFollowUps')}
        </p>
      </section>

      <EraseParticipant participantId={participant.id} label={participant.code} />
    </Page>
  );
}

function AttendanceLine({ data }: { data: Journey }) {
  const { t } = useTranslation('screening');
  const a = data.attendance;
  if (a.total === 0) return <p className="muted">{t('journey.noAttendance')}</p>;
  return (
    <p>
      {t('journey.attendanceLine', {
        attended: a.attended,
        total: a.total,
        excused: a.excused,
        absent: a.absent,
      })}
    </p>
  );
}
