import { describe, expect, it } from 'vitest';
import { ageOn, currentAge, validateReferral, type ReferralForm } from './referral';

const today = '2026-11-23';

function aForm(overrides: Partial<ReferralForm> = {}): ReferralForm {
  return {
    chosenName: 'Līva',
    gender: 'girl',
    languages: ['lv'],
    legalName: '',
    ageKnown: 'dob',
    dateOfBirth: '2010-03-14',
    age: '',
    referrerRole: 'social-worker',
    referrerOrganisation: 'Sociālais dienests',
    referrerContact: '',
    reason: 'Needs peer support.',
    consentYoungPerson: true,
    consentGuardian: true,
    ...overrides,
  };
}

describe('ages', () => {
  it('counts whole years, birthdays included', () => {
    expect(ageOn('2010-11-23', today)).toBe(16);
    expect(ageOn('2010-11-24', today)).toBe(15);
  });

  it('ages an age given at referral with time', () => {
    expect(currentAge({ ageAtReferral: 15, referredOn: '2025-11-01' }, today)).toBe(16);
    expect(currentAge({ dateOfBirth: '2010-03-14', referredOn: today }, today)).toBe(16);
  });
});

describe('validating a referral', () => {
  it('accepts a complete referral', () => {
    expect(validateReferral(aForm(), today)).toEqual({});
  });

  it('refuses a date of birth in the future', () => {
    expect(validateReferral(aForm({ dateOfBirth: '2027-01-01' }), today)).toEqual({
      dateOfBirth: 'date-in-future',
    });
  });

  it('refuses an age outside 10–30, by date of birth or by age', () => {
    expect(validateReferral(aForm({ dateOfBirth: '2018-01-01' }), today).dateOfBirth).toBe(
      'age-out-of-range',
    );
    expect(validateReferral(aForm({ ageKnown: 'age', age: '31' }), today)).toEqual({
      age: 'age-out-of-range',
    });
    expect(validateReferral(aForm({ ageKnown: 'age', age: '9' }), today).age).toBe(
      'age-out-of-range',
    );
    expect(validateReferral(aForm({ ageKnown: 'age', age: 'x' }), today).age).toBe('invalid-age');
    expect(validateReferral(aForm({ ageKnown: 'age', age: '30' }), today)).toEqual({});
  });

  it("needs the young person's consent, and a guardian's under 18 only", () => {
    expect(validateReferral(aForm({ consentYoungPerson: false }), today)).toEqual({
      consentYoungPerson: 'consent-needed',
    });
    expect(validateReferral(aForm({ consentGuardian: false }), today)).toEqual({
      consentGuardian: 'guardian-consent-needed',
    });
    expect(
      validateReferral(aForm({ consentGuardian: false, dateOfBirth: '2006-01-01' }), today),
    ).toEqual({});
  });

  it('needs a chosen name, gender, referrer and reason', () => {
    expect(
      validateReferral(aForm({ chosenName: ' ', gender: '', referrerRole: '', reason: '' }), today),
    ).toEqual({
      chosenName: 'required',
      gender: 'required',
      referrerRole: 'required',
      reason: 'required',
    });
  });
});
