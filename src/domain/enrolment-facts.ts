/**
 * What every enrolment rule needs to know about a person, built one way for
 * the preview on the journey page and for the write that checks it again, so
 * the two cannot disagree (for example about the person's age).
 */
import type { Enrolment } from './enrolment';
import type { Participant } from './participant';
import { currentAge, type Referral } from './referral';
import { DEFAULT_SCREENING_VALIDITY_DAYS, type Screening } from './screening';

/** The person's newest referral. */
export function latestReferral<T extends Pick<Referral, 'createdAt'>>(
  referrals: readonly T[],
): T | undefined {
  return [...referrals].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

/**
 * The person's age today: from the referral (date of birth, or the age given
 * then, counted on), else from the birth year alone.
 */
export function personAge(
  participant: Pick<Participant, 'birthYear'>,
  referral: Pick<Referral, 'dateOfBirth' | 'ageAtReferral' | 'referredOn'> | undefined,
  today: string,
): number | undefined {
  return (
    currentAge(referral, today) ??
    (participant.birthYear ? Number(today.slice(0, 4)) - participant.birthYear : undefined)
  );
}

export interface EnrolmentFacts<P extends Pick<Participant, 'id' | 'gender' | 'birthYear'>> {
  participant: P;
  age: number | undefined;
  screenings: readonly Screening[];
  enrolments: readonly Enrolment[];
  validityDays: number;
  today: string;
}

export function enrolmentFacts<P extends Pick<Participant, 'id' | 'gender' | 'birthYear'>>(input: {
  participant: P;
  referrals: readonly Referral[];
  screenings: readonly Screening[];
  enrolments: readonly Enrolment[];
  validityDays: number | undefined;
  today: string;
}): EnrolmentFacts<P> {
  const { participant, screenings, enrolments, today } = input;
  return {
    participant,
    age: personAge(participant, latestReferral(input.referrals), today),
    screenings,
    enrolments,
    validityDays: input.validityDays ?? DEFAULT_SCREENING_VALIDITY_DAYS,
    today,
  };
}
