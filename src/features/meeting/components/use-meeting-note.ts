import { useState } from 'react';
import { useVaultSession } from '../../../services/services';
import { todayInRiga } from '../../../domain/calendar-date';
import type { Meeting, MeetingNote } from '../../../domain/meeting';
import { noteAccess } from '../../../domain/note-lock';
import type { StaffRole } from '../../../domain/staff';
import { useAutosave } from '../../../ui/use-autosave';
import { useSaveNoteAuditedMutation, useSaveNoteMutation } from '../api/mutations';

/**
 * The meeting's group-dynamics notes as the facilitator edits them. While the
 * notes are open (7 days after the meeting) every change is saved as it is
 * typed, sealed, so a lock or reload loses nothing. After that only a
 * coordinator may change them, with an explicit save that is audited.
 */
export function useMeetingNote(meeting: Meeting, stored: MeetingNote | null, role: StaffRole) {
  const session = useVaultSession();
  const [note, setNote] = useState<MeetingNote>(
    () =>
      stored ?? {
        id: crypto.randomUUID(),
        meetingId: meeting.id,
        tags: [],
        text: '',
        authorId: session?.staffId ?? crypto.randomUUID(),
        updatedAt: new Date().toISOString(),
      },
  );
  const save = useSaveNoteMutation(meeting.id);
  const audited = useSaveNoteAuditedMutation(meeting.id);
  const autosave = useAutosave<MeetingNote>((value) => save.mutateAsync(value));
  const access = noteAccess(meeting.date, todayInRiga(), role);
  const [editingLocked, setEditingLocked] = useState(false);
  const editable = access === 'open' || (access === 'coordinator-audited' && editingLocked);

  function update(changes: Partial<MeetingNote>) {
    if (!editable) return;
    const next = { ...note, ...changes, updatedAt: new Date().toISOString() };
    setNote(next);
    if (access === 'open') autosave.schedule(next);
  }

  return {
    note,
    update,
    access,
    editable,
    status: autosave.status,
    retry: autosave.retry,
    /** Coordinator, past the 7 days: start an audited change. */
    startLockedEdit: () => setEditingLocked(true),
    saveLockedEdit: async () => {
      await audited.mutateAsync(note);
      setEditingLocked(false);
    },
    lockedSaveFailed: audited.isError,
    editingLocked,
  };
}

export type MeetingNoteEditor = ReturnType<typeof useMeetingNote>;
