import { describe, expect, it } from 'vitest';
import { validateCohortDraft, type CohortContext, type CohortDraft } from './cohort-rules';

const draft: CohortDraft = {
  name: 'Lotus — Rīga',
  programmeId: 'lotus',
  facilitatorIds: ['a', 'b'],
  startTime: '16:30',
  durationMinutes: 90,
  firstDate: '2026-11-10',
  ageMin: 14,
  ageMax: 17,
  capacity: 8,
};
const context: CohortContext = {
  enrolled: 0,
  programmeMeetings: 10,
  isRolling: false,
  isClosed: () => false,
};

describe('cohort draft rules', () => {
  it('accepts a complete draft', () => {
    expect(validateCohortDraft(draft, context)).toEqual({});
  });

  it('names each problem next to its field', () => {
    expect(
      validateCohortDraft({ ...draft, name: ' ', facilitatorIds: [], firstDate: '' }, context),
    ).toEqual({
      name: 'required',
      facilitatorIds: 'no-facilitator',
      firstDate: 'required',
    });
  });

  it('refuses a first date that is itself a closure', () => {
    const closed = { ...context, isClosed: (d: string) => d === '2026-11-18' };
    expect(validateCohortDraft({ ...draft, firstDate: '2026-11-18' }, closed).firstDate).toBe(
      'first-date-closed',
    );
  });

  it('refuses an upside-down age band and ages outside 10–30', () => {
    expect(validateCohortDraft({ ...draft, ageMin: 18, ageMax: 14 }, context).ageBand).toBe(
      'age-band-upside-down',
    );
    expect(validateCohortDraft({ ...draft, ageMin: 8 }, context).ageBand).toBe('age-out-of-range');
  });

  it('refuses capacity below one or below the number already enrolled', () => {
    expect(validateCohortDraft({ ...draft, capacity: 0 }, context).capacity).toBe(
      'capacity-below-one',
    );
    expect(
      validateCohortDraft({ ...draft, capacity: 5 }, { ...context, enrolled: 6 }).capacity,
    ).toBe('capacity-below-enrolled');
    expect(
      validateCohortDraft({ ...draft, capacity: 6 }, { ...context, enrolled: 6 }).capacity,
    ).toBeUndefined();
  });

  it('refuses a meeting that would end after midnight, or one shorter than 15 minutes', () => {
    expect(
      validateCohortDraft({ ...draft, startTime: '23:30', durationMinutes: 60 }, context)
        .durationMinutes,
    ).toBe('ends-after-midnight');
    expect(validateCohortDraft({ ...draft, durationMinutes: 10 }, context).durationMinutes).toBe(
      'too-short',
    );
    expect(validateCohortDraft({ ...draft, startTime: '24:00' }, context).startTime).toBe(
      'invalid-time',
    );
  });

  it('refuses a programme with no meetings', () => {
    expect(validateCohortDraft(draft, { ...context, programmeMeetings: 0 }).programmeId).toBe(
      'programme-empty',
    );
  });

  it('asks a rolling group for a number of weeks between 1 and 104', () => {
    const rolling = { ...context, isRolling: true };
    expect(validateCohortDraft(draft, rolling).weeks).toBe('weeks-out-of-range');
    expect(validateCohortDraft({ ...draft, weeks: 12 }, rolling).weeks).toBeUndefined();
  });
});
