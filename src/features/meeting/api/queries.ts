import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../../services/services';
import { concernDraftId, legacyConcernDraftId } from '../../../crypto/record-ids';
import { concernTypes, type Concern, type ConcernType } from '../../../domain/concern';
import type { Attendance, Meeting, MeetingNote } from '../../../domain/meeting';
import type { Participant } from '../../../domain/participant';
import { feltUnsafeCount } from '../../../domain/reports/feedback';

export interface MeetingDetail {
  meeting: Meeting;
  cohort: NonNullable<Awaited<ReturnType<AppServices['repos']['cohorts']['get']>>>;
  /** The cohort's participants, in the cohort's order; missing or damaged ones left out. */
  roster: Participant[];
  /** This meeting's notes, if any were written yet. */
  note: MeetingNote | null;
  /** The cohort's earlier meetings (latest first), with their notes. */
  earlier: { meeting: Meeting; note: MeetingNote | null }[];
  damaged: number;
}

/** The newest note of a meeting (a co-facilitator's device may have written one too). */
function newest(notes: MeetingNote[]): MeetingNote | null {
  return notes.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] ?? null;
}

// Local data does not go stale on its own (the client default staleTime is Infinity), and every
// meeting-mode mutation updates or invalidates these keys. Locking clears them.
export const meetingQueries = {
  all: ['meeting'] as const,
  detail: ({ repos }: AppServices, meetingId: string) =>
    queryOptions({
      queryKey: [...meetingQueries.all, 'detail', meetingId],
      queryFn: async (): Promise<MeetingDetail | null> => {
        const meeting = await repos.meetings.get(meetingId);
        if (!meeting) return null;
        const cohort = await repos.cohorts.get(meeting.cohortId);
        if (!cohort) return null;
        const [participants, meetings, notes] = await Promise.all([
          Promise.allSettled(cohort.participantIds.map((id) => repos.participants.get(id))),
          repos.meetings.listWhere('cohortId', cohort.id),
          repos.notes.listWhere('meetingId', meetingId),
        ]);
        const roster = participants.flatMap((p) =>
          p.status === 'fulfilled' && p.value ? [p.value] : [],
        );
        const before = meetings.items
          .filter((m) => m.id !== meeting.id && m.status !== 'cancelled' && m.date <= meeting.date)
          .sort((a, b) => b.date.localeCompare(a.date) || b.number - a.number);
        const earlierNotes = await Promise.all(
          before.map((m) => repos.notes.listWhere('meetingId', m.id)),
        );
        return {
          meeting,
          cohort,
          roster,
          note: newest(notes.items),
          earlier: before.map((m, i) => ({ meeting: m, note: newest(earlierNotes[i]!.items) })),
          damaged:
            participants.filter((p) => p.status === 'rejected').length +
            meetings.damaged.length +
            notes.damaged.length +
            earlierNotes.reduce((sum, n) => sum + n.damaged.length, 0),
        };
      },
    }),
  attendance: ({ repos }: AppServices, meetingId: string) =>
    queryOptions({
      queryKey: [...meetingQueries.all, 'attendance', meetingId],
      queryFn: async (): Promise<{ marks: Attendance[]; damaged: number }> => {
        const result = await repos.attendance.listWhere('meetingId', meetingId);
        return { marks: result.items, damaged: result.damaged.length };
      },
    }),
  /**
   * The concerns raised in a meeting. A facilitator cannot open them (they are
   * sealed for the coordinators): then only their number is known.
   */
  concerns: (services: AppServices, meetingId: string) =>
    queryOptions({
      queryKey: [...meetingQueries.all, 'concerns', meetingId],
      queryFn: async (): Promise<{ count: number; items: Concern[] | null }> => {
        const count = await services.stores.meeting.countConcerns(meetingId);
        if (!services.vault.hasCoordinatorKey) return { count, items: null };
        try {
          const { items } = await services.repos.concerns.listWhere('meetingId', meetingId);
          return { count, items };
        } catch {
          return { count, items: null };
        }
      },
    }),
  /**
   * The anonymous safety signal from this meeting's check-out kiosk: how many
   * answered "No" to feeling safe. Re-read whenever the close section shows,
   * since the kiosk writes through another feature.
   */
  feltUnsafe: ({ repos }: AppServices, meetingId: string) =>
    queryOptions({
      queryKey: [...meetingQueries.all, 'felt-unsafe', meetingId],
      refetchOnMount: 'always',
      queryFn: async () =>
        feltUnsafeCount((await repos.feedback.listWhere('meetingId', meetingId)).items, meetingId),
    }),
  timer: ({ meta }: AppServices, meetingId: string) =>
    queryOptions({
      // Under `device`: plain, non-personal state that need not be forgotten on lock.
      queryKey: ['device', 'meeting-timer', meetingId],
      queryFn: async () => (await meta.get(`timer:${meetingId}`)) ?? null,
    }),
  concernDraftKey: (meetingId: string) => [...meetingQueries.all, 'concern-draft', meetingId],
  /** The signed-in person's own unsent concern for this meeting, if they left one. */
  concernDraft: ({ repos, vault }: AppServices, meetingId: string) =>
    queryOptions({
      queryKey: meetingQueries.concernDraftKey(meetingId),
      queryFn: async (): Promise<ConcernDraft | null> => {
        const staffId = vault.session?.staffId;
        if (!staffId) return null;
        try {
          // Its keyed id, or the readable one it had before (renamed after unlock: db/after-unlock.ts).
          const draft =
            (await repos.drafts.get(await concernDraftId(vault, staffId, meetingId))) ??
            (await repos.drafts.get(legacyConcernDraftId(staffId, meetingId)));
          return draft ? parseConcernDraft(draft.value) : null;
        } catch {
          // Sealed under a personal key this session does not hold (a recovery
          // unlock, or a passphrase a colleague reset): nothing to offer.
          return null;
        }
      },
    }),
  sharedScreen: ({ meta }: AppServices) =>
    queryOptions({
      queryKey: ['device', 'shared-screen'],
      queryFn: async () => (await meta.get(SHARED_SCREEN_KEY)) === true,
    }),
};

