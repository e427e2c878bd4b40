import { legacyMeasureRecordId } from '../../crypto/record-ids';
import { describe, expect, it } from 'vitest';
import { isCoordinatorRecord } from '../../crypto/key-classes';
import {
  groupChange,
  measureResponseSchema,
  pairedChanges,
  rsesScore,
  type MeasureResponse,
} from './measure';
import { COHORT, person } from './test-data';

const response = (p: number, phase: 'before' | 'after', answers: number[]): MeasureResponse => ({
  scale: 'rses',
  cohortId: COHORT,
  participantId: person(p),
  phase,
  answers,
  takenOn: '2026-03-02',
});

describe('Rosenberg Self-Esteem Scale', () => {
  it('scores 0–30 with items 2, 5, 6, 8 and 9 reversed', () => {
    // Strongly agree with every positive item, strongly disagree with every negative one.
    expect(rsesScore([0, 3, 0, 0, 3, 3, 0, 3, 3, 0])).toBe(30);
    expect(rsesScore([3, 0, 3, 3, 0, 0, 3, 0, 0, 3])).toBe(0);
    // "Agree" with everything: positives 2 each, negatives 1 each.
    expect(rsesScore(Array<number>(10).fill(1))).toBe(15);
  });

  it('gives no score until all ten are answered', () => {
    expect(rsesScore([0, 0, 0])).toBeUndefined();
    expect(rsesScore([0, 0, 0, 0, 0, 0, 0, 0, 0, undefined])).toBeUndefined();
  });

  it('refuses answers outside the four choices or of the wrong length', () => {
    expect(
      measureResponseSchema.safeParse(response(1, 'before', Array<number>(10).fill(4))).success,
    ).toBe(false);
    expect(
      measureResponseSchema.safeParse(response(1, 'before', Array<number>(9).fill(1))).success,
    ).toBe(false);
  });

  it('pairs week 1 and week 10 per person', () => {
    const changes = pairedChanges(
      [person(1), person(2)],
      [
        response(1, 'before', Array<number>(10).fill(1)),
        response(1, 'after', [0, 3, 0, 0, 3, 3, 0, 3, 3, 0]),
        response(2, 'before', Array<number>(10).fill(1)),
      ],
    );
    expect(changes).toEqual([
      { participantId: person(1), before: 15, after: 30, change: 15 },
      { participantId: person(2), before: 15, after: undefined, change: undefined },
    ]);
  });

  it('summarises the group only from three pairs up', () => {
    const pair = (n: number, before: number, after: number) => ({
      participantId: person(n),
      before,
      after,
      change: after - before,
    });
    expect(groupChange([pair(1, 10, 14), pair(2, 12, 13)])).toEqual({
      pairs: 2,
      meanBefore: undefined,
      meanAfter: undefined,
      meanChange: undefined,
    });
    expect(groupChange([pair(1, 10, 14), pair(2, 12, 13), pair(3, 20, 20)])).toEqual({
      pairs: 3,
      meanBefore: 14,
      meanAfter: 15.7,
      meanChange: 1.7,
    });
  });

  it('is sealed as coordinators’ data (a facilitator’s key cannot open it)', () => {
    const id = legacyMeasureRecordId(COHORT, person(1), 'before');
    expect(isCoordinatorRecord('measureResponses', id)).toBe(true);
    // Rows written to drafts before measures had their own table are still opened as drafts.
    expect(isCoordinatorRecord('drafts', id)).toBe(true);
  });
});
