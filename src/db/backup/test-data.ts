/** Shared seed data for the backup tests (not shipped: only test files import it). */
import { addDays } from '../../domain/calendar-date';
import type { Attendance, Meeting, MeetingNote } from '../../domain/meeting';
import { aParticipant } from '../../testing/factories';
import type { TestVault } from '../../testing/vault-fixture';

export { aParticipant };

/** A string that must never appear in a backup file's bytes. */
export const CANARY = 'Zeltīte-CANARY-7f3a';

export function aNote(authorId: string, overrides: Partial<MeetingNote> = {}): MeetingNote {
  return {
    id: crypto.randomUUID(),
    meetingId: crypto.randomUUID(),
    tags: [],
    text: 'A calm meeting.',
    authorId,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** Participants (one named with the canary), a note mentioning it, attendance, a deletion. */
export async function seedData(t: TestVault, staffId: string) {
  const canaryPerson = aParticipant({ chosenName: CANARY });
  const others = [aParticipant({ chosenName: 'Līga' }), aParticipant({ chosenName: 'Marta' })];
  await t.repos.participants.bulkPut([canaryPerson, ...others]);
  const note = aNote(staffId, { text: `Talked with ${CANARY} after the meeting.` });
  await t.repos.notes.put(note);
  const attendance: Attendance = {
    id: crypto.randomUUID(),
    meetingId: note.meetingId,
    participantId: canaryPerson.id,
    status: 'present',
  };
  await t.repos.attendance.put(attendance);
  const gone = aParticipant({ chosenName: 'Deleted person' });
  await t.repos.participants.put(gone);
  await t.repos.participants.delete(gone.id);
  return { canaryPerson, others, note, attendance, gone };
}

export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Held Lotus meetings of a group, one `daysAgo` before `today` each, numbered in that order. */
export function heldMeetings(
  cohortId: string,
  today: string,
  daysAgo: readonly number[],
): Meeting[] {
  return daysAgo.map((days, i) => ({
    id: crypto.randomUUID(),
    cohortId,
    number: i + 1,
    planId: `lotus-w0${i + 1}`,
    date: addDays(today, -days),
    startTime: '16:00',
    durationMinutes: 90,
    status: 'held',
  }));
}
