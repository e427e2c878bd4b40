import { useMutation, useQueryClient } from '@tanstack/react-query';
import { startTransition, useCallback, useRef, useState } from 'react';
import { useServices, useVaultSession } from '../../../services/services';
import { auditEntry } from '../../../domain/audit';
import { todayInRiga } from '../../../domain/calendar-date';
import type { Cohort } from '../../../domain/cohort';
import type { Concern } from '../../../domain/concern';
import { newFollowUp } from '../../../domain/follow-up';
import type { Attendance, Meeting, MeetingNote } from '../../../domain/meeting';
import type { TimerState } from '../../../domain/activity-timer';
import { cohortQueries } from '../../../entities/cohorts/queries';
import { followUpQueries } from '../../../entities/follow-ups/queries';
import { concernDraftId } from '../../../crypto/record-ids';
import { meetingQueries, SHARED_SCREEN_KEY, type ConcernDraft } from './queries';
import { absenceFollowUpsForCohort } from '../../../entities/follow-ups/absence';
import { afterPaint } from '../../../ui/after-paint';

type AttendanceData = { marks: Attendance[]; damaged: number };
type AttendanceChange = { mark: Attendance } | { remove: string };

/** Marks tapped but not yet stored, by mark id: the mark, or null for one being removed. */
export type PendingMarks = ReadonlyMap<string, Attendance | null>;

const NOTHING_PENDING: PendingMarks = new Map();

/** The stored marks with the pending taps laid over them: what the register shows. */
export function withPending(stored: readonly Attendance[], pending: PendingMarks): Attendance[] {
  if (pending.size === 0) return stored as Attendance[];
  const marks = stored.filter((m) => !pending.has(m.id));
  for (const mark of pending.values()) if (mark) marks.push(mark);
  return marks;
}

/**
 * One tap, one mark: sealed on its own and written into its meeting's
 * register (db/registers.ts). The tap shows in the render React makes at the
 * end of the tap's own event: the hook's `pending` marks (React state, laid
 * over the stored ones with `withPending`) change there, and nothing else
 * does. The sealed write also starts in that event; the query cache (the
 * close section's count) follows after the frame is painted, and other
 * screens' data (the groups' attendance rates) is marked stale when the
 * browser is idle. A failed write puts the screen back and says so
 * (`isError`). An undo to "no mark" is `{ remove: id }`: the mark leaves the
 * register, with a tombstone.
 */
