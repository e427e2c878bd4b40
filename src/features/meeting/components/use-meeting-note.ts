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
  // A newer version written on another device arrives through sync (the
  // query is read again): shown at once if this person has not changed the
  // notes here; if they have, what they wrote stays and `theirs` holds the
  // colleague's, so that neither is lost and the person decides.
  const [touched, setTouched] = useState(false);
  const [theirs, setTheirs] = useState<MeetingNote>();
  const [seen, setSeen] = useState(stored);
  if (stored !== seen) {
    setSeen(stored);
    // Untouched here, anything stored is someone else's; changed here, one of
    // this person's own saves coming back is the same note, not newer.
    const other = stored && (stored.id !== note.id || stored.updatedAt !== note.updatedAt);
    if (other && !touched) setNote(stored);
    else if (other && (stored.id !== note.id || stored.updatedAt > note.updatedAt))
      setTheirs(stored);
  }

  function update(changes: Partial<MeetingNote>) {
    if (!editable) return;
    const next = { ...note, ...changes, updatedAt: new Date().toISOString() };
    setNote(next);
    setTouched(true);
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
    /** A colleague's newer notes that arrived while this person was changing theirs. */
    theirs,
    /** Show the colleague's notes instead of what was typed here. */
    takeTheirs: () => {
      if (theirs) setNote(theirs);
      setTheirs(undefined);
      setTouched(false);
    },
    /** Keep what was typed here: saved now, as the newest version. */
    keepMine: () => {
      setTheirs(undefined);
      update({});
    },
  };
}

export type MeetingNoteEditor = ReturnType<typeof useMeetingNote>;
