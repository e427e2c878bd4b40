import { describe, expect, it } from 'vitest';
import { findClashes, type ClashCheck, type OtherMeeting } from './clashes';
import type { Closure } from './closures';
import type { ScheduledMeeting } from './schedule';

const anna = 'staff-anna';
const juris = 'staff-juris';

function meeting(overrides: Partial<ScheduledMeeting> = {}): ScheduledMeeting {
  return {
    number: 1,
    planId: 'lotus-w01',
    date: '2026-11-25',
    startTime: '16:00',
    durationMinutes: 90,
    status: 'planned',
    ...overrides,
  };
}

function other(overrides: Partial<OtherMeeting> = {}): OtherMeeting {
  return {
    cohortId: 'cohort-ozoli',
    cohortName: 'Ozoli',
    date: '2026-11-25',
    startTime: '16:30',
    durationMinutes: 90,
    facilitatorIds: [juris],
    place: 'Jauniešu centrs, Rīga',
    room: 'Zaļā telpa',
    ...overrides,
  };
}

function check(overrides: Partial<ClashCheck> = {}): ClashCheck {
  return {
    cohort: {
      cohortId: 'cohort-liepas',
      facilitatorIds: [anna],
      place: 'Jauniešu centrs, Rīga',
      room: 'Zilā telpa',
    },
    meetings: [meeting()],
    others: [],
    closures: [],
    awayPeriods: [],
    ...overrides,
  };
}

describe('finding clashes', () => {
  it('names the other cohort and its date when the same facilitator is booked twice', () => {
    const warnings = findClashes(check({ others: [other({ facilitatorIds: [anna, juris] })] }));
    expect(warnings).toEqual([
      {
        kind: 'facilitator',
        meetingNumber: 1,
        date: '2026-11-25',
        otherCohortId: 'cohort-ozoli',
        otherCohortName: 'Ozoli',
        otherDate: '2026-11-25',
        otherStartTime: '16:30',
        facilitatorId: anna,
      },
    ]);
  });

  it('does not flag back-to-back meetings, 16:00–17:30 then 17:30–19:00', () => {
    const after = other({ facilitatorIds: [anna], startTime: '17:30', durationMinutes: 90 });
    const before = other({ facilitatorIds: [anna], startTime: '14:30', durationMinutes: 90 });
    expect(findClashes(check({ others: [after, before] }))).toEqual([]);
  });

  it('flags a one-minute overlap', () => {
    const late = other({ facilitatorIds: [anna], startTime: '17:29' });
    expect(findClashes(check({ others: [late] }))).toHaveLength(1);
  });

  it('flags a meeting that lies wholly inside another', () => {
    const inside = other({ facilitatorIds: [anna], startTime: '16:15', durationMinutes: 30 });
    expect(findClashes(check({ others: [inside] })).map((w) => w.kind)).toEqual(['facilitator']);
  });

  it('ignores the same time on another day', () => {
    const nextWeek = other({ facilitatorIds: [anna], date: '2026-12-02' });
    expect(findClashes(check({ others: [nextWeek] }))).toEqual([]);
  });

  it('flags the same room in the same place, whatever the case or spacing', () => {
    const sameRoom = other({ room: '  zilā   TELPA', place: 'jauniešu centrs,rīga' });
    expect(findClashes(check({ others: [sameRoom] }))).toMatchObject([
      { kind: 'room', otherCohortName: 'Ozoli', otherDate: '2026-11-25' },
    ]);
  });

  it('does not flag a room of the same name in another place', () => {
    const elsewhere = other({ room: 'Zilā telpa', place: 'Skola, Jelgava' });
    expect(findClashes(check({ others: [elsewhere] }))).toEqual([]);
  });

  it('does not flag rooms nobody has named yet', () => {
    const unnamed = other({ room: '' });
    const result = findClashes(
      check({
        cohort: { facilitatorIds: [anna], place: 'Jauniešu centrs, Rīga', room: '' },
        others: [unnamed],
      }),
    );
    expect(result).toEqual([]);
  });

  it('gives one warning for each kind of clash with the same meeting', () => {
    const both = other({ facilitatorIds: [anna], room: 'Zilā telpa' });
    expect(findClashes(check({ others: [both] })).map((w) => w.kind)).toEqual([
      'facilitator',
      'room',
    ]);
  });

  it('skips cancelled meetings on either side, and the cohort’s own meetings', () => {
    const clashing = other({ facilitatorIds: [anna] });
    expect(findClashes(check({ others: [{ ...clashing, status: 'cancelled' }] }))).toEqual([]);
    expect(
      findClashes(check({ others: [clashing], meetings: [meeting({ status: 'cancelled' })] })),
    ).toEqual([]);
    expect(findClashes(check({ others: [{ ...clashing, cohortId: 'cohort-liepas' }] }))).toEqual(
      [],
    );
  });

  it('warns about a meeting on a closed day, naming the closure', () => {
    const proclamation: Closure = {
      id: 'lv-2026-11-18',
      from: '2026-11-18',
      to: '2026-11-18',
      label: 'Latvijas Republikas proklamēšanas diena',
      kind: 'public-holiday',
    };
    const warnings = findClashes(
      check({ meetings: [meeting({ date: '2026-11-18' })], closures: [proclamation] }),
    );
    expect(warnings).toEqual([
      { kind: 'closure', meetingNumber: 1, date: '2026-11-18', closure: proclamation },
    ]);
  });

  it('warns when a facilitator of the cohort is away that day, and only then', () => {
    const leave = { staffId: anna, from: '2026-11-23', to: '2026-11-29' };
    const someoneElse = { staffId: 'staff-other', from: '2026-11-23', to: '2026-11-29' };
    const warnings = findClashes(
      check({
        meetings: [meeting(), meeting({ number: 2, date: '2026-12-02' })],
        awayPeriods: [leave, someoneElse],
      }),
    );
    expect(warnings).toEqual([
      { kind: 'away', meetingNumber: 1, date: '2026-11-25', facilitatorId: anna, away: leave },
    ]);
  });

  it('counts the first and last day of an absence', () => {
    const oneDay = { staffId: anna, from: '2026-11-25', to: '2026-11-25' };
    expect(findClashes(check({ awayPeriods: [oneDay] }))).toHaveLength(1);
  });

  it('checks a year of meetings against 4,000 others quickly', () => {
    const meetings = Array.from({ length: 52 }, (_, i) =>
      meeting({ number: i + 1, date: `2027-${String((i % 12) + 1).padStart(2, '0')}-10` }),
    );
    const others = Array.from({ length: 4000 }, (_, i) =>
      other({
        cohortId: `cohort-${i % 80}`,
        cohortName: `Grupa ${i % 80}`,
        date: `2027-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        facilitatorIds: [`staff-${i % 40}`],
        room: `Telpa ${i % 10}`,
      }),
    );
    const start = performance.now();
    const warnings = findClashes(check({ meetings, others }));
    const elapsed = performance.now() - start;
    expect(warnings).toEqual([]);
    expect(elapsed, `${elapsed.toFixed(1)} ms`).toBeLessThan(100);
  });
});