export function useMarkAttendance(meetingId: string) {
  const services = useServices();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingMarks>(NOTHING_PENDING);
  const [isError, setError] = useState(false);
  // The latest write per mark id: writes to one row wait for each other
  // (sealing takes a variable time, and a later tap must never be overtaken).
  const writes = useRef(new Map<string, Promise<void>>());
  const pendingNow = useRef<PendingMarks>(NOTHING_PENDING);
  const staleSoon = useRef(false);
  /** Per mark with writes in flight: what is stored (null: no mark), for a rollback. */
  const stored = useRef(new Map<string, Attendance | null>());
  const setMark = useCallback(
    (key: readonly unknown[], id: string, mark: Attendance | null) =>
      // Only into a register on screen: after a lock (the cache emptied) nothing comes back.
      queryClient.setQueryData<AttendanceData>(key, (data) =>
        data ? { ...data, marks: withPending(data.marks, new Map([[id, mark]])) } : undefined,
      ),
    [queryClient],
  );
  const apply = useCallback(
    (change: AttendanceChange) => {
      const key = meetingQueries.attendance(services, meetingId).queryKey;
      const id = 'mark' in change ? change.mark.id : change.remove;
      const shown = 'mark' in change ? change.mark : null;
      // What the screen showed for this mark before the tap (for a removal: whose it was).
      const was =
        pendingNow.current.get(id) ??
        queryClient.getQueryData<AttendanceData>(key)?.marks.find((m) => m.id === id);
      // The only change rendered in the tap's own event.
      pendingNow.current = new Map(pendingNow.current).set(id, shown);
      setPending(pendingNow.current);
      setError(false);

      // What is stored for this mark: the cache's mark before a run of taps on it.
      if (!writes.current.has(id))
        stored.current.set(
          id,
          queryClient.getQueryData<AttendanceData>(key)?.marks.find((m) => m.id === id) ?? null,
        );

      // Sealing and writing start now, in the tap's own task.
      const previous = writes.current.get(id) ?? Promise.resolve();
      const write = previous.then(async (): Promise<void> => {
        if ('mark' in change) await services.repos.attendance.put(change.mark);
        else {
          // The person too: a mark tapped since the last read is stored under its keyed id.
          const participantId = was?.participantId;
          await services.repos.attendance.deleteMark({
            id: change.remove,
            meetingId,
            ...(participantId ? { participantId } : {}),
          });
        }
      });
      // The cache (the close section's count) follows once the tap is painted.
      const cached = new Promise<void>((resolve) =>
        afterPaint(() => {
          // A refetch still in flight would overwrite this tap with older rows: drop it.
          void queryClient.cancelQueries({ queryKey: key });
          setMark(key, id, shown);
          resolve();
        }),
      );
      const settled = Promise.allSettled([write, cached]).then(([result]) => {
        const latest = writes.current.get(id) === settled;
        if (result.status === 'fulfilled') stored.current.set(id, shown);
        else setError(true);
        if (!latest) return;
        writes.current.delete(id);
        const back = stored.current.get(id) ?? null;
        stored.current.delete(id);
        // Once the cache shows what the pending mark showed (or the rollback), it goes.
        const forget = () => {
          if (writes.current.has(id)) return; // a newer tap on the row
          const rest = new Map(pendingNow.current);
          rest.delete(id);
          pendingNow.current = rest;
          startTransition(() => setPending(pendingNow.current));
        };
        if (result.status === 'fulfilled') forget();
        else {
          // A failed write: the row goes back to what is stored in the same
          // render as the message, and the cache follows.
          setMark(key, id, back);
          pendingNow.current = new Map(pendingNow.current).set(id, back);
          setPending(pendingNow.current);
          afterPaint(forget);
        }
        if (result.status === 'fulfilled' && !staleSoon.current) {
          // The groups' attendance rates (the cohort list) read every register:
          // marked stale once, when the browser is idle, not re-read per tap.
          staleSoon.current = true;
          whenIdle(() => {
            staleSoon.current = false;
            void queryClient.invalidateQueries({ queryKey: [...cohortQueries.all, 'list'] });
          });
        }
      });
      writes.current.set(id, settled);
    },
    [queryClient, meetingId, services, setMark],
  );
  return { apply, pending, isError };
}

function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 200);
}

/** Saves the notes as they are typed (see use-autosave); the cache follows without a refetch. */
export function useSaveNoteMutation(meetingId: string) {
  const services = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: MeetingNote) => services.repos.notes.put(note),
    onSuccess: (note) =>
      queryClient.setQueryData(meetingQueries.detail(services, meetingId).queryKey, (data) =>
        data ? { ...data, note } : data,
      ),
  });
}

/** A coordinator's change to notes past their 7 days, recorded in the audit log. */
export function useSaveNoteAuditedMutation(meetingId: string) {
  const services = useServices();
  const session = useVaultSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (note: MeetingNote) => {
      if (!session) throw new Error('locked');
      await services.stores.meeting.saveNoteAudited(
        note,
        auditEntry({
          actorId: session.staffId,
          action: 'note-changed-after-lock',
          subject: { table: 'notes', id: note.id },
          related: { meetingId },
        }),
      );
      return note;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meetingQueries.all }),
  });
}

export function useRaiseConcernMutation() {
  const services = useServices();
  const session = useVaultSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (concern: Concern) => {
      if (!session) throw new Error('locked');
      const draftId = await concernDraftId(services.vault, session.staffId, concern.meetingId);
      const followUp = newFollowUp(
        {
          kind: 'concern',
          concernId: concern.id,
          meetingId: concern.meetingId,
          cohortId: concern.cohortId,
          ...(concern.participantId ? { participantId: concern.participantId } : {}),
        },
        todayInRiga(),
      );
      await services.stores.meeting.raiseConcern(
        concern,
        followUp,
        auditEntry({
          actorId: session.staffId,
          action: 'concern-raised',
          subject: { table: 'concerns', id: concern.id },
          related: { meetingId: concern.meetingId, followUpId: followUp.id },
        }),
        draftId,
      );
      return concern;
    },
    onSuccess: async (concern) => {
      queryClient.removeQueries({ queryKey: meetingQueries.concernDraftKey(concern.meetingId) });
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: meetingQueries.concerns(services, concern.meetingId).queryKey,
        }),
        queryClient.invalidateQueries({ queryKey: followUpQueries.all }),
      ]);
    },
  });
}

