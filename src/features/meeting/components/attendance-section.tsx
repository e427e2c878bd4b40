import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  countAttendance,
  markAttendance,
  type AttendanceStatus,
} from '../../../domain/attendance-rules';
import type { Cohort } from '../../../domain/cohort';
import type { Attendance } from '../../../domain/meeting';
import type { Participant } from '../../../domain/participant';
import { Notice } from '../../../ui/notice';
import { Loading } from '../../../ui/page';
import { useIsCoordinator } from '../../../entities/staff/queries';
import { useMarkAttendance, useSetTravelAndMealMutation, withPending } from '../api/mutations';
import { displayName, useAttendance } from '../api/queries';
import { AttendanceRow } from './attendance-row';
import { attendanceTexts } from './attendance-count';

interface AttendanceSectionProps {
  meetingId: string;
  cohort: Cohort;
  roster: Participant[];
  sharedScreen: boolean;
}

interface UndoStep {
  id: string;
  participantId: string;
  name: string;
  previous: Attendance | null;
  /** The step only changed the excused-absence reason (the button says so). */
  reason: boolean;
}

// Made once: building a formatter for a time zone on every tap (what
// toLocaleTimeString does) took ~4 ms of each tap on a slow phone.
let rigaClock: Intl.DateTimeFormat | undefined;

function nowHhmm(): string {
  rigaClock ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Riga',
    hour: '2-digit',
    minute: '2-digit',
  });
  return rigaClock.format(new Date());
}

/** The roster with one-tap marks: each tap is stored at once, with undo and a count at the top. */
export function AttendanceSection({
  meetingId,
  cohort,
  roster,
  sharedScreen,
}: AttendanceSectionProps) {
  const { t } = useTranslation('meeting');
  const attendance = useAttendance(meetingId);
  const mark = useMarkAttendance(meetingId);
  const travel = useSetTravelAndMealMutation();
  const isCoordinator = useIsCoordinator();
  const [undo, setUndo] = useState<UndoStep[]>([]);
  // A reason an undo took away is quoted on screen: typed words never vanish unseen.
  const [undoneReason, setUndoneReason] = useState<{ name: string; reason: string } | null>(null);
  // Shown at once; the cohort row is written behind it.
  const [travelAndMeal, setTravelAndMeal] = useState(cohort.travelAndMeal ?? false);
  // The stored marks with the taps not yet stored over them: a tap shows in its own event.
  const marks = useMemo(
    () => withPending(attendance.data?.marks ?? [], mark.pending),
    [attendance.data, mark.pending],
  );
  const byParticipant = new Map(marks.map((m) => [m.participantId, m]));
  // The count reads the query cache, which takes the tap after the tapped row
  // is painted (useMarkAttendance): the count follows in that later render.
  const stored = attendance.data?.marks;
  const count = useMemo(
    () =>
      countAttendance(
        roster.map((p) => p.id),
        stored ?? [],
      ),
    [roster, stored],
  );

  function store(participant: Participant, next: Attendance, reason = false) {
    const previous = byParticipant.get(participant.id) ?? null;
    setUndo((steps) => [
      ...steps.slice(-19),
      {
        id: next.id,
        participantId: participant.id,
        name: displayName(participant, sharedScreen),
        previous,
        reason,
      },
    ]);
    setUndoneReason(null);
    mark.apply({ mark: next });
  }

  function undoLast() {
    const step = undo.at(-1);
    if (!step) return;
    setUndo((steps) => steps.slice(0, -1));
    const lost = byParticipant.get(step.participantId)?.reason;
    setUndoneReason(
      lost && lost !== step.previous?.reason ? { name: step.name, reason: lost } : null,
    );
    mark.apply(step.previous ? { mark: step.previous } : { remove: step.id });
  }

  function tapped(participantId: string, change: (participant: Participant) => void) {
    const participant = roster.find((p) => p.id === participantId);
    if (participant) change(participant);
  }
  // The rows are memoised (attendance-row.tsx): their handlers stay the same
  // function from render to render and reach this render's state through a ref.
  const handlers = useRef({
    status: (_id: string, _status: AttendanceStatus) => {},
    change: (_id: string, _next: Attendance) => {},
    reason: (_id: string, _next: Attendance) => {},
  });
  useLayoutEffect(() => {
    handlers.current = {
      status: (id, status) =>
        tapped(id, (participant) =>
          store(
            participant,
            markAttendance(byParticipant.get(id), {
              meetingId,
              participantId: id,
              status,
              now: nowHhmm(),
            }),
          ),
        ),
      change: (id, next) => tapped(id, (participant) => store(participant, next)),
      reason: (id, next) => tapped(id, (participant) => store(participant, next, true)),
    };
  });
  const onStatus = useCallback(
    (id: string, status: AttendanceStatus) => handlers.current.status(id, status),
    [],
  );
  const onChange = useCallback(
    (id: string, next: Attendance) => handlers.current.change(id, next),
    [],
  );
  const onReason = useCallback(
    (id: string, next: Attendance) => handlers.current.reason(id, next),
    [],
  );

  const lastUndo = undo.at(-1);
  return (
    <>
      <div className="attendance-bar">
        <AttendanceCount count={count} />
        {lastUndo ? (
          <button type="button" className="btn" onClick={undoLast}>
            {t(lastUndo.reason ? 'attendance.undoReason' : 'attendance.undo', {
              name: lastUndo.name,
            })}
          </button>
        ) : null}
      </div>
      {undoneReason ? (
        <Notice tone="info" live>
          {t('attendance.reasonUndone', undoneReason)}
        </Notice>
      ) : null}
      {mark.isError ? <Notice tone="error" live title={t('attendance.saveFailed')} /> : null}
      {attendance.data?.damaged ? (
        <Notice
          tone="warning"
          title={t('common:errors.damagedSome', { count: attendance.data.damaged })}
        />
      ) : null}
      {isCoordinator ? (
        <label className="check-row">
          <input
            type="checkbox"
            checked={travelAndMeal}
            onChange={(e) => {
              setTravelAndMeal(e.target.checked);
              travel.mutate({ cohort, on: e.target.checked });
            }}
          />
          {t('attendance.travelAndMealSetting')}
        </label>
      ) : null}
      {roster.length === 0 ? <p className="muted">{t('attendance.empty')}</p> : null}
      {/* Taps wait for the stored marks, so a tap never races the first read. */}
      {attendance.isPending ? <Loading /> : null}
      {attendance.isError ? <Notice tone="error" title={t('attendance.loadFailed')} /> : null}
      <ul className="attendance-list" hidden={!attendance.isSuccess}>
        {roster.map((participant) => (
          <AttendanceRow
            key={participant.id}
            participantId={participant.id}
            name={displayName(participant, sharedScreen)}
            mark={byParticipant.get(participant.id)}
            travelAndMeal={travelAndMeal}
            onStatus={onStatus}
            onChange={onChange}
            onReason={onReason}
          />
        ))}
      </ul>
    </>
  );
}

/** The count at the top; its texts are made again only when the count changes. */
const AttendanceCount = memo(function AttendanceCount({
  count,
}: {
  count: ReturnType<typeof countAttendance>;
}) {
  const { t } = useTranslation('meeting');
  const { total, breakdown } = attendanceTexts(t, count);
  return (
    <p className="attendance-count" aria-live="polite">
      {total} <span className="muted">{breakdown}</span>
    </p>
  );
});
