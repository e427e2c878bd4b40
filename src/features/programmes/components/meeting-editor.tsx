import { useTranslation } from 'react-i18next';
import { meetingMinutes, type Activity, type MeetingPlan } from '../../../domain/programme';
import { Field, TextAreaField } from '../../../ui/field';
import { ListEditor } from './list-editor';
import { move } from './reorder';

interface MeetingEditorProps {
  meeting: MeetingPlan;
  meetingLength: number;
  lang: string;
  isFirst: boolean;
  isLast: boolean;
  onChange: (meeting: MeetingPlan) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

export function MeetingEditor({
  meeting,
  meetingLength,
  lang,
  isFirst,
  isLast,
  onChange,
  onMove,
  onRemove,
}: MeetingEditorProps) {
  const { t } = useTranslation('programmes');
  const total = meetingMinutes(meeting);
  const label = t('meetingNumber', { number: meeting.number });

  function setActivities(activities: Activity[]) {
    onChange({ ...meeting, activities });
  }

  return (
    <details className="meeting-editor" open={meeting.topic === ''}>
      <summary id={`meeting-${meeting.id}`} tabIndex={0}>
        <span className="meeting-number">{label}</span>{' '}
        <span lang={lang}>{meeting.topic || t('editor.untitled')}</span>
        {total !== meetingLength ? (
          <span className="badge badge-caution">
            {t('editor.minutesOff', { total, length: meetingLength })}
          </span>
        ) : null}
      </summary>
      <div className="meeting-editor-body" lang={lang}>
        <div className="button-row">
          <button
            type="button"
            className="btn btn-small"
            disabled={isFirst}
            onClick={() => onMove(-1)}
          >
            {t('editor.moveUp', { item: label })}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={isLast}
            onClick={() => onMove(1)}
          >
            {t('editor.moveDown', { item: label })}
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={onRemove}>
            {t('editor.removeMeeting')}
          </button>
        </div>
        <Field
          label={t('editor.topic')}
          value={meeting.topic}
          onChange={(e) => onChange({ ...meeting, topic: e.target.value })}
        />
        <ListEditor
          legend={t('plan.aims')}
          itemLabel={t('editor.aim')}
          addLabel={t('editor.addAim')}
          items={meeting.aims}
          onChange={(aims) => onChange({ ...meeting, aims })}
        />
        <fieldset className="activities-editor">
          <legend>{t('plan.activities')}</legend>
          <p className={total === meetingLength ? 'total' : 'total total-off'} aria-live="polite">
            {t('plan.total', { total, length: meetingLength })}
          </p>
          {meeting.activities.map((activity, index) => {
            const activityLabel = `${t('editor.activity')} ${index + 1}`;
            const set = (patch: Partial<Activity>) =>
              setActivities(
                meeting.activities.map((a) => (a.id === activity.id ? { ...a, ...patch } : a)),
              );
            return (
              <div
                className="activity-editor"
                key={activity.id}
                role="group"
                aria-label={activityLabel}
              >
                <div className="activity-editor-head">
                  <Field
                    label={`${activityLabel}: ${t('editor.activityTitle')}`}
                    value={activity.title}
                    onChange={(e) => set({ title: e.target.value })}
                  />
                  <Field
                    className="minutes-field"
                    label={t('editor.activityMinutes')}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={240}
                    value={activity.minutes}
                    onChange={(e) =>
                      set({
                        minutes: Math.min(
                          240,
                          Math.max(1, Math.round(Number(e.target.value)) || 1),
                        ),
                      })
                    }
                  />
                </div>
                <TextAreaField
                  label={t('editor.activityDescription')}
                  value={activity.description}
                  onChange={(description) => set({ description })}
                />
                <div className="button-row">
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={index === 0}
                    onClick={() => setActivities(move(meeting.activities, index, -1))}
                  >
                    {t('editor.moveUp', { item: activityLabel })}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={index === meeting.activities.length - 1}
                    onClick={() => setActivities(move(meeting.activities, index, 1))}
                  >
                    {t('editor.moveDown', { item: activityLabel })}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    onClick={() =>
                      setActivities(meeting.activities.filter((a) => a.id !== activity.id))
                    }
                  >
                    {t('editor.removeItem', { item: activityLabel })}
                  </button>
                </div>
              </div>
            );
          })}
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              setActivities([
                ...meeting.activities,
                {
                  id: `a-${crypto.randomUUID()}`,
                  title: '',
                  minutes: Math.max(1, meetingLength - total) || 10,
                  description: '',
                },
              ])
            }
          >
            {t('editor.addActivity')}
          </button>
        </fieldset>
        <ListEditor
          legend={t('plan.materials')}
          itemLabel={t('editor.material')}
          addLabel={t('editor.addMaterial')}
          items={meeting.materials}
          onChange={(materials) => onChange({ ...meeting, materials })}
        />
        <TextAreaField
          label={t('plan.notes')}
          value={meeting.facilitatorNotes}
          onChange={(facilitatorNotes) => onChange({ ...meeting, facilitatorNotes })}
        />
        <TextAreaField
          label={t('editor.caution')}
          hint={t('editor.cautionHint')}
          value={meeting.caution ?? ''}
          onChange={(caution) => {
            const { caution: _old, ...rest } = meeting;
            onChange(caution ? { ...rest, caution } : rest);
          }}
        />
      </div>
    </details>
  );
}
