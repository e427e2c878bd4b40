import { describe, expect, it } from 'vitest';
import {
  attendanceMatrix,
  completion,
  groupAttendanceRate,
  membersOf,
  withdrawals,
} from './attendance';
import { aMeeting, anEnrolment, COHORT, mark, person } from './test-data';

const members = (...ns: number[]) => ns.map((n) => ({ participantId: person(n) }));

describe('attendance matrix', () => {
  it('gives an empty cohort empty figures, not zeros or errors', () => {
    const m = attendanceMatrix({ meetings: [], members: [], attendance: [] });
    expect(m.cells).toEqual([]);
    expect(m.overallRate).toBeUndefined();
    expect(completion(m, { finished: true })).toEqual([]);
  });

  it('shows each person at each meeting with their status, and gaps as not recorded', () => {
    const m = attendanceMatrix({
      meetings: [aMeeting(2), aMeeting(1)],
      members: members(1, 2),
      attendance: [mark(1, 1, 'present'), mark(2, 1, 'late'), mark(1, 2, 'absent')],
    });
    expect(m.meetings.map((x) => x.number)).toEqual([1, 2]);
    expect(m.cells).toEqual([
      ['present', 'late'],
      ['absent', 'not-recorded'],
    ]);
    expect(m.perPerson.map((p) => p.rate)).toEqual([1, 0]);
    expect(m.perMeeting.map((p) => p.rate)).toEqual([0.5, 0.5]);
  });

  it('leaves out cancelled meetings when counting absences', () => {
    const m = attendanceMatrix({
      meetings: [aMeeting(1), aMeeting(2, { status: 'cancelled' }), aMeeting(3)],
      members: members(1),
      attendance: [mark(1, 1, 'present'), mark(3, 1, 'present')],
    });
    expect(m.cells[0]).toEqual(['present', 'not-held', 'present']);
    expect(m.perPerson[0]).toMatchObject({ attended: 2, counted: 2, absent: 0, rate: 1 });
    expect(m.cancelledCount).toBe(1);
    expect(m.heldCount).toBe(2);
  });

  it('counts an excused absence neither as attended nor against', () => {
    const m = attendanceMatrix({
      meetings: [aMeeting(1), aMeeting(2), aMeeting(3), aMeeting(4)],
      members: members(1),
      attendance: [
        mark(1, 1, 'present'),
        mark(2, 1, 'excused'),
        mark(3, 1, 'present'),
        mark(4, 1, 'absent'),
      ],
    });
    // 2 attended of 3 counted (the excused meeting drops out): 67 %, not 50 %.
    expect(m.perPerson[0]).toMatchObject({ attended: 2, excused: 1, counted: 3 });
    expect(m.perPerson[0]!.rate).toBeCloseTo(2 / 3);
    expect(m.perMeeting[1]!.counted).toBe(0);
  });

  it('treats late and left early as attended', () => {
    const m = attendanceMatrix({
      meetings: [aMeeting(1), aMeeting(2)],
      members: members(1),
      attendance: [mark(1, 1, 'late'), mark(2, 1, 'left-early')],
    });
    expect(m.perPerson[0]!.rate).toBe(1);
  });

  it('does not count planned meetings that have not happened yet', () => {
    const m = attendanceMatrix({
      meetings: [aMeeting(1), aMeeting(2, { status: 'planned' })],
      members: members(1),
      attendance: [mark(1, 1, 'present')],
    });
    expect(m.cells[0]).toEqual(['present', 'not-held']);
    expect(m.perPerson[0]!.counted).toBe(1);
  });

  it('counts extra meetings apart: shown, but outside rates and completion', () => {
    const m = attendanceMatrix({
      meetings: [aMeeting(1), aMeeting(2, { extra: true })],
      members: members(1),
      attendance: [mark(1, 1, 'present'), mark(2, 1, 'absent')],
    });
    expect(m.cells[0]).toEqual(['present', 'absent']);
    expect(m.perPerson[0]!.rate).toBe(1);
    expect(m.heldCount).toBe(1);
  });

  it('counts a person only for meetings while they were in the group', () => {
    const m = attendanceMatrix({
      meetings: [aMeeting(1), aMeeting(2), aMeeting(3)],
      members: [{ participantId: person(1), from: aMeeting(2).date }],
      attendance: [mark(2, 1, 'present')],
    });
    expect(m.cells[0]).toEqual(['not-member', 'present', 'not-recorded']);
    expect(m.perPerson[0]).toMatchObject({ attended: 1, counted: 2 });
  });
});

