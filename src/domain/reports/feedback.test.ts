import { describe, expect, it } from 'vitest';
import { crbaTally, emptyCrba, validateCrba } from './crba';
import {
  checkoutFeedbackSchema,
  isEmptyFeedback,
  summariseCheckouts,
  summariseFinal,
  type Feedback,
} from './feedback';
import { COHORT, meetingId, person } from './test-data';

const checkout = (overrides: Partial<Extract<Feedback, { kind: 'checkout' }>> = {}): Feedback => ({
  id: crypto.randomUUID(),
  kind: 'checkout',
  meetingId: meetingId(1),
  cohortId: COHORT,
  date: '2026-03-02',
  ...overrides,
});

describe('youth feedback', () => {
  it('has no place for a participant: an id sent along is not kept', () => {
    const parsed = checkoutFeedbackSchema.parse({ ...checkout(), participantId: person(1) });
    expect(parsed).not.toHaveProperty('participantId');
    expect(Object.keys(checkoutFeedbackSchema.shape)).not.toContain('participantId');
  });

  it('treats a form with nothing answered as empty (not stored)', () => {
    expect(isEmptyFeedback(checkout())).toBe(true);
    expect(isEmptyFeedback(checkout({ comment: '   ' }))).toBe(true);
    expect(isEmptyFeedback(checkout({ feeling: 1 }))).toBe(false);
  });

  it('summarises check-outs per meeting', () => {
    const [first, second] = summariseCheckouts(
      [meetingId(1), meetingId(2)],
      [
        checkout({ safe: 'yes', feeling: 4, comment: 'Good talk' }),
        checkout({ safe: 'partly', useful: 'yes', feeling: 5 }),
        checkout({ meetingId: meetingId(3), safe: 'no' }),
      ],
    );
    expect(first).toMatchObject({
      answers: 2,
      safe: { yes: 1, partly: 1, no: 0 },
      useful: { yes: 1, partly: 0, no: 0 },
      feelingAverage: 4.5,
      comments: ['Good talk'],
    });
    expect(second).toMatchObject({ answers: 0, feelingAverage: undefined });
  });

  it('summarises the end-of-programme forms', () => {
    const final = (o: Partial<Extract<Feedback, { kind: 'final' }>>): Feedback => ({
      id: crypto.randomUUID(),
      kind: 'final',
      meetingId: meetingId(10),
      cohortId: COHORT,
      date: '2026-05-01',
      ...o,
    });
    const s = summariseFinal([
      final({ recommend: 'yes', helped: 'The group' }),
      final({ change: 'Longer' }),
    ]);
    expect(s).toEqual({
      answers: 2,
      recommend: { yes: 1, maybe: 0, no: 0 },
      helped: ['The group'],
      change: ['Longer'],
    });
  });
});

describe('child-rights self-assessment', () => {
  it('starts with all ten points unrated and counts ratings', () => {
    const a = emptyCrba(COHORT, person(9));
    expect(crbaTally(a)).toEqual({ met: 0, partly: 0, 'not-yet': 0, unrated: 10 });
    a.points.participation = { rating: 'met', evidence: 'Youth council' };
    a.points.gender = { rating: 'partly', evidence: '' };
    expect(crbaTally(a)).toMatchObject({ met: 1, partly: 1, unrated: 8 });
  });

  it('flags evidence that is too long next to its point', () => {
    const a = emptyCrba(COHORT, person(9));
    a.points.gender = { rating: 'met', evidence: 'x'.repeat(2001) };
    expect(validateCrba(a)).toEqual({ gender: 'too-long' });
  });
});
