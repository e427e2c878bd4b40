/**
 * A referral: who referred the young person and why, in the referrer's own
 * words, and the consents. Coordinators' data: it lives only in `referrals`.
 * The team-facing part (code, chosen name, gender, languages) is the
 * participant record.
 */
import { z } from 'zod/mini';
import { daysBetween } from './calendar-date';
import type { Participant } from './participant';

export const referrerRoles = [
  'social-worker',
  'guardian',
  'professional',
  'self',
  'other',
] as const;
export const MIN_AGE = 10;
export const MAX_AGE = 30;
export const ADULT_AGE = 18;

const optionalText = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const required = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const referralSchema = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  legalName: optionalText(160),
  /** Exactly one of dateOfBirth and ageAtReferral. */
  dateOfBirth: z.optional(z.iso.date()),
  ageAtReferral: z.optional(z.int().check(z.minimum(MIN_AGE), z.maximum(MAX_AGE))),
  referrer: z.object({
    role: z.enum(referrerRoles),
    organisation: optionalText(160),
    contact: optionalText(200),
  }),
  reason: required(4000),
  consent: z.object({ youngPerson: z.literal(true), guardian: z.boolean() }),
  referredOn: z.iso.date(),
  createdAt: z.iso.datetime(),
});
export type Referral = z.infer<typeof referralSchema>;

/** Whole years between a date of birth and a day. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The person's age today, from the date of birth or the age given at referral. */
export function currentAge(
  referral: Pick<Referral, 'dateOfBirth' | 'ageAtReferral' | 'referredOn'> | undefined,
  today: string,
): number | undefined {
  if (!referral) return undefined;
  if (referral.dateOfBirth) return ageOn(referral.dateOfBirth, today);
  if (referral.ageAtReferral !== undefined)
    return referral.ageAtReferral + Math.floor(daysBetween(referral.referredOn, today) / 365.25);
  return undefined;
}

export interface ReferralForm {
  chosenName: string;
  gender: Participant['gender'] | '';
  languages: string[];
  legalName: string;
  ageKnown: 'dob' | 'age';
  dateOfBirth: string;
  age: string;
  referrerRole: (typeof referrerRoles)[number] | '';
  referrerOrganisation: string;
  referrerContact: string;
  reason: string;
  consentYoungPerson: boolean;
  consentGuardian: boolean;
}

export type ReferralField =
  | 'chosenName'
  | 'gender'
  | 'dateOfBirth'
  | 'age'
  | 'referrerRole'
  | 'reason'
  | 'consentYoungPerson'
  | 'consentGuardian';

export type ReferralProblem =
  | 'required'
  | 'too-long'
  | 'invalid-date'
  | 'invalid-age'
  | 'date-in-future'
  | 'age-out-of-range'
  | 'consent-needed'
  | 'guardian-consent-needed';

/** The age the form gives, whichever way it was entered; undefined if it is unreadable. */
export function formAge(form: ReferralForm, today: string): number | undefined {
  if (form.ageKnown === 'dob') {
    if (!z.iso.date().safeParse(form.dateOfBirth).success) return undefined;
    return ageOn(form.dateOfBirth, today);
  }
  if (!/^\d{1,3}$/.test(form.age.trim())) return undefined;
  return Number(form.age.trim());
}

export function validateReferral(
  form: ReferralForm,
  today: string,
): Partial<Record<ReferralField, ReferralProblem>> {
  const problems: Partial<Record<ReferralField, ReferralProblem>> = {};
  const name = form.chosenName.trim();
  if (!name) problems.chosenName = 'required';
  else if (name.length > 80) problems.chosenName = 'too-long';
  if (!form.gender) problems.gender = 'required';
  const age = formAge(form, today);
  const field = form.ageKnown === 'dob' ? 'dateOfBirth' : 'age';
  if (form.ageKnown === 'dob' && !form.dateOfBirth) problems.dateOfBirth = 'required';
  else if (form.ageKnown === 'age' && !form.age.trim()) problems.age = 'required';
  else if (age === undefined)
    problems[field] = form.ageKnown === 'dob' ? 'invalid-date' : 'invalid-age';
  else if (form.ageKnown === 'dob' && form.dateOfBirth > today)
    problems.dateOfBirth = 'date-in-future';
  else if (age < MIN_AGE || age > MAX_AGE) problems[field] = 'age-out-of-range';
  if (!form.referrerRole) problems.referrerRole = 'required';
  if (!form.reason.trim()) problems.reason = 'required';
  if (!form.consentYoungPerson) problems.consentYoungPerson = 'consent-needed';
  if (age !== undefined && age < ADULT_AGE && !form.consentGuardian)
    problems.consentGuardian = 'guardian-consent-needed';
  return problems;
}