describe('completion', () => {
  const tenMeetings = Array.from({ length: 10 }, (_, i) => aMeeting(i + 1));
  const attendedOf = (n: number, p = 1) =>
    tenMeetings.map((m, i) => mark(m.number, p, i < n ? 'present' : 'absent'));

  it('completes at exactly 70 % of held meetings and not below', () => {
    const m = attendanceMatrix({
      meetings: tenMeetings,
      members: members(1, 2),
      attendance: [...attendedOf(7, 1), ...attendedOf(6, 2)],
    });
    expect(completion(m, { finished: true }).map((c) => c.status)).toEqual([
      'completed',
      'not-completed',
    ]);
  });

  it('takes a configurable share', () => {
    const m = attendanceMatrix({
      meetings: tenMeetings,
      members: members(1),
      attendance: attendedOf(6),
    });
    expect(completion(m, { finished: true, share: 0.6 })[0]!.status).toBe('completed');
    expect(completion(m, { finished: true, share: 0.8 })[0]!.status).toBe('not-completed');
  });

  it('lets cancelled meetings and excused absences not stand between someone and completion', () => {
    // 10 planned, 2 cancelled, 1 excused: 5 attended of 7 counted = 71 %.
    const meetings = tenMeetings.map((m, i) =>
      i >= 8 ? { ...m, status: 'cancelled' as const } : m,
    );
    const attendance = [
      ...[1, 2, 3, 4, 5].map((n) => mark(n, 1, 'present')),
      mark(6, 1, 'excused'),
      mark(7, 1, 'absent'),
      mark(8, 1, 'absent'),
    ];
    const m = attendanceMatrix({ meetings, members: members(1), attendance });
    expect(completion(m, { finished: true })[0]!.status).toBe('completed');
  });

  it('says on track or behind while the group is still running', () => {
    const m = attendanceMatrix({
      meetings: tenMeetings.slice(0, 4),
      members: members(1, 2),
      attendance: [
        ...[1, 2, 3, 4].map((n) => mark(n, 1, 'present')),
        ...[1, 2, 3, 4].map((n) => mark(n, 2, n === 1 ? 'present' : 'absent')),
      ],
    });
    expect(completion(m, { finished: false }).map((c) => c.status)).toEqual(['on-track', 'behind']);
  });

  it('marks people who withdrew as left, whatever their attendance', () => {
    const enrolments = [
      anEnrolment(1),
      anEnrolment(2, { status: 'withdrawn', endedOn: aMeeting(3).date, endReason: 'Moved away' }),
    ];
    const m = attendanceMatrix({
      meetings: tenMeetings,
      members: membersOf([person(1)], enrolments, COHORT),
      attendance: [...attendedOf(10, 1), ...attendedOf(3, 2)],
    });
    expect(completion(m, { finished: true }).map((c) => c.status)).toEqual(['completed', 'left']);
    // Meetings after they left are not theirs: 3 of 3.
    expect(m.perPerson[1]!.rate).toBe(1);
  });
});

describe('members and withdrawals', () => {
  it('includes people who left and leaves out people only waiting', () => {
    const enrolments = [
      anEnrolment(1),
      anEnrolment(2, { status: 'withdrawn', endedOn: '2026-03-10', endReason: 'Started work' }),
      anEnrolment(3, { status: 'waitlisted', enrolledOn: undefined }),
      anEnrolment(4, { cohortId: '00000000-0000-4000-8000-0000000000c2' }),
    ];
    const ids = membersOf([person(1), person(5)], enrolments, COHORT).map((m) => m.participantId);
    expect(ids.sort()).toEqual([person(1), person(2), person(5)].sort());
  });

  it('lists withdrawals and transfers with their reasons, earliest first', () => {
    const list = withdrawals(
      [
        anEnrolment(1, { status: 'transferred', endedOn: '2026-03-20', endReason: 'Other group' }),
        anEnrolment(2, { status: 'withdrawn', endedOn: '2026-03-10', endReason: 'Started work' }),
        anEnrolment(3),
      ],
      COHORT,
    );
    expect(list.map((w) => [w.status, w.reason])).toEqual([
      ['withdrawn', 'Started work'],
      ['transferred', 'Other group'],
    ]);
  });
});

describe('groupAttendanceRate: the one rate every screen shows', () => {
  it('counts excused as neither, gaps as absences, and leaves out extra meetings and time outside the group', () => {
    const rate = groupAttendanceRate({
      cohort: { id: COHORT, participantIds: [person(1), person(2)] },
      meetings: [
        aMeeting(1),
        aMeeting(2),
        aMeeting(3, { extra: true }),
        aMeeting(4, { status: 'planned' }),
      ],
      attendance: [
        mark(1, 1, 'present'),
        mark(2, 1, 'excused'),
        mark(3, 1, 'absent'),
        mark(1, 2, 'late'),
        // Person 2 has no mark at meeting 2: not recorded, counts against.
        mark(3, 2, 'present'),
      ],
      enrolments: [
        anEnrolment(1),
        anEnrolment(2),
        // Person 3 joined after the last held series meeting: nothing counts for them yet.
        anEnrolment(3, { enrolledOn: '2026-03-05' }),
      ],
    });
    // Person 1: 1 of 1 (excused drops out); person 2: 1 of 2; person 3: nothing counted → 2 / 3.
    expect(rate).toBeCloseTo(2 / 3);
  });

  it('is the group report’s overall rate, so the Groups page and reports cannot disagree', () => {
    const meetings = [aMeeting(1), aMeeting(2), aMeeting(3)];
    const attendance = [mark(1, 1, 'present'), mark(2, 1, 'excused'), mark(3, 2, 'absent')];
    const enrolments = [anEnrolment(1), anEnrolment(2)];
    const matrix = attendanceMatrix({
      meetings,
      members: membersOf([], enrolments, COHORT),
      attendance,
    });
    expect(
      groupAttendanceRate({
        cohort: { id: COHORT, participantIds: [] },
        meetings,
        attendance,
        enrolments,
      }),
    ).toBe(matrix.overallRate);
  });

  it('has no rate before any meeting counted', () => {
    expect(
      groupAttendanceRate({
        cohort: { id: COHORT, participantIds: [person(1)] },
        meetings: [aMeeting(1, { status: 'planned' })],
        attendance: [],
        enrolments: [],
      }),
    ).toBeUndefined();
  });
});