/**
 * Closes the meeting: marks it held, saves the notes with the hand-over, and
 * opens the follow-ups the absence rules call for (ids derived from the
 * absence, so closing twice adds nothing).
 */
export function useCloseMeetingMutation() {
  const services = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      meeting: Meeting;
      note: MeetingNote;
      missingRiskIds: ReadonlySet<string>;
      threshold: number | undefined;
    }) => {
      const held: Meeting = { ...input.meeting, status: 'held' };
      // Absence follow-ups are coordinators' records found by reading them
      // (their ids are random), which only a coordinator's session may write
      // (a facilitator could only box them, and boxes are for concerns alone:
      // crypto/box-policy.ts). A facilitator's close leaves them to the
      // coordinator's next run of the rules (Today, the follow-up list).
      const followUps = services.vault.hasCoordinatorKey
        ? await absenceFollowUpsForCohort(services, held.cohortId, {
            missingRiskIds: input.missingRiskIds,
            threshold: input.threshold,
            meetings: [held],
          })
        : [];
      return services.stores.meeting.closeMeeting(held, input.note, followUps);
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: meetingQueries.all }),
        queryClient.invalidateQueries({ queryKey: cohortQueries.all }),
        queryClient.invalidateQueries({ queryKey: followUpQueries.all }),
      ]),
  });
}

export function useSetTravelAndMealMutation() {
  const services = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { cohort: Cohort; on: boolean }) =>
      services.repos.cohorts.put({ ...input.cohort, travelAndMeal: input.on }),
    onSuccess: () =>
      Promise.all([
        // Not the attendance: taps may be in flight.
        queryClient.invalidateQueries({ queryKey: [...meetingQueries.all, 'detail'] }),
        queryClient.invalidateQueries({ queryKey: cohortQueries.all }),
      ]),
  });
}

export function useSaveTimerMutation(meetingId: string) {
  const services = useServices();
  const queryClient = useQueryClient();
  const key = meetingQueries.timer(services, meetingId).queryKey;
  return useMutation({
    mutationFn: (state: TimerState) => services.meta.put(`timer:${meetingId}`, state),
    onMutate: (state) => queryClient.setQueryData(key, state),
  });
}

/** Shows the new choice at once (in the tap's own event), then stores it. */
export function useSetSharedScreen() {
  const services = useServices();
  const queryClient = useQueryClient();
  const key = meetingQueries.sharedScreen(services).queryKey;
  const mutation = useMutation({
    mutationFn: (on: boolean) => services.meta.put(SHARED_SCREEN_KEY, on),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const { mutate } = mutation;
  return {
    set: (on: boolean) => {
      // A first read still in flight must not overwrite the choice just made.
      void queryClient.cancelQueries({ queryKey: key });
      queryClient.setQueryData(key, on);
      mutate(on);
    },
    isError: mutation.isError,
  };
}

/**
 * Keeps a half-typed concern as the writer's own personal draft (sealed under
 * their personal key: nobody else can read it, and a lock or reload loses
 * nothing). Discarding deletes it.
 */
export function useConcernDraftMutations(meetingId: string) {
  const { repos, vault } = useServices();
  const session = useVaultSession();
  const queryClient = useQueryClient();
  const staffId = session?.staffId;
  // The id is a keyed token (crypto/record-ids.ts): worked out when needed.
  const draftId = useCallback(
    () => (staffId ? concernDraftId(vault, staffId, meetingId) : Promise.resolve('')),
    [vault, staffId, meetingId],
  );
  const save = useCallback(
    async (value: ConcernDraft) => {
      const id = await draftId();
      if (!id) throw new Error('locked');
      await repos.drafts.put({ id, value, savedAt: new Date().toISOString() });
      queryClient.setQueryData(meetingQueries.concernDraftKey(meetingId), value);
    },
    [repos, draftId, queryClient, meetingId],
  );
  const discard = useCallback(async () => {
    queryClient.setQueryData(meetingQueries.concernDraftKey(meetingId), null);
    const id = await draftId();
    if (id) await repos.drafts.delete(id);
  }, [repos, draftId, queryClient, meetingId]);
  return { save, discard };
}
