import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatRemaining,
  isRunning,
  nextActivity,
  parseTimer,
  pauseTimer,
  remainingMs,
  startTimer,
  timerMilestone,
  type TimerState,
} from '../../../domain/activity-timer';
import type { MeetingPlan } from '../../../domain/programme';
import { useSaveTimerMutation } from '../api/mutations';
import { useTimerState } from '../api/queries';

interface AgendaTimerProps {
  meetingId: string;
  plan: MeetingPlan;
  lang: string;
}

/**
 * The meeting plan as an agenda, with a timer for the current activity.
 * Its state (which activity, when it started) is stored on the device, so a
 * reload or a lock does not lose it. The time left is shown every second but
 * announced only when it matters: five minutes left, one minute left, time
 * up, and when the activity changes. No sound.
 */
export function AgendaTimer({ meetingId, plan, lang }: AgendaTimerProps) {
  const { t } = useTranslation('meeting');
  const stored = useTimerState(meetingId);
  const save = useSaveTimerMutation(meetingId);
  const count = plan.activities.length;
  const state = parseTimer(stored.data, count);
  const running = isRunning(state);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);

  const activity = plan.activities[state.index];
  const remaining = activity ? remainingMs(state, activity.minutes, now) : 0;
  const milestone = activity ? timerMilestone(remaining) : 'over';
  const over = Boolean(activity) && milestone === 'over' && (running || state.elapsedMs > 0);

  let announcement = '';
  if (!activity) announcement = t('timer.allDone');
  else if (running && milestone === 'five-left') announcement = t('timer.fiveLeft');
  else if (running && milestone === 'one-left') announcement = t('timer.oneLeft');
  else if (over) announcement = t('timer.over', { title: activity.title });
  else if (running) announcement = t('timer.running', { title: activity.title });
  else if (state.elapsedMs > 0) announcement = t('timer.paused');

  function change(next: TimerState) {
    const at = Date.now();
    setNow(at);
    save.mutate(next);
  }

  if (stored.isPending) return null;
  return (
    <div className="agenda" lang={lang}>
      <div className={`timer panel${over ? ' timer-over' : ''}`}>
        {activity ? (
          <>
            <p className="timer-label">{t('timer.current', { number: state.index + 1, count })}</p>
            <p className="timer-title">{activity.title}</p>
            <p className="timer-clock">
              <span className="visually-hidden">{t('timer.left')} </span>
              <span>{formatRemaining(remaining)}</span>
              <span className="timer-of"> / {t('minutes', { count: activity.minutes })}</span>
            </p>
            {over ? <p className="timer-cue">{t('timer.overCue')}</p> : null}
          </>
        ) : (
          <p className="timer-title">{t('timer.allDone')}</p>
        )}
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
        <div className="button-row">
          {activity ? (
            running ? (
              <button
                type="button"
                className="btn"
                onClick={() => change(pauseTimer(state, Date.now()))}
              >
                {t('timer.pause')}
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => change(startTimer(state, Date.now()))}
              >
                {state.elapsedMs > 0 ? t('timer.resume') : t('timer.start')}
              </button>
            )
          ) : null}
          {activity ? (
            <button
              type="button"
              className="btn"
              onClick={() => change(nextActivity(state, Date.now(), count))}
            >
              {state.index + 1 < count ? t('timer.next') : t('timer.finish')}
            </button>
          ) : (
            <button
              type="button"
              className="btn"
              onClick={() => change({ index: 0, runningSince: null, elapsedMs: 0 })}
            >
              {t('timer.restart')}
            </button>
          )}
        </div>
      </div>
      {plan.caution ? (
        <div className="caution" role="note">
          <p className="caution-title">{t('agenda.caution')}</p>
          <p>{plan.caution}</p>
        </div>
      ) : null}
      <ol className="activity-list agenda-list">
        {plan.activities.map((a, i) => (
          <li key={a.id} aria-current={i === state.index ? 'step' : undefined}>
            <div className="activity-head">
              <span className="activity-title">{a.title}</span>
              <span className="minutes">{t('minutes', { count: a.minutes })}</span>
            </div>
            <p>{a.description}</p>
          </li>
        ))}
      </ol>
      <details className="plan-more">
        <summary>{t('agenda.more')}</summary>
        <h3>{t('agenda.aims')}</h3>
        <ul>
          {plan.aims.map((aim) => (
            <li key={aim}>{aim}</li>
          ))}
        </ul>
        {plan.materials.length > 0 ? (
          <>
            <h3>{t('agenda.materials')}</h3>
            <ul>
              {plan.materials.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </>
        ) : null}
        <h3>{t('agenda.notes')}</h3>
        <p>{plan.facilitatorNotes}</p>
      </details>
    </div>
  );
}