/** A half-typed concern, as the form keeps it. */
export interface ConcernDraft {
  type?: ConcernType;
  participantId: string;
  seenOrSaid: string;
  actionTaken: string;
  stepsDone: number[];
}

function parseConcernDraft(value: unknown): ConcernDraft | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' ? x : '');
  return {
    ...(concernTypes.includes(v.type as ConcernType) ? { type: v.type as ConcernType } : {}),
    participantId: text(v.participantId),
    seenOrSaid: text(v.seenOrSaid),
    actionTaken: text(v.actionTaken),
    stepsDone: Array.isArray(v.stepsDone)
      ? v.stepsDone.filter((n): n is number => Number.isInteger(n))
      : [],
  };
}

export function useConcernDraft(meetingId: string) {
  return useQuery(meetingQueries.concernDraft(useServices(), meetingId));
}

/** Device preference: show codes instead of chosen names (a screen others can see). */
export const SHARED_SCREEN_KEY = 'sharedScreen';

export function useMeeting(meetingId: string) {
  return useQuery(meetingQueries.detail(useServices(), meetingId));
}

export function useAttendance(meetingId: string) {
  return useQuery(meetingQueries.attendance(useServices(), meetingId));
}

export function useMeetingConcerns(meetingId: string) {
  return useQuery(meetingQueries.concerns(useServices(), meetingId));
}

export function useFeltUnsafe(meetingId: string) {
  return useQuery(meetingQueries.feltUnsafe(useServices(), meetingId));
}

export function useTimerState(meetingId: string) {
  return useQuery(meetingQueries.timer(useServices(), meetingId));
}

export function useSharedScreen(): boolean {
  return useQuery(meetingQueries.sharedScreen(useServices())).data ?? false;
}

/** How a participant is shown: the chosen name, or only the code on a shared screen. */
export function displayName(participant: Participant, sharedScreen: boolean): string {
  return sharedScreen ? participant.code : participant.chosenName;
}
