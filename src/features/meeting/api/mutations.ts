import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
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

type AttendanceData = { marks: Attendance[]; damaged: number };
type AttendanceChange = { mark: Attendance } | { remove: string };

/**
 * One tap, one mark: sealed on its own and written into its meeting's
 * register (db/registers.ts). The screen changes at once — the cache is
 * updated synchronously in the tap's own event, before the write starts —
 * and goes back if the write fails, with a message. An undo to "no mark" is
 * `{ remove: id }`: the mark leaves the register, with a tombstone.
 */
export function useMarkAttendance(meetingId: string) {
  const services = useServices();
  const queryClient = useQueryClient();
  const key = meetingQueries.attendance(services, meetingId).queryKey;
  const mutation = useMutation({
    // The write itself started in `apply`; the mutation tracks it for the error state.
    mutationFn: ({ write }: { write: Promise<unknown>; before?: AttendanceData }) => write,
    onError: (_error, { before }) => {
      if (before) queryClient.setQueryData(key, before);
    },
    // The cohort list shows attendance rates.
    onSettled: () => queryClient.invalidateQueries({ queryKey: cohortQueries.all }),
  });
  const { mutate } = mutation;
  const pending = useRef(new Map<string, Promise<void>>());
  const apply = useCallback(
    (change: AttendanceChange) => {
      // A refetch still in flight would overwrite this tap with older rows: drop it.
      void queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<AttendanceData>(key);
      queryClient.setQueryData<AttendanceData>(key, (data) => {
        const marks = (data?.marks ?? []).filter((m) =>
          'mark' in change ? m.id !== change.mark.id : m.id !== change.remove,
        );
        if ('mark' in change) marks.push(change.mark);
        return { marks, damaged: data?.damaged ?? 0 };
      });
      // Start sealing and writing now, in the tap's own task, before React
      // re-renders. Writes to the same row wait for each other: sealing takes
      // a variable time, and a later tap must never be overtaken by an earlier one.
      const id = 'mark' in change ? change.mark.id : change.remove;
      const previous = pending.current.get(id) ?? Promise.resolve();
      const write = previous.then(async (): Promise<void> => {
        if ('mark' in change) await services.repos.attendance.put(change.mark);
        else {
          // The person too: a mark tapped since the last read is stored under its keyed id.
          const participantId = before?.marks.find((m) => m.id === change.remove)?.participantId;
          await services.repos.attendance.deleteMark({
            id: change.remove,
            meetingId,
            ...(participantId ? { participantId } : {}),
          });
        }
      });
      const settled = write.then(
        () => undefined,
        () => undefined, // handled by the mutation (error state, rollback)
      );
      pending.current.set(id, settled);
      void settled.then(() => {
        if (pending.current.get(id) === settled) pending.current.delete(id);
      });
      mutate({ write, ...(before ? { before } : {}) });
    },
    // `key` is rebuilt each render from the same parts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryClient, mutate, meetingId, services],
  );
  return { apply, isError: mutation.isError };
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
