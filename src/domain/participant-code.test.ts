import { describe, expect, it } from 'vitest';
import { participantCodePattern } from './participant';
import { nextParticipantCode } from './participant-code';

describe('participant codes', () => {
  it('starts at 01 for a new year and follows the highest number used', () => {
    expect(nextParticipantCode([], 2026)).toBe('L26-01');
    expect(nextParticipantCode(['L26-01', 'L26-07', 'L25-12', 'P26-30'], 2026)).toBe('L26-08');
  });

  it('always fits the code pattern, also past 99', () => {
    const code = nextParticipantCode(['L26-99'], 2026);
    expect(code).toBe('L26-100');
    expect(participantCodePattern.test(code)).toBe(true);
  });

  it('never repeats a code', () => {
    const codes: string[] = [];
    for (let i = 0; i < 30; i++) codes.push(nextParticipantCode(codes, 2026));
    expect(new Set(codes).size).toBe(30);
  });
});
