import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeStorageError } from '../../../ui/storage-errors';
import type { Cohort } from '../../../domain/cohort';
import { validateCohortDraft, type CohortField } from '../../../domain/cohort-rules';
import type { Staff } from '../../../domain/staff';
import { Field } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { useUpdateCohortDetailsMutation, type CohortDetails } from '../api/mutations';
import { GroupProfileFields } from './group-profile-fields';
import { WhoAndWhereFields } from './who-and-where-fields';

/**
 * Changes a group's details after it was created: name, facilitators, place,
 * who it is for, places and status. The schedule has its own controls (move,
 * cancel, extra meeting), so dates and times are not here.
 */
export function CohortDetailsForm({
  cohort,
  staff,
  programmeMeetings,
  onClose,
}: {
  cohort: Cohort;
  staff: readonly Staff[];
  programmeMeetings: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('cohorts');
  const update = useUpdateCohortDetailsMutation();
  const [submitted, setSubmitted] = useState(false);
  const [form, setForm] = useState<CohortDetails>(() => ({
    name: cohort.name,
    facilitatorIds: cohort.facilitatorIds,
    place: cohort.place,
    room: cohort.room,
    composition: cohort.composition,
    ageBand: cohort.ageBand,
    capacity: cohort.capacity,
    language: cohort.language,
    status: cohort.status,
  }));
  const set = <K extends keyof CohortDetails>(key: K, value: CohortDetails[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const problems = validateCohortDraft(
    {
      ...form,
      programmeId: cohort.programmeId,
      startTime: cohort.startTime,
      durationMinutes: cohort.durationMinutes,
      firstDate: cohort.firstDate,
      ageMin: form.ageBand.min,
      ageMax: form.ageBand.max,
    },
    {
      enrolled: cohort.participantIds.length,
      // The schedule already exists: its programme and first date are not re-checked here.
      programmeMeetings: Math.max(programmeMeetings, 1),
      isRolling: false,
      isClosed: () => false,
    },
  );
  const problemText = (field: CohortField) => {
    const code = problems[field];
    return submitted && code ? t(`problems.${code}`, { label: '' }) : undefined;
  };
  // Keep people who were facilitators even if they have left since, so saving
  // does not silently drop them; new choices come from active staff.
  const choices = staff.filter((s) => s.active || cohort.facilitatorIds.includes(s.id));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    await update.mutateAsync({
      cohortId: cohort.id,
      details: {
        ...form,
        name: form.name.trim(),
        place: form.place.trim(),
        room: form.room.trim(),
      },
    });
    onClose();
  }

  return (
    <form
      className="panel cohort-form"
      aria-labelledby="details-title"
      onSubmit={(e) => void submit(e).catch(() => undefined)}
      noValidate
    >
      <h2 id="details-title">{t('details.title')}</h2>
      <Field
        label={t('form.name')}
        value={form.name}
        onChange={(e) => set('name', e.target.value)}
        error={problemText('name')}
      />
      <WhoAndWhereFields
        staff={choices}
        value={form}
        onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
        facilitatorsError={problemText('facilitatorIds')}
      >
        <GroupProfileFields
          value={{ ...form, ageMin: form.ageBand.min, ageMax: form.ageBand.max }}
          onChange={({ ageMin, ageMax, ...rest }) =>
            setForm((f) => ({
              ...f,
              ...rest,
              ageBand: { min: ageMin ?? f.ageBand.min, max: ageMax ?? f.ageBand.max },
            }))
          }
          errors={{ ageBand: problemText('ageBand'), capacity: problemText('capacity') }}
        />
      </WhoAndWhereFields>
      {update.isError ? (
        <Notice tone="error" live title={describeStorageError(update.error, t)} />
      ) : null}
      <div className="button-row">
        <button type="button" className="btn" onClick={onClose}>
          {t('form.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          {update.isPending ? t('form.working') : t('details.save')}
        </button>
      </div>
    </form>
  );
}
