import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { closureName, closureOn, type Closure } from '../../../domain/closures';
import type { Meeting } from '../../../domain/meeting';
import {
  cancelMeeting,
  moveMeeting,
  type MoveMode,
  type PlanHandling,
} from '../../../domain/schedule-changes';
import type { ScheduledMeeting, ScheduleResult } from '../../../domain/schedule';
import { formatDate } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { Field, TextAreaField } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { describeScheduleError } from './schedule-errors';

interface ScheduleChangeFormProps {
  meeting: Meeting;
  meetings: readonly Meeting[];
  /** Undefined while public holidays are still loading: nothing can be saved unchecked. */
  closures: readonly Closure[] | undefined;
  onApply: (next: ScheduledMeeting[]) => Promise<void>;
  onClose: () => void;
}

/**
 * Move or cancel one meeting. Held meetings never reach this form. Moving onto
 * a public holiday or one of the organisation's closure days asks first,
 * naming the day, and saves only when the coordinator goes ahead.
 */
export function ScheduleChangeForm({
  meeting,
  meetings,
  closures,
  onApply,
  onClose,
}: ScheduleChangeFormProps) {
  const { t } = useTranslation('cohorts');
  const lng = useLanguage();
  const [action, setAction] = useState<'move' | 'cancel'>('move');
  const [date, setDate] = useState(meeting.date);
  const [mode, setMode] = useState<MoveMode>('only-this');
  const [reason, setReason] = useState('');
  const [handling, setHandling] = useState<PlanHandling>('move-to-next');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  /** The closed day the coordinator has been warned about and may confirm. */
  const [closedDay, setClosedDay] = useState<{ date: string; closure: Closure }>();
  const dateField = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent, confirmed = false) {
    event.preventDefault();
    if (closures === undefined) return;
    if (action === 'move' && !confirmed && date !== meeting.date) {
      const closure = closureOn(date, closures);
      if (closure) {
        setError(undefined);
        setClosedDay({ date, closure });
        return;
      }
    }
    setClosedDay(undefined);
    const result: ScheduleResult<ScheduledMeeting[]> =
      action === 'move'
        ? moveMeeting(meetings, meeting.number, date, mode, closures)
        : cancelMeeting(meetings, meeting.number, reason, handling, closures);
    if (!result.ok) {
      setError(describeScheduleError(result.error, t, lng));
      return;
    }
    setBusy(true);
    try {
      await onApply(result.value);
      onClose();
    } catch {
      setError(t('common:errors.saveFailed'));
    } finally {
      setBusy(false);
    }
  }

  const title = t('schedule.changeTitle', {
    number: meeting.number,
    date: formatDate(meeting.date, lng),
  });
  return (
    <form
      className="panel schedule-change"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={title}
    >
      <h2>{title}</h2>
      <fieldset className="choice-row">
        <legend>{t('schedule.action')}</legend>
        {(['move', 'cancel'] as const).map((a) => (
          <label key={a} className="radio-row">
            <input
              type="radio"
              name="action"
              checked={action === a}
              onChange={() => setAction(a)}
            />
            {t(`schedule.actions.${a}`)}
          </label>
        ))}
      </fieldset>
      {action === 'move' ? (
        <>
          <Field
            label={t('schedule.newDate')}
            type="date"
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              setClosedDay(undefined);
            }}
            ref={dateField}
          />
          <fieldset className="choice-row">
            <legend>{t('schedule.which')}</legend>
            {(['only-this', 'this-and-after'] as const).map((m) => (
              <label key={m} className="radio-row">
                <input type="radio" name="mode" checked={mode === m} onChange={() => setMode(m)} />
                {t(`schedule.modes.${m}`)}
              </label>
            ))}
          </fieldset>
        </>
      ) : (
        <>
          <TextAreaField label={t('schedule.reason')} value={reason} onChange={setReason} />
          <fieldset className="choice-row">
            <legend>{t('schedule.plan')}</legend>
            {(['move-to-next', 'drop'] as const).map((h) => (
              <label key={h} className="radio-row">
                <input
                  type="radio"
                  name="handling"
                  checked={handling === h}
                  onChange={() => setHandling(h)}
                />
                {t(`schedule.handling.${h}`)}
              </label>
            ))}
          </fieldset>
        </>
      )}
      {error ? <Notice tone="error" live title={error} /> : null}
      {closedDay && action === 'move' ? (
        <Notice
          tone="warning"
          live
          title={t(
            closedDay.closure.kind === 'public-holiday'
              ? 'schedule.holidayTitle'
              : 'schedule.closureTitle',
            {
              date: formatDate(closedDay.date, lng),
              name: closureName(closedDay.closure, lng),
            },
          )}
        >
          <p>{t('schedule.closedDayText')}</p>
          <div className="button-row">
            <button
              type="button"
              className="btn"
              onClick={() => {
                setClosedDay(undefined);
                dateField.current?.focus();
              }}
            >
              {t('schedule.otherDate')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={(e) => void submit(e, true)}
            >
              {t('schedule.moveAnyway')}
            </button>
          </div>
        </Notice>
      ) : null}
      <div className="button-row">
        <button type="button" className="btn" onClick={onClose}>
          {t('form.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy || closures === undefined}>
          {action === 'move' ? t('schedule.applyMove') : t('schedule.applyCancel')}
        </button>
      </div>
    </form>
  );
}
