/**
 * Turning meetings into calendar events and handing the file to the browser.
 * Events carry the group, meeting number, place and topic — never anything
 * about a participant.
 */
import type { Cohort } from '../../../domain/cohort';
import type { Meeting } from '../../../domain/meeting';
import { downloadFile } from '../../../ui/download';
import { buildIcs, type CalendarEvent } from './ics';

export function meetingEvent(
  cohort: Cohort,
  meeting: Meeting,
  summary: string,
  topic?: string,
): CalendarEvent {
  return {
    meetingId: meeting.id,
    date: meeting.date,
    startTime: meeting.startTime,
    durationMinutes: meeting.durationMinutes,
    summary,
    location: [cohort.place, cohort.room].filter(Boolean).join(', '),
    ...(topic ? { description: topic } : {}),
    cancelled: meeting.status === 'cancelled',
    sequence: meeting.sequence ?? 0,
  };
}

/** Saves an .ics file. Keep `fileName` free of people's names (see domain/file-names.ts). */
export async function downloadCalendar(
  fileName: string,
  calendarName: string,
  events: CalendarEvent[],
): Promise<void> {
  downloadFile(await buildIcs(calendarName, events), 'text/calendar;charset=utf-8', fileName);
}
