/**
 * iCalendar export of meetings (RFC 5545), with ical-generator.
 *
 * - Times are wall-clock times in Europe/Riga (`DTSTART;TZID=Europe/Riga:…`)
 *   with the zone's rules included, so a calendar in any zone shows them right
 *   on both sides of the March and October clock changes.
 * - Each meeting's UID is derived from its id, so importing the file again
 *   updates the events instead of adding copies; cancelled meetings are sent
 *   as STATUS:CANCELLED so they disappear from calendars that had them.
 * - SEQUENCE is the meeting's stored calendar revision (domain/meeting.ts,
 *   `revised`): it rises with each move, cancellation or change of plan and
 *   stays the same between exports, so a re-import replaces older copies.
 * - DTSTAMP is the export instant in UTC (`…Z`), as RFC 5545 §3.8.7.2 requires.
 *   ical-generator writes it in the calendar's zone without `Z` once the
 *   calendar has a zone (which it needs for the VTIMEZONE), so it is written
 *   here instead.
 * - Events carry the group, meeting number, topic and place — never anything
 *   about a participant.
 *
 * The library loads only when someone exports.
 */
import type { IsoDate } from '../../../domain/calendar-date';

export const TIME_ZONE = 'Europe/Riga';

// Europe/Riga since 2001: EET (UTC+2), EEST (UTC+3) from the last Sunday of
// March 03:00 to the last Sunday of October 04:00 local time.
const VTIMEZONE_RIGA = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Riga',
  'X-LIC-LOCATION:Europe/Riga',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0300',
  'TZNAME:EEST',
  'DTSTART:19700329T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0200',
  'TZNAME:EET',
  'DTSTART:19701025T040000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export interface CalendarEvent {
  /** The meeting's id: the event UID is built from it and never changes. */
  meetingId: string;
  date: IsoDate;
  /** HH:mm, Riga wall-clock time. */
  startTime: string;
  durationMinutes: number;
  summary: string;
  location?: string;
  description?: string;
  cancelled?: boolean;
  /** Increases with each change, so calendars take the newer version. */
  sequence?: number;
}

/** `YYYY-MM-DDTHH:mm:00` wall-clock time `minutes` after `date startTime` (no zone: Riga is applied by TZID). */
export function wallClock(date: IsoDate, startTime: string, minutes = 0): string {
  const [h, m] = startTime.split(':').map(Number) as [number, number];
  // UTC here is only a carrier for wall-clock arithmetic: no zone is involved.
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCMinutes(h * 60 + m + minutes);
  return t.toISOString().slice(0, 19);
}

export function eventUid(meetingId: string): string {
  return `${meetingId}@aplis.app`;
}

/** `YYYYMMDDTHHmmssZ`: an instant as an iCalendar UTC date-time. */
export function utcStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export async function buildIcs(
  calendarName: string,
  events: readonly CalendarEvent[],
  now: Date = new Date(),
): Promise<string> {
  const { default: ical, ICalEventStatus } = await import('ical-generator');
  const calendar = ical({
    name: calendarName,
    prodId: { company: 'Aplis', product: 'Aplis', language: 'LV' },
  });
  calendar.timezone({ name: TIME_ZONE, generator: () => VTIMEZONE_RIGA });
  for (const event of events) {
    calendar.createEvent({
      id: eventUid(event.meetingId),
      sequence: event.sequence ?? 0,
      start: wallClock(event.date, event.startTime),
      end: wallClock(event.date, event.startTime, event.durationMinutes),
      timezone: TIME_ZONE,
      summary: event.summary,
      ...(event.location ? { location: event.location } : {}),
      ...(event.description ? { description: event.description } : {}),
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // DTSTAMP is a short one-line property, so a plain replacement is safe; and
  // every content line ends with CRLF, the last one too (RFC 5545 §3.1).
  const text = calendar.toString().replace(/^DTSTAMP:.*$/gm, `DTSTAMP:${utcStamp(now)}`);
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
