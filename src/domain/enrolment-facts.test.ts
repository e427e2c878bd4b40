import { describe, expect, it } from 'vitest';
import { enrolmentFacts, latestReferral, personAge } from './enrolment-facts';
import type { Referral } from './referral';

const today = '2026-11-20';

function aReferral(overrides: Partial<Referral>): Referral {
  return {
    id: crypto.randomUUID(),
    participantId: crypto.randomUUID(),
    legalName: 'Elza Bērziņa',
    referrer: { role: 'social-worker', organisation: 'Sociālais dienests', contact: '' },
    reason: 'Referred after a missing episode.',
    consent: { youngPerson: true, guardian: true },
    referredOn: '2026-01-10',
    createdAt: '2026-01-10T10:00:00.000Z',
    ...overrides,
  };
}

describe('the facts every enrolment rule sees', () => {
  it('takes the age from the date of birth, else the age at referral, else the birth year', () => {
    const person = { birthYear: 2010 };
    expect(personAge(person, aReferral({ dateOfBirth: '2010-12-01' }), today)).toBe(15);
    expect(personAge(person, aReferral({ ageAtReferral: 14 }), today)).toBe(14);
    expect(personAge(person, undefined, today)).toBe(16);
    expect(personAge({}, undefined, today)).toBeUndefined();
  });

  it('uses the newest referral and the default validity when none is set', () => {
    const older = aReferral({ ageAtReferral: 12, createdAt: '2025-01-01T10:00:00.000Z' });
    const newer = aReferral({ ageAtReferral: 14 });
    expect(latestReferral([newer, older])).toBe(newer);
    const facts = enrolmentFacts({
      participant: { id: crypto.randomUUID(), gender: 'girl', birthYear: 2010 },
      referrals: [older, newer],
      screenings: [],
      enrolments: [],
      validityDays: undefined,
      today,
    });
    expect(facts.age).toBe(14);
    expect(facts.validityDays).toBe(90);
  });
});
