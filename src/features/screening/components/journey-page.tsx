import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFound } from '../../../ui/not-found';
import { RequireRole } from '../../../session/require-role';
import { todayInRiga } from '../../../domain/calendar-date';
import {
  clearanceOf,
  latestScreening,
  rescreenDue,
  screeningValidUntil,
  type Screening,
} from '../../../domain/screening';
import { riskOf } from '../../../domain/screening-template';
import type { Staff } from '../../../domain/staff';
import { currentPathway, mayRescreenForGroup } from '../../../domain/support-pathway';
import { useStaffList } from '../../../entities/staff/queries';
import { formatDate } from '../../../i18n/format';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useJourney, useScreeningValidityDays, type Journey } from '../api/queries';
import { EraseParticipant } from './erase-participant';
import { EnrolmentPanel } from './enrolment-panel';
import './screening.css';

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

      <section className="panel" aria-labelledby="j-referral">
        <h2 id="j-referral">{t('journey.referral')}</h2>
        {referral ? (
          <dl className="facts">
            <div>
              <dt>{t('journey.referredOn')}</dt>
              <dd>{formatDate(referral.referredOn, lng)}</dd>
            </div>
            {referral.legalName ? (
              <div>
                <dt>{t('referral.legalName')}</dt>
                <dd>{referral.legalName}</dd>
              </div>
            ) : null}
            <div>
              <dt>{referral.dateOfBirth ? t('referral.dateOfBirth') : t('referral.age')}</dt>
              <dd>
                {referral.dateOfBirth
                  ? formatDate(referral.dateOfBirth, lng)
                  : t('journey.ageAtReferral', { age: referral.ageAtReferral })}
              </dd>
            </div>
            <div>
              <dt>{t('referral.gender')}</dt>
              <dd>{t(`gender.${participant.gender}`)}</dd>
            </div>
            <div>
              <dt>{t('referral.languages')}</dt>
              <dd>{participant.languages.map((l) => t(`language.${l}`)).join(', ') || '—'}</dd>
            </div>
            <div>
              <dt>{t('referral.referrer')}</dt>
              <dd>
                {[
                  t(`referrerRole.${referral.referrer.role}`),
                  referral.referrer.organisation,
                  referral.referrer.contact,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </dd>
            </div>
            <div>
              <dt>{t('referral.reason')}</dt>
              <dd className="pre-wrap">{referral.reason}</dd>
            </div>
            <div>
              <dt>{t('referral.consent')}</dt>
              <dd>
                {t('journey.consentYoungPerson')}
                {referral.consent.guardian ? `, ${t('journey.consentGuardian')}` : ''}
              </dd>
            </div>
          </dl>
        ) : (
          <p className="muted">{t('journey.noReferral')}</p>
        )}
      </section>

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

      {pathway ? (
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
      ) : null}

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

function ScreeningItem({
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
