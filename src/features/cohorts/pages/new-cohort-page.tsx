import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { RequireRole } from '../../../session/require-role';
import { describeStorageError } from '../../../ui/storage-errors';
import { addDays, isoWeekday, todayInRiga } from '../../../domain/calendar-date';
import { closureName, closureOn, type Closure } from '../../../domain/closures';
import type { Cohort } from '../../../domain/cohort';
import {
  validateCohortDraft,
  type CohortDraft,
  type CohortField,
} from '../../../domain/cohort-rules';
import type { Meeting } from '../../../domain/meeting';
import { formatWeekday } from '../../../i18n/format';
import { Field } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useProgrammeLibrary } from '../../../entities/programmes/queries';
import { useStaffList } from '../../../entities/staff/queries';
import { useClosures } from '../../../entities/closures/queries';
import { useSaveCohortMutation } from '../api/mutations';
import { useClashData } from '../../../entities/cohorts/queries';
import { ClashList } from '../components/clash-list';
import { GroupProfileFields } from '../components/group-profile-fields';
import { SchedulePreview, useNewSchedule } from '../components/new-cohort-schedule';
import { WhoAndWhereFields } from '../components/who-and-where-fields';
import { SelectField } from '../../../ui/select-field';
import { useLanguage } from '../../../i18n/i18n';

export function NewCohortPage() {
  const { t } = useTranslation('cohorts');
  return (
    <RequireRole allowed="coordinator" title={t('new.title')}>
      <NewCohortForm />
    </RequireRole>
  );
}

type Form = CohortDraft & {
  weekday: number;
  place: string;
  room: string;
  composition: Cohort['composition'];
  language: Cohort['language'];
  status: Cohort['status'];
  skipHolidays: boolean;
};

const NO_CLOSURES: Closure[] = [];

