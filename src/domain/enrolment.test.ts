import { describe, expect, it } from 'vitest';
import { aCohort } from '../testing/factories';
import {
  checkEnrolment,
  decideEnrolment,
  planConfirmOffer,
  planEnrol,
  planLeave,
  waitlistOf,
  type Enrolment,
} from './enrolment';
import { emptyNeeds, type Screening } from './screening';

const today = '2026-11-23';

function aGroupScreening(participantId: string, overrides: Partial<Screening> = {}): Screening {
  return {
    id: crypto.randomUUID(),
    participantId,
    template: { id: 'aplis-safety', version: 1, language: 'en' },
    questions: [],
    answers: {},
    conversations: [],
    needs: emptyNeeds(),
    groupFit: { language: 'lv', composition: 'any', accessNeeds: '', times: '' },
    proposedOutcome: 'group',
    outcome: 'group',
    rationale: 'Fine.',
    completedOn: '2026-11-01',
    completedBy: crypto.randomUUID(),
    createdAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

function anEnrolment(cohortId: string, overrides: Partial<Enrolment> = {}): Enrolment {
  return {
    id: crypto.randomUUID(),
    participantId: crypto.randomUUID(),
    cohortId,
    status: 'enrolled',
    enrolledOn: '2026-11-02',
    createdAt: '2026-11-02T10:00:00.000Z',
    ...overrides,
  };
}

const girl = { id: crypto.randomUUID(), gender: 'girl' as const };

function check(overrides: Partial<Parameters<typeof checkEnrolment>[0]> = {}) {
  const cohort = aCohort('Lotus', {
    capacity: 2,
    ageBand: { min: 14, max: 17 },
    composition: 'girls',
  });
  return checkEnrolment({
    cohort,
    participant: girl,
    age: 15,
    screenings: [aGroupScreening(girl.id)],
    enrolments: [],
    today,
    ...overrides,
  });
}

describe('checking an enrolment', () => {
  it('lets a cleared person who fits the group in', () => {
    const result = check();
    expect(result).toMatchObject({ blocker: undefined, mismatches: [], full: false });
    expect(decideEnrolment(result, '')).toEqual({ ok: true, status: 'enrolled' });
  });

  it('refuses enrolment without a current group screening, even with a reason', () => {
    for (const [screenings, blocker] of [
      [[], 'not-screened'],
      [[aGroupScreening(girl.id, { completedOn: '2026-05-01' })], 'screening-expired'],
      [[aGroupScreening(girl.id, { outcome: 'individual-support' })], 'screening-not-group'],
    ] as const) {
      const result = check({ screenings });
      expect(result.blocker).toBe(blocker);
      expect(decideEnrolment(result, 'We know her well')).toEqual({ ok: false, reason: blocker });
    }
  });

  it('uses the configured validity period', () => {
    const screenings = [aGroupScreening(girl.id, { completedOn: '2026-10-01' })];
    expect(check({ screenings, validityDays: 30 }).blocker).toBe('screening-expired');
    expect(check({ screenings, validityDays: 90 }).blocker).toBeUndefined();
  });

  it('explains an age or composition mismatch, which a written reason can override', () => {
    const result = check({ age: 19, participant: { id: girl.id, gender: 'boy' } });
    expect(result.mismatches).toEqual([
      { kind: 'age', age: 19, min: 14, max: 17 },
      { kind: 'composition', composition: 'girls', gender: 'boy' },
    ]);
    expect(decideEnrolment(result, '  ')).toEqual({ ok: false, reason: 'override-reason-needed' });
    expect(decideEnrolment(result, 'Agreed with the facilitators')).toEqual({
      ok: true,
      status: 'enrolled',
    });
  });

  it("flags a group that is not the young person's preferred composition", () => {
    const screenings = [
      aGroupScreening(girl.id, {
        groupFit: { language: 'lv', composition: 'mixed', accessNeeds: '', times: '' },
      }),
    ];
    expect(check({ screenings }).mismatches).toEqual([
      { kind: 'preference', composition: 'girls', preferred: 'mixed' },
    ]);
  });

  it('flags a group working in another language than the one the screening asked for', () => {
    const cohort = aCohort('Lotus', { composition: 'girls', language: 'en', capacity: 5 });
    expect(check({ cohort }).mismatches).toEqual([
      { kind: 'language', language: 'en', preferred: 'lv' },
    ]);
  });

  it('sends a person to the waitlist when enrolled and offered places fill the capacity', () => {
    const cohortId = aCohort('x').id;
    const cohort = aCohort('Lotus', { id: cohortId, capacity: 2, composition: 'girls' });
    const enrolments = [
      anEnrolment(cohortId),
      anEnrolment(cohortId, { status: 'offered' }),
      anEnrolment(cohortId, { status: 'withdrawn' }),
    ];
    const result = check({ cohort, enrolments });
    expect(result.full).toBe(true);
    expect(decideEnrolment(result, '')).toEqual({ ok: true, status: 'waitlisted' });
  });

  it('will not add someone twice to the same group', () => {
    const cohort = aCohort('Lotus', { capacity: 5, composition: 'girls' });
    const enrolments = [anEnrolment(cohort.id, { participantId: girl.id, status: 'waitlisted' })];
    expect(check({ cohort, enrolments }).blocker).toBe('already-active');
  });
});

describe('the waitlist', () => {
  const cohort = aCohort('Lotus', { capacity: 1, participantIds: [] });

  it('keeps people in the order they joined it', () => {
    let enrolments: Enrolment[] = [];
    const ids = ['a', 'b', 'c'].map(() => crypto.randomUUID());
    for (const participantId of ids) {
      const change = planEnrol({ cohort, participantId, status: 'waitlisted', enrolments, today });
      enrolments = [...enrolments, ...change.enrolments];
    }
    expect(waitlistOf(enrolments, cohort.id).map((e) => e.participantId)).toEqual(ids);
    expect(waitlistOf(enrolments, cohort.id).map((e) => e.waitlistOrder)).toEqual([1, 2, 3]);
  });

  it('enrolling adds to the roster; withdrawing removes and offers the place to the first waiting', () => {
    const first = planEnrol({
      cohort,
      participantId: girl.id,
      status: 'enrolled',
      enrolments: [],
      today,
    });
    expect(first.cohort.participantIds).toEqual([girl.id]);
    const waiting = [1, 2].map(
      (order) =>
        planEnrol({
          cohort: first.cohort,
          participantId: crypto.randomUUID(),
          status: 'waitlisted',
          enrolments: order === 1 ? first.enrolments : [],
          today,
        }).enrolments[0]!,
    );
    waiting[1]!.waitlistOrder = 5;
    const all = [...first.enrolments, waiting[1]!, waiting[0]!];
    const leave = planLeave({
      enrolment: first.enrolments[0]!,
      cohort: first.cohort,
      enrolments: all,
      today,
      reason: 'Moved to another town',
    });
    expect(leave.cohort.participantIds).toEqual([]);
    expect(leave.enrolments[0]).toMatchObject({ status: 'withdrawn', endedOn: today });
    expect(leave.offered?.id).toBe(waiting[0]!.id);
    expect(leave.offered?.status).toBe('offered');

    const confirmed = planConfirmOffer({ enrolment: leave.offered!, cohort: leave.cohort, today });
    expect(confirmed.cohort.participantIds).toEqual([waiting[0]!.participantId]);
    expect(confirmed.enrolments[0]!.status).toBe('enrolled');
  });

  it('a transfer ends the old place as "transferred", naming the new group, and frees it', () => {
    const from = aCohort('Lotus', { capacity: 1, participantIds: [girl.id] });
    const to = aCohort('Lotus 2');
    const enrolled = anEnrolment(from.id, { participantId: girl.id });
    const waiting = anEnrolment(from.id, { status: 'waitlisted', waitlistOrder: 1 });
    const leave = planLeave({
      enrolment: enrolled,
      cohort: from,
      enrolments: [enrolled, waiting],
      today,
      reason: 'Closer to home',
      status: 'transferred',
      transferredTo: to.id,
    });
    expect(leave.enrolments[0]).toMatchObject({
      status: 'transferred',
      transferredTo: to.id,
      endReason: 'Closer to home',
    });
    expect(leave.cohort.participantIds).toEqual([]);
    expect(leave.offered?.id).toBe(waiting.id);
    expect(() =>
      planLeave({
        enrolment: leave.enrolments[0]!,
        cohort: from,
        enrolments: [],
        today,
        reason: 'x',
      }),
    ).toThrow();
  });

  it('counts the current roster as taken places, also without enrolment rows', () => {
    const cohort = aCohort('Lotus', {
      capacity: 2,
      participantIds: [crypto.randomUUID(), crypto.randomUUID()],
    });
    expect(check({ cohort: { ...cohort, composition: 'girls' } }).full).toBe(true);
  });

  it('offers nothing when leaving does not free a place', () => {
    const full = aCohort('Lotus', { capacity: 1 });
    const enrolled = anEnrolment(full.id);
    const waiting = anEnrolment(full.id, { status: 'waitlisted', waitlistOrder: 1 });
    const other = anEnrolment(full.id, { status: 'waitlisted', waitlistOrder: 2 });
    const leave = planLeave({
      enrolment: other,
      cohort: full,
      enrolments: [enrolled, waiting, other],
      today,
      reason: 'No longer interested',
    });
    expect(leave.offered).toBeUndefined();
    expect(leave.enrolments).toHaveLength(1);
  });
});
