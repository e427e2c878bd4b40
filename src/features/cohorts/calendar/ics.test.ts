import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, eventUid, wallClock, type CalendarEvent } from './ics';

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

async function parse(events: CalendarEvent[]) {
  const text = await buildIcs('Lotus — Rīga', events);
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
});
