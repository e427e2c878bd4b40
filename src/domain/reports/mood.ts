/**
 * The group's mood and engagement over the meetings, from the facilitators'
 * notes (1–5 each). Several notes on one meeting are averaged; a meeting with
 * no rating has a gap, not a zero.
 */
import type { Meeting, MeetingNote } from '../meeting';

export interface MoodPoint {
  meetingId: string;
  number: number;
  date: string;
  mood: number | undefined;
  engagement: number | undefined;
}

const average = (values: number[]) =>
  values.length
    ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10
    : undefined;

/** One point per meeting that was not cancelled, in schedule order. */
export function moodSeries(
  meetings: readonly Meeting[],
  notes: readonly Pick<MeetingNote, 'meetingId' | 'mood' | 'engagement'>[],
): MoodPoint[] {
  const byMeeting = new Map<string, { mood: number[]; engagement: number[] }>();
  for (const note of notes) {
    const entry = byMeeting.get(note.meetingId) ?? { mood: [], engagement: [] };
    if (note.mood !== undefined) entry.mood.push(note.mood);
    if (note.engagement !== undefined) entry.engagement.push(note.engagement);
    byMeeting.set(note.meetingId, entry);
  }
  return [...meetings]
    .filter((m) => m.status !== 'cancelled')
    .sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number)
    .filter((m) => m.status === 'held' || byMeeting.has(m.id))
    .map((m) => {
      const entry = byMeeting.get(m.id);
      return {
        meetingId: m.id,
        number: m.number,
        date: m.date,
        mood: average(entry?.mood ?? []),
        engagement: average(entry?.engagement ?? []),
      };
    });
}
