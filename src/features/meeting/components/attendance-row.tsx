import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { needsTime, type AttendanceStatus } from '../../../domain/attendance-rules';
import { attendanceStatuses, type Attendance } from '../../../domain/meeting';

interface AttendanceRowProps {
  name: string;
  participantId: string;
  mark: Attendance | undefined;
  travelAndMeal: boolean;
  onStatus: (participantId: string, status: AttendanceStatus) => void;
  onChange: (participantId: string, mark: Attendance) => void;
  /** The excused-absence reason was edited (its own undo step). */
  onReason: (participantId: string, mark: Attendance) => void;
}

/**
 * One person: a real radio group of statuses, then the time, reason or
 * tick-boxes that apply. Memoised, with handlers that take the person's id,
 * so a tap re-renders only the row it changed: on a slow phone, updating
 * every radio of the register on each tap cost more than the tap itself
 * (docs/first-paint.md, low-end device).
 */
export const AttendanceRow = memo(function AttendanceRow({
  name,
  participantId,
  mark,
  travelAndMeal,
  onStatus,
  onChange,
  onReason,
}: AttendanceRowProps) {
  const { t } = useTranslation('meeting');
  const [reason, setReason] = useState(mark?.reason ?? '');
  // The field shows what is stored whenever that changes (an undo, another
  // device): never an old text that looks saved but is not. Only what the
  // person is typing (not saved yet) stays, with a word that a colleague's
  // reason came in meanwhile: leaving the field saves theirs over it.
  const [stored, setStored] = useState(mark?.reason);
  const [theirs, setTheirs] = useState<string>();
  if (stored !== mark?.reason) {
    const typing = reason !== (stored ?? '') && reason.trim() !== (mark?.reason ?? '');
    setStored(mark?.reason);
    setTheirs(typing ? (mark?.reason ?? '') : undefined);
    if (!typing) setReason(mark?.reason ?? '');
  }
  // Made once per language, not on every tap of the row.
  const labels = useMemo(
    () => attendanceStatuses.map((status) => t(`attendance.status.${status}`)),
    [t],
  );
  const group = `attendance-${participantId}`;
  return (
    <li className="attendance-row">
      <fieldset className="attendance-fieldset">
        <legend className="attendance-name">{name}</legend>
        <div className="status-choices">
          {attendanceStatuses.map((status, i) => (
            <label key={status} className={`status-choice status-${status}`}>
              <input
                type="radio"
                name={group}
                value={status}
                checked={mark?.status === status}
                onChange={() => onStatus(participantId, status)}
              />
              <span>{labels[i]}</span>
            </label>
          ))}
        </div>
        {mark && needsTime(mark.status) ? (
          <div className="field field-inline">
            <label htmlFor={`${group}-time`}>
              {mark.status === 'late' ? t('attendance.arrivedAt') : t('attendance.leftAt')}
            </label>
            <input
              id={`${group}-time`}
              type="time"
              value={mark.time ?? ''}
              onChange={(e) => {
                const { time: _old, ...rest } = mark;
                onChange(participantId, e.target.value ? { ...rest, time: e.target.value } : rest);
              }}
            />
          </div>
        ) : null}
        {mark?.status === 'excused' ? (
          <div className="field field-inline">
            <label htmlFor={`${group}-reason`}>{t('attendance.reason')}</label>
            <input
              id={`${group}-reason`}
              type="text"
              maxLength={500}
              value={reason}
              aria-describedby={theirs !== undefined ? `${group}-theirs` : undefined}
              onChange={(e) => setReason(e.target.value)}
              onBlur={() => {
                const trimmed = reason.trim();
                if (trimmed === (mark.reason ?? '')) return;
                const { reason: _old, ...rest } = mark;
                onReason(participantId, trimmed ? { ...rest, reason: trimmed } : rest);
              }}
            />
            {theirs !== undefined ? (
              <p id={`${group}-theirs`} className="field-hint colleague-changed" role="status">
                {theirs
                  ? t('attendance.colleagueChanged', { theirs })
                  : t('attendance.colleagueCleared')}
              </p>
            ) : null}
          </div>
        ) : null}
        {travelAndMeal ? (
          <div className="tick-row">
            <label className="check-row">
              <input
                type="checkbox"
                disabled={!mark}
                checked={mark?.travel ?? false}
                onChange={(e) =>
                  mark && onChange(participantId, { ...mark, travel: e.target.checked })
                }
              />
              {t('attendance.travel')}
            </label>
            <label className="check-row">
              <input
                type="checkbox"
                disabled={!mark}
                checked={mark?.meal ?? false}
                onChange={(e) =>
                  mark && onChange(participantId, { ...mark, meal: e.target.checked })
                }
              />
              {t('attendance.meal')}
            </label>
          </div>
        ) : null}
      </fieldset>
    </li>
  );
});
