import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { moveMeeting, cancelMeeting } from '../../../domain/schedule-changes';
import { revised, type Meeting } from '../../../domain/meeting';
import { meetingEvent } from './download';
import { buildIcs, eventUid, utcStamp, wallClock, type CalendarEvent } from './ics';

function weekly(first: string, count: number): CalendarEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(`${first}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 7 * i);
    return {
      meetingId: `meeting-${i + 1}`,
      date: d.toISOString().slice(0, 10),
      startTime: '16:30',
      durationMinutes: 90,
      summary: `Lotus — Rīga · ${i + 1}. tikšanās`,
      location: 'Centrs, 2. telpa',
    };
  });
}

async function parse(events: CalendarEvent[], now?: Date) {
  const text = await buildIcs('Lotus — Rīga', events, now);
  const component = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const zone = component.getFirstSubcomponent('vtimezone');
  ICAL.TimezoneService.register(new ICAL.Timezone(zone!));
  return { text, events: component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('calendar export', () => {
  it('writes one event per meeting that parses back with the right Riga times across the clock change', async () => {
    // Mondays from 16 March to 18 May 2026: clocks go forward on Sunday 29 March.
    const { events } = await parse(weekly('2026-03-16', 10));
    expect(events).toHaveLength(10);
    const [before, after] = [events[0]!, events[3]!];
    expect(before.startDate.toString()).toBe('2026-03-16T16:30:00');
    expect(before.startDate.zone.tzid).toBe('Europe/Riga');
    // 16:30 in Riga is 14:30 UTC in winter and 13:30 UTC in summer.
    expect(before.startDate.toJSDate().toISOString()).toBe('2026-03-16T14:30:00.000Z');
    expect(after.startDate.toJSDate().toISOString()).toBe('2026-04-06T13:30:00.000Z');
    expect(after.endDate.toString()).toBe('2026-04-06T18:00:00');
  });

  it('keeps the same UID for a meeting so a second import updates rather than duplicates', async () => {
    const first = await parse(weekly('2026-11-02', 3));
    const moved = weekly('2026-11-02', 3).map((e, i) =>
      i === 1 ? { ...e, date: '2026-11-12', sequence: 1 } : e,
    );
    const second = await parse(moved);
    expect(second.events.map((e) => e.uid)).toEqual(first.events.map((e) => e.uid));
    expect(second.events[1]!.uid).toBe(eventUid('meeting-2'));
    expect(second.events[1]!.startDate.toString()).toBe('2026-11-12T16:30:00');
    expect(second.events[1]!.sequence).toBe(1);
  });

  it('marks cancelled meetings as cancelled', async () => {
    const events = weekly('2026-11-02', 2).map((e, i) => (i === 0 ? { ...e, cancelled: true } : e));
    const { text } = await parse(events);
    expect(text).toMatch(/STATUS:CANCELLED/);
    expect(text).toMatch(/STATUS:CONFIRMED/);
  });

  it('carries Latvian letters intact', async () => {
    const { events } = await parse(weekly('2026-11-02', 1));
    expect(events[0]!.summary).toBe('Lotus — Rīga · 1. tikšanās');
    expect(events[0]!.location).toBe('Centrs, 2. telpa');
  });

  it('adds minutes as wall-clock time, also past midnight', () => {
    expect(wallClock('2026-10-25', '16:30', 90)).toBe('2026-10-25T18:00:00');
    expect(wallClock('2026-12-31', '23:30', 60)).toBe('2027-01-01T00:30:00');
  });

  it('follows RFC 5545: CRLF lines of at most 75 octets, DTSTAMP in UTC with Z, one UID/DTSTAMP/SEQUENCE per event', async () => {
    // Any device zone: the stamp is the instant, written in UTC.
    const now = new Date('2026-12-02T12:26:05.123Z');
    const { text, events } = await parse(weekly('2026-12-01', 3), now);
    const lines = text.split('\r\n');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const blocks = text.split('BEGIN:VEVENT').slice(1);
    expect(blocks).toHaveLength(3);
    for (const block of blocks) {
      const body = block.slice(0, block.indexOf('END:VEVENT'));
      for (const name of ['UID', 'DTSTAMP', 'SEQUENCE', 'DTSTART', 'DTEND', 'STATUS'])
        expect(body.match(new RegExp(`^${name}[:;]`, 'gm')), name).toHaveLength(1);
      expect(body).toMatch(/^DTSTAMP:20261202T122605Z$/m);
      expect(body).toMatch(/^DTSTART;TZID=Europe\/Riga:\d{8}T\d{6}$/m);
    }
    // ical.js reads the stamp as a UTC date-time, not a floating one.
    for (const event of events) {
      const stamp = event.component.getFirstPropertyValue('dtstamp') as InstanceType<
        typeof ICAL.Time
      >;
      expect(stamp.zone).toBe(ICAL.Timezone.utcTimezone);
      expect(stamp.toJSDate().toISOString()).toBe('2026-12-02T12:26:05.000Z');
    }
    expect(utcStamp(new Date('2027-01-01T00:00:00.000Z'))).toBe('20270101T000000Z');
  });

  it('raises SEQUENCE when a meeting moves or is cancelled, and keeps it between exports', async () => {
    const cohort = { id: 'c', place: 'Centrs', room: '2. telpa' } as Parameters<
      typeof meetingEvent
    >[0];
    let meetings: Meeting[] = weekly('2026-11-02', 3).map((e, i) => ({
      id: e.meetingId,
      cohortId: 'c',
      number: i + 1,
      planId: `plan-${i + 1}`,
      date: e.date,
      startTime: e.startTime,
      durationMinutes: e.durationMinutes,
      status: 'planned' as const,
    }));
    // Saves a schedule the way the group page does: the stored meeting against the new one.
    const save = (next: { id?: string }[]) => {
      const before = new Map(meetings.map((m) => [m.id, m]));
      meetings = (next as Meeting[]).map((m) => revised(before.get(m.id), m));
    };
    const sequences = async () =>
      (await parse(meetings.map((m) => meetingEvent(cohort, m, 'Lotus')))).events.map(
        (e) => [e.uid, e.sequence] as const,
      );

    expect(await sequences()).toEqual([
      [eventUid('meeting-1'), 0],
      [eventUid('meeting-2'), 0],
      [eventUid('meeting-3'), 0],
    ]);
    const moved = moveMeeting(meetings, 2, '2026-11-12', 'only-this', []);
    if (!moved.ok) throw new Error('move failed');
    save(moved.value);
    const afterMove = await sequences();
    expect(afterMove).toEqual([
      [eventUid('meeting-1'), 0],
      [eventUid('meeting-2'), 1],
      [eventUid('meeting-3'), 0],
    ]);
    // Exporting again without a change gives the same revisions.
    expect(await sequences()).toEqual(afterMove);
    const cancelled = cancelMeeting(meetings, 2, 'Slimība', 'drop', []);
    if (!cancelled.ok) throw new Error('cancel failed');
    save(cancelled.value);
    const last = await parse(meetings.map((m) => meetingEvent(cohort, m, 'Lotus')));
    const second = last.events.find((e) => e.uid === eventUid('meeting-2'))!;
    expect(second.sequence).toBe(2);
    expect(second.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(last.events.find((e) => e.uid === eventUid('meeting-1'))!.sequence).toBe(0);
  });
});
