/**
 * The benchmark organisation's rows, for the backup bench (backup-bench.ts), the
 * sync bench page (sync-bench.ts) and the node-only size measurement of sync
 * documents (src/sync/codec-size.test.ts).
 */
import { attendanceStatuses, type Attendance, type MeetingNote } from '../../src/domain/meeting';
import type { Participant } from '../../src/domain/participant';

export interface SyncBenchSize {
  participants: number;
  attendance: number;
  notes: number;
}

export const pick = <T>(items: readonly T[], i: number): T => items[i % items.length]!;
const NAMES = ['Anna', 'Līga', 'Marta', 'Jānis', 'Kristaps', 'Olena', 'Sofija', 'Daniils'];
const SENTENCES = [
  'The group was calm and everyone took part in the check-in.',
  'Two participants arrived late; we talked about boundaries with friends.',
  'A lively discussion about trusted adults and where to find help.',
  'Quiet meeting. One person left early and the co-facilitator followed up.',
];

/** The benchmark organisation's rows, as the backup bench makes them. */
export function syncBenchData(size: SyncBenchSize, staffId: string) {
  const createdAt = new Date().toISOString();
  const participants: Participant[] = Array.from({ length: size.participants }, (_, i) => ({
    id: crypto.randomUUID(),
    code: `L25-${String(i % 1000).padStart(3, '0')}`,
    chosenName: `${pick(NAMES, i)} ${String.fromCharCode(65 + (i % 26))}.`,
    gender: pick(['girl', 'boy', 'other', 'unspecified'] as const, i),
    birthYear: 2005 + (i % 10),
    languages: i % 3 === 0 ? ['lv', 'ru'] : ['lv'],
    createdAt,
  }));
  const meetings = Array.from({ length: Math.ceil(size.attendance / 12) }, () =>
    crypto.randomUUID(),
  );
  const attendance: Attendance[] = Array.from({ length: size.attendance }, (_, i) => ({
    id: crypto.randomUUID(),
    meetingId: pick(meetings, Math.floor(i / 12)),
    participantId: pick(participants, i * 7).id,
    status: pick(attendanceStatuses, i),
  }));
  const notes: MeetingNote[] = Array.from({ length: size.notes }, (_, i) => ({
    id: crypto.randomUUID(),
    meetingId: pick(meetings, i),
    mood: 1 + (i % 5),
    tags: i % 4 === 0 ? ['conflict'] : [],
    text: `${pick(SENTENCES, i)} ${pick(SENTENCES, i + 1)}`,
    authorId: staffId,
    updatedAt: createdAt,
  }));
  return { participants, attendance, notes };
}
