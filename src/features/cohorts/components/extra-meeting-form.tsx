import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cohort } from '../../../domain/cohort';
import type { Meeting } from '../../../domain/meeting';
import type { MeetingPlan } from '../../../domain/programme';
import { addExtraMeeting } from '../../../domain/schedule-changes';
import type { ScheduledMeeting } from '../../../domain/schedule';
import { Field } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { describeScheduleError } from './schedule-errors';
import { SelectField } from '../../../ui/select-field';
import { useLanguage } from '../../../i18n/i18n';

interface ExtraMeetingFormProps {
  cohort: Cohort;
  meetings: readonly Meeting[];
  plans: readonly MeetingPlan[];
  onApply: (next: ScheduledMeeting[]) => Promise<void>;
  onClose: () => void;
}

/** A one-off meeting outside the weekly rhythm, running one of the programme's plans. */
export function ExtraMeetingForm({
  cohort,
  meetings,
  plans,
  onApply,
  onClose,
}: ExtraMeetingFormProps) {
  const { t } = useTranslation('cohorts');
  const lng = useLanguage();
  const [date, setDate] = useState('');
  const [startTime, setStartTime] = useState(cohort.startTime);
  const [planId, setPlanId] = useState(plans[0]?.id ?? '');
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = addExtraMeeting(meetings, date, startTime, cohort.durationMinutes, planId);
    if (!result.ok) {
      setError(describeScheduleError(result.error, t, lng));
      return;
    }
    try {
      await onApply(result.value);
      onClose();
    } catch {
      setError(t('common:errors.saveFailed'));
    }
  }

  return (
    <form
      className="panel"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t('schedule.extraTitle')}
    >
      <h2>{t('schedule.extraTitle')}</h2>
      <div className="form-grid">
        <Field
          label={t('detail.date')}
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
        <Field
          label={t('form.startTime')}
          type="time"
          value={startTime}
          onChange={(e) => setStartTime(e.target.value)}
        />
        <SelectField
          label={t('schedule.planToRun')}
          value={planId}
          onChange={setPlanId}
          options={plans.map((p) => ({ value: p.id, label: `${p.number}. ${p.topic}` }))}
        />
      </div>
      {error ? <Notice tone="error" live title={error} /> : null}
      <div className="button-row">
        <button type="button" className="btn" onClick={onClose}>
          {t('form.cancel')}
        </button>
        <button type="submit" className="btn btn-primary">
          {t('schedule.addExtra')}
        </button>
      </div>
    </form>
  );
}
