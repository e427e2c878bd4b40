/**
 * The new group's meetings as the form stands: the dates generated around
 * closures, the clashes with other groups and staff time away, and the
 * preview listing them.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { findClashes, type OtherMeeting } from '../../../domain/clashes';
import { closureName, type Closure } from '../../../domain/closures';
import type { Programme } from '../../../domain/programme';
import { generateSchedule, type ScheduledMeeting } from '../../../domain/schedule';
import { awayPeriodsOf, type Staff } from '../../../domain/staff';
import { formatDate, formatLongDate } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';

interface ScheduleForm {
  firstDate: string;
  weekday: number;
  weeks?: number | undefined;
  startTime: string;
  durationMinutes: number;
  facilitatorIds: string[];
  place: string;
  room: string;
}

/** `programme` is undefined until what decides the dates is valid. */
export function useNewSchedule({
  form,
  programme,
  isRolling,
  closures,
  others,
  staff,
}: {
  form: ScheduleForm;
  programme: Programme | undefined;
  isRolling: boolean;
  closures: readonly Closure[];
  /** Other groups' meetings (cohortQueries.clashData); undefined while they load. */
  others: readonly OtherMeeting[] | undefined;
  staff: readonly Staff[] | undefined;
}) {
  const schedule = useMemo(() => {
    if (!programme) return undefined;
    return generateSchedule({
      firstDate: form.firstDate,
      weekday: form.weekday,
      count: isRolling ? (form.weeks ?? 1) : programme.meetings.length,
      planIds: programme.meetings.map((m) => m.id),
      closures: [...closures],
      startTime: form.startTime,
      durationMinutes: form.durationMinutes,
    });
  }, [programme, form, closures, isRolling]);

  const clashes =
    schedule?.ok === true
      ? findClashes({
          cohort: { facilitatorIds: form.facilitatorIds, place: form.place, room: form.room },
          meetings: schedule.value,
          others: others ?? [],
          closures: [...closures],
          awayPeriods: awayPeriodsOf([...(staff ?? [])]),
        })
      : [];
  return { schedule, clashes };
}

/** The dates and topics the group will get, and the closures they step round. */
export function SchedulePreview({
  meetings,
  language,
  topicOf,
  skipped,
}: {
  meetings: readonly ScheduledMeeting[];
  /** The group's working language, which the topics are in. */
  language: string;
  topicOf: (planId?: string) => string;
  skipped: readonly Closure[];
}) {
  const { t } = useTranslation('cohorts');
  const lng = useLanguage();
  return (
    <section className="panel" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('form.preview')}</h2>
      <ol className="schedule-preview">
        {meetings.map((m) => (
          <li key={m.number}>
            <time dateTime={m.date}>{formatLongDate(m.date, lng)}</time>, {m.startTime} —{' '}
            <span lang={language}>{topicOf(m.planId)}</span>
          </li>
        ))}
      </ol>
      {skipped.length > 0 ? (
        <p className="muted">
          {t('form.skipped', {
            dates: skipped
              .map((c) => `${formatDate(c.from, lng)} (${closureName(c, lng)})`)
              .join(', '),
          })}
        </p>
      ) : null}
    </section>
  );
}
