import { describe, expect, it } from 'vitest';
import type { Cohort } from '../cohort';
import type { Referral } from '../referral';
import type { Screening } from '../screening';
import { funderCsv, funderReport, tallyFeedback } from './funder';
import { ageBand, organisationOverview } from './overview';
import { aMeeting, anEnrolment, mark, person } from './test-data';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
const C3 = '00000000-0000-4000-8000-0000000000c3';

function aCohort(id: string, overrides: Partial<Cohort> = {}): Cohort {
  return {
    id,
    name: 'Group',
    programmeId: 'lotus',
    facilitatorIds: [],
    place: '',
    room: '',
    weekday: 1,
    startTime: '16:00',
    durationMinutes: 90,
    firstDate: '2026-03-02',
    composition: 'girls',
    ageBand: { min: 14, max: 17 },
    capacity: 8,
    language: 'lv',
    status: 'running',
    participantIds: [],
    ...overrides,
  };
}

const referral = (p: number, referredOn: string, dateOfBirth?: string): Referral => ({
  id: crypto.randomUUID(),
  participantId: person(p),
  legalName: 'Secret Name',
  ...(dateOfBirth ? { dateOfBirth } : { ageAtReferral: 16 }),
  referrer: { role: 'social-worker', organisation: '', contact: '' },
  reason: 'x',
  consent: { youngPerson: true, guardian: true },
  referredOn,
  createdAt: `${referredOn}T10:00:00.000Z`,
});

const screening = (p: number, completedOn: string, outcome: Screening['outcome']) =>
  ({
    id: crypto.randomUUID(),
    participantId: person(p),
    outcome,
    completedOn,
    createdAt: `${completedOn}T10:00:00.000Z`,
  }) as Screening;

function organisation() {
  // C1 finished in March (3 meetings); C2 running (2 held); C3 only in 2025.
  const m1 = [1, 2, 3].map((n) => aMeeting(n, { cohortId: C1 }));
  const m2 = [4, 5].map((n) => aMeeting(n, { cohortId: C2, date: `2026-04-0${n}` }));
  const m3 = [aMeeting(6, { cohortId: C3, date: '2025-05-01' })];
  return {
    from: '2026-01-01',
    to: '2026-06-30',
    cohorts: [
      aCohort(C1, { status: 'finished', participantIds: [person(1), person(2), person(3)] }),
      aCohort(C2, { participantIds: [person(4), person(1)] }),
      aCohort(C3, { status: 'finished', participantIds: [person(9)] }),
    ],
    meetings: [...m1, ...m2, ...m3],
    attendance: [
      ...[1, 2, 3].map((m) => mark(m, 1, 'present')),
      ...[1, 2, 3].map((m) => mark(m, 2, m === 1 ? 'present' : 'absent')),
      mark(4, 4, 'present'),
      mark(5, 4, 'present'),
    ],
    enrolments: [anEnrolment(3, { cohortId: C1, status: 'withdrawn', endedOn: '2026-03-03' })],
    referrals: [
      referral(1, '2026-02-01', '2010-01-15'),
      referral(5, '2026-02-10'),
      referral(9, '2025-01-01'),
    ],
    screenings: [
      screening(1, '2026-02-05', 'group'),
      screening(5, '2026-02-12', 'review'),
      screening(5, '2026-03-12', 'individual-support'),
      screening(9, '2025-01-05', 'group'),
    ],
    participants: [{ id: person(4), birthYear: 2004 }],
  };
}

describe('organisation overview', () => {
  it('counts cohorts running and finished in the period, and leaves out others', () => {
    const o = organisationOverview(organisation());
    expect([o.cohortsRunning, o.cohortsFinished]).toEqual([1, 1]);
    expect(o.cohorts.map((c) => c.cohortId).sort()).toEqual([C1, C2]);
  });

  it('counts people referred, screened by latest outcome, and on individual support', () => {
    const o = organisationOverview(organisation());
    expect(o.referred).toBe(2);
    expect(o.screened).toBe(2);
    expect(o.screenedByOutcome).toEqual({
      group: 1,
      'individual-support': 1,
      review: 0,
      'not-now': 0,
    });
    expect(o.individualSupport).toBe(1);
  });

  it('counts each person in groups once, by their latest group', () => {
    const o = organisationOverview(organisation());
    // 1 (finished C1, then running C2), 2 (not completed), 3 (withdrew), 4 (running).
    expect(o.inGroups).toBe(4);
    expect(o.byGroupOutcome).toEqual({
      completed: 0,
      'not-completed': 1,
      withdrawn: 1,
      'in-progress': 2,
    });
    expect(Object.values(o.byAgeBand).reduce((a, b) => a + b, 0)).toBe(4);
    expect(o.byAgeBand['16-17']).toBe(1); // born 2010, at the end of June 2026
    expect(o.byAgeBand['21-25']).toBe(1); // birth year 2004
  });

  it('gives an empty period zeros and no rate', () => {
    const o = organisationOverview({ ...organisation(), from: '2030-01-01', to: '2030-12-31' });
    expect(o).toMatchObject({
      cohortsRunning: 0,
      inGroups: 0,
      referred: 0,
      attendanceRate: undefined,
    });
  });

  it('puts ages in bands', () => {
    expect([13, 14, 17, 18, 25, 26, undefined].map(ageBand)).toEqual([
      'under-14',
      '14-15',
      '16-17',
      '18-20',
      '21-25',
      '26-plus',
      'unknown',
    ]);
  });
});

describe('funder report', () => {
  const label = (key: string) => `Līmenis ${key}`;
  const build = () =>
    funderReport({
      organisation: 'Biedrība «Ābele»',
      overview: organisationOverview(organisation()),
      feedback: tallyFeedback([]),
      label,
      period: '01.01.2026.–30.06.2026.',
    });

  it('writes UTF-8 CSV with a BOM, ";" separators and Latvian letters intact', () => {
    const csv = funderCsv(build(), { section: 'Sadaļa', item: 'Rādītājs', value: 'Vērtība' });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('"Biedrība «Ābele»"');
    expect(csv.split('\r\n')[3]).toBe('"Sadaļa";"Rādītājs";"Vērtība"');
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('never shows a count of 1 or 2 people', () => {
    const report = build();
    const people = report.sections.slice(1).flatMap((s) => s.rows.map((r) => r.value));
    expect(people.length).toBeGreaterThan(10);
    for (const v of people) expect(v).not.toMatch(/^[12]$/);
  });
});