function NewCohortForm() {
  const { t } = useTranslation('cohorts');
  const lng = useLanguage();
  const navigate = useNavigate();
  const library = useProgrammeLibrary();
  const staff = useStaffList();
  // Every other group's meetings (a new group may start on a past date).
  const existing = useClashData('');
  const save = useSaveCohortMutation();
  const [submitted, setSubmitted] = useState(false);
  const [form, setForm] = useState<Form>(() => {
    const firstDate = addDays(todayInRiga(), 7);
    return {
      name: '',
      programmeId: 'lotus',
      facilitatorIds: [],
      startTime: '16:00',
      durationMinutes: 90,
      firstDate,
      ageMin: 14,
      ageMax: 17,
      capacity: 8,
      weeks: 12,
      weekday: isoWeekday(firstDate),
      place: '',
      room: '',
      composition: 'girls',
      language: lng,
      status: 'planning',
      skipHolidays: true,
    };
  });
  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const allClosures = useClosures(form.skipHolidays);

  const programme = library.data?.entries.find(
    (e) => e.programme.id === form.programmeId,
  )?.programme;
  const closures = allClosures.data ?? NO_CLOSURES;
  const isRolling = programme?.format === 'rolling';
  const problems = validateCohortDraft(form, {
    enrolled: 0,
    programmeMeetings: programme?.meetings.length ?? 0,
    isRolling,
    isClosed: (date) => closureOn(date, closures) !== undefined,
  });
  const valid = Object.keys(problems).length === 0;
  // The dates can be shown as soon as what decides them is right, before the
  // name or facilitators are filled in.
  const datesReady =
    !problems.programmeId &&
    !problems.firstDate &&
    !problems.startTime &&
    !problems.durationMinutes &&
    !problems.weeks;

  const { schedule, clashes } = useNewSchedule({
    form,
    programme: datesReady ? programme : undefined,
    isRolling,
    closures,
    others: existing.data?.others,
    staff: staff.data?.items,
  });

  if (library.isPending || staff.isPending || allClosures.isPending) return <Loading />;

  function problemText(field: CohortField): string | undefined {
    const code = problems[field];
    if (!submitted || !code) return undefined;
    const closure = form.firstDate ? closureOn(form.firstDate, closures) : undefined;
    return t(`problems.${code}`, { label: closure ? closureName(closure, lng) : '' });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || schedule?.ok !== true) return;
    const cohortId = crypto.randomUUID();
    const cohort: Cohort = {
      id: cohortId,
      name: form.name.trim(),
      programmeId: form.programmeId,
      facilitatorIds: form.facilitatorIds,
      place: form.place.trim(),
      room: form.room.trim(),
      weekday: form.weekday,
      startTime: form.startTime,
      durationMinutes: form.durationMinutes,
      firstDate: form.firstDate,
      composition: form.composition,
      ageBand: { min: form.ageMin, max: form.ageMax },
      capacity: form.capacity,
      language: form.language,
      status: form.status,
      participantIds: [],
    };
    const meetings: Meeting[] = schedule.value.map((m) => ({
      id: crypto.randomUUID(),
      cohortId,
      number: m.number,
      planId: m.planId ?? '',
      date: m.date,
      startTime: m.startTime,
      durationMinutes: m.durationMinutes,
      status: 'planned',
    }));
    await save.mutateAsync({ cohort, meetings });
    await navigate(`/cohorts/${cohortId}`);
  }

  const topicOf = (planId?: string) =>
    programme?.meetings.find((m) => m.id === planId)?.topic ?? '';
  const activeStaff = (staff.data?.items ?? []).filter((s) => s.active);
  const lastDate = schedule?.ok ? (schedule.value.at(-1)?.date ?? form.firstDate) : form.firstDate;
  const skipped = schedule?.ok
    ? closures.filter(
        (c) => c.from > form.firstDate && c.from < lastDate && isoWeekday(c.from) === form.weekday,
      )
    : [];

  return (
    <Page title={t('new.title')}>
      <p className="lede">{t('new.intro')}</p>
      <form
        className="cohort-form"
        onSubmit={(e) => void submit(e).catch(() => undefined)}
        noValidate
      >
        <div className="panel">
          <Field
            label={t('form.name')}
            hint={t('form.nameHint')}
            value={form.name}
            onChange={(e) => set('name', e.target.value)}
            error={problemText('name')}
          />
          <SelectField
            label={t('form.programme')}
            value={form.programmeId}
            onChange={(v) => set('programmeId', v)}
            error={problemText('programmeId')}
            options={(library.data?.entries ?? []).map((e) => ({
              value: e.programme.id,
              label: e.programme.title,
            }))}
          />
          <WhoAndWhereFields
            staff={activeStaff}
            value={form}
            onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
            facilitatorsError={problemText('facilitatorIds')}
          >
            <SelectField
              label={t('form.weekday')}
              value={String(form.weekday)}
              onChange={(v) => set('weekday', Number(v))}
              options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
                value: String(d),
                label: formatWeekday(d, lng),
              }))}
            />
            <Field
              label={t('form.startTime')}
              type="time"
              value={form.startTime}
              onChange={(e) => set('startTime', e.target.value)}
              error={problemText('startTime')}
            />
            <Field
              label={t('form.duration')}
              type="number"
              inputMode="numeric"
              value={form.durationMinutes}
              onChange={(e) => set('durationMinutes', Number(e.target.value))}
              error={problemText('durationMinutes')}
            />
            <Field
              label={t('form.firstDate')}
              type="date"
              value={form.firstDate}
              onChange={(e) => {
                const firstDate = e.target.value;
                // The weekday follows the first date; it can still be changed afterwards.
                setForm((f) => ({
                  ...f,
                  firstDate,
                  weekday: firstDate ? isoWeekday(firstDate) : f.weekday,
                }));
              }}
              error={problemText('firstDate')}
            />
            {isRolling ? (
              <Field
                label={t('form.weeks')}
                type="number"
                inputMode="numeric"
                value={form.weeks ?? ''}
                onChange={(e) => set('weeks', Number(e.target.value))}
                error={problemText('weeks')}
              />
            ) : null}
            <GroupProfileFields
              value={form}
              onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
              errors={{ ageBand: problemText('ageBand'), capacity: problemText('capacity') }}
            />
          </WhoAndWhereFields>
          <div className="check-row">
            <input
              id="skip-holidays"
              type="checkbox"
              checked={form.skipHolidays}
              onChange={(e) => set('skipHolidays', e.target.checked)}
            />
            <label htmlFor="skip-holidays">{t('form.holidays')}</label>
          </div>
        </div>

        {schedule?.ok ? (
          <SchedulePreview
            meetings={schedule.value}
            language={form.language}
            topicOf={topicOf}
            skipped={skipped}
          />
        ) : null}

        <ClashList clashes={clashes} staff={staff.data?.items ?? []} />
        {save.isError ? (
          <Notice tone="error" live title={describeStorageError(save.error, t)} />
        ) : null}
        <div className="button-row">
          <button type="button" className="btn" onClick={() => void navigate('/cohorts')}>
            {t('form.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending
              ? t('form.working')
              : clashes.length > 0
                ? t('form.saveAnyway')
                : t('form.save')}
          </button>
        </div>
      </form>
    </Page>
  );
}
