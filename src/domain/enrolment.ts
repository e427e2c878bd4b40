/**
 * Enrolment: a participant's place in a cohort, kept as history. Enrolled and
 * offered places count against capacity; a full cohort has an ordered
 * waitlist; withdrawing someone offers the place to the first person waiting.
 * `cohort.participantIds` stays the current roster (the enrolment store keeps
 * both in one transaction).
 */
import { z } from 'zod/mini';
import type { Cohort } from './cohort';
import type { Participant } from './participant';
import { clearanceOf, latestScreening, type Screening } from './screening';

export const enrolmentStatuses = [
  'enrolled',
  'waitlisted',
  'offered',
  'withdrawn',
  'transferred',
] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

const reason = z.string().check(z.trim(), z.minLength(1), z.maxLength(2000));

export const enrolmentSchema = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  cohortId: z.uuid(),
  status: z.enum(enrolmentStatuses),
  /** Place in the waitlist queue (lower goes first); kept while offered. */
  waitlistOrder: z.optional(z.number()),
  waitlistedOn: z.optional(z.iso.date()),
  offeredOn: z.optional(z.iso.date()),
  enrolledOn: z.optional(z.iso.date()),
  endedOn: z.optional(z.iso.date()),
  /** Why someone left or moved. */
  endReason: z.optional(reason),
  /** Why a coordinator enrolled despite a mismatch. */
  overrideReason: z.optional(reason),
  /** For a transfer: the cohort they moved to. */
  transferredTo: z.optional(z.uuid()),
  createdAt: z.iso.datetime(),
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

/** Statuses that hold a place or a place in the queue for the cohort. */
export const activeStatuses: readonly EnrolmentStatus[] = ['enrolled', 'offered', 'waitlisted'];

export function isActive(e: Pick<Enrolment, 'status'>): boolean {
  return activeStatuses.includes(e.status);
}

/**
 * Places taken: the current roster plus anyone a place is being offered to.
 * (The roster counts too, so members added before enrolment rows existed hold
 * their places.)
 */
export function placesTaken(
  enrolments: readonly Enrolment[],
  cohort: Pick<Cohort, 'id' | 'participantIds'>,
): number {
  const taken = new Set(cohort.participantIds);
  for (const e of enrolments)
    if (e.cohortId === cohort.id && (e.status === 'enrolled' || e.status === 'offered'))
      taken.add(e.participantId);
  return taken.size;
}

/** The waitlist of a cohort, first in line first. */
export function waitlistOf(enrolments: readonly Enrolment[], cohortId: string): Enrolment[] {
  return enrolments
    .filter((e) => e.cohortId === cohortId && e.status === 'waitlisted')
    .sort(
      (a, b) =>
        (a.waitlistOrder ?? Infinity) - (b.waitlistOrder ?? Infinity) ||
        a.createdAt.localeCompare(b.createdAt),
    );
}

/** The order number for someone joining the end of the waitlist. */
export function nextWaitlistOrder(enrolments: readonly Enrolment[], cohortId: string): number {
  const orders = enrolments
    .filter((e) => e.cohortId === cohortId && e.waitlistOrder !== undefined)
    .map((e) => e.waitlistOrder!);
  return orders.length ? Math.max(...orders) + 1 : 1;
}

export type Blocker =
  'not-screened' | 'screening-expired' | 'screening-not-group' | 'already-active';
export type Mismatch =
  | { kind: 'age'; age: number; min: number; max: number }
  | { kind: 'age-unknown' }
  | { kind: 'composition'; composition: Cohort['composition']; gender: Participant['gender'] }
  | { kind: 'preference'; composition: Cohort['composition']; preferred: string }
  | { kind: 'language'; language: string; preferred: string };

export interface EnrolmentCheck {
  /** Cannot be overridden: enrolment without a current group screening is refused. */
  blocker: Blocker | undefined;
  /** Can be overridden with a written reason. */
  mismatches: Mismatch[];
  /** The cohort is full: the person goes to the waitlist. */
  full: boolean;
  placesTaken: number;
}

function composes(composition: Cohort['composition'], gender: Participant['gender']): boolean {
  if (composition === 'mixed') return true;
  return composition === 'girls' ? gender === 'girl' : gender === 'boy';
}

export function checkEnrolment(input: {
  cohort: Pick<
    Cohort,
    'id' | 'capacity' | 'ageBand' | 'composition' | 'participantIds' | 'language'
  >;
  participant: Pick<Participant, 'id' | 'gender'>;
  age: number | undefined;
  screenings: readonly Screening[];
  enrolments: readonly Enrolment[];
  today: string;
  validityDays?: number;
  /** Ignore this enrolment when checking (the offered place being confirmed). */
  ignoreEnrolmentId?: string;
}): EnrolmentCheck {
  const { cohort, participant, age, screenings, today } = input;
  const others = input.enrolments.filter((e) => e.id !== input.ignoreEnrolmentId);
  const clearance = clearanceOf(screenings, today, input.validityDays);
  let blocker: Blocker | undefined =
    clearance === 'not-screened'
      ? 'not-screened'
      : clearance === 'expired'
        ? 'screening-expired'
        : clearance === 'not-cleared'
          ? 'screening-not-group'
          : undefined;
  if (
    !blocker &&
    others.some(
      (e) => e.participantId === participant.id && e.cohortId === cohort.id && isActive(e),
    )
  )
    blocker = 'already-active';

  const mismatches: Mismatch[] = [];
  if (age === undefined) mismatches.push({ kind: 'age-unknown' });
  else if (age < cohort.ageBand.min || age > cohort.ageBand.max)
    mismatches.push({ kind: 'age', age, min: cohort.ageBand.min, max: cohort.ageBand.max });
  if (!composes(cohort.composition, participant.gender))
    mismatches.push({
      kind: 'composition',
      composition: cohort.composition,
      gender: participant.gender,
    });
  const latest = latestScreening(screenings);
  const preferred = latest?.groupFit.composition;
  if (preferred && preferred !== 'any' && preferred !== cohort.composition)
    mismatches.push({ kind: 'preference', composition: cohort.composition, preferred });
  const language = latest?.groupFit.language;
  if (language && language !== cohort.language)
    mismatches.push({ kind: 'language', language: cohort.language, preferred: language });

  const taken = placesTaken(others, cohort);
  return { blocker, mismatches, full: taken >= cohort.capacity, placesTaken: taken };
}

export type EnrolDecision =
  | { ok: false; reason: Blocker | 'override-reason-needed' }
  | { ok: true; status: 'enrolled' | 'waitlisted' };

/** What enrolling does given a check and an optional override reason. */
export function decideEnrolment(check: EnrolmentCheck, overrideReason: string): EnrolDecision {
  if (check.blocker) return { ok: false, reason: check.blocker };
  if (check.mismatches.length > 0 && overrideReason.trim() === '')
    return { ok: false, reason: 'override-reason-needed' };
  return { ok: true, status: check.full ? 'waitlisted' : 'enrolled' };
}

/** The roster after a change: add or remove one id, keeping order and no duplicates. */
export function withMember(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? [...ids] : [...ids, id];
}
export function withoutMember(ids: readonly string[], id: string): string[] {
  return ids.filter((x) => x !== id);
}

/* ---- Changes: what to write for each action (the store writes them in one transaction) ---- */

export interface EnrolmentChange {
  enrolments: Enrolment[];
  cohort: Cohort;
  /** The waitlisted person now offered the freed place, if any. */
  offered?: Enrolment;
}

/** Adds the person to the cohort (roster too) or to the end of its waitlist. */
export function planEnrol(input: {
  cohort: Cohort;
  participantId: string;
  status: 'enrolled' | 'waitlisted';
  enrolments: readonly Enrolment[];
  today: string;
  overrideReason?: string;
  now?: Date;
}): EnrolmentChange {
  const { cohort, participantId, status, today } = input;
  const override = input.overrideReason?.trim();
  const enrolment: Enrolment = {
    id: crypto.randomUUID(),
    participantId,
    cohortId: cohort.id,
    status,
    ...(status === 'enrolled'
      ? { enrolledOn: today }
      : { waitlistedOn: today, waitlistOrder: nextWaitlistOrder(input.enrolments, cohort.id) }),
    ...(override ? { overrideReason: override } : {}),
    createdAt: (input.now ?? new Date()).toISOString(),
  };
  return {
    enrolments: [enrolment],
    cohort:
      status === 'enrolled'
        ? { ...cohort, participantIds: withMember(cohort.participantIds, participantId) }
        : cohort,
  };
}

/** Offers a free place to the first person waiting, if a place is free. */
function offerNext(
  cohort: Cohort,
  enrolments: readonly Enrolment[],
  today: string,
): Enrolment | undefined {
  if (placesTaken(enrolments, cohort) >= cohort.capacity) return undefined;
  const next = waitlistOf(enrolments, cohort.id)[0];
  return next ? { ...next, status: 'offered', offeredOn: today } : undefined;
}

/**
 * Ends a place or a place in the queue (withdrawn or transferred away). The
 * row stays as history; a freed place is offered to the first person waiting.
 */
export function planLeave(input: {
  enrolment: Enrolment;
  cohort: Cohort;
  enrolments: readonly Enrolment[];
  today: string;
  reason: string;
  status?: 'withdrawn' | 'transferred';
  transferredTo?: string;
}): EnrolmentChange {
  const { enrolment, cohort, today } = input;
  if (!isActive(enrolment)) throw new Error('this place has already ended');
  const ended: Enrolment = {
    ...enrolment,
    status: input.status ?? 'withdrawn',
    endedOn: today,
    endReason: input.reason.trim(),
    ...(input.transferredTo ? { transferredTo: input.transferredTo } : {}),
  };
  const after = input.enrolments.map((e) => (e.id === ended.id ? ended : e));
  const roster = {
    ...cohort,
    participantIds: withoutMember(cohort.participantIds, enrolment.participantId),
  };
  const offered = offerNext(roster, after, today);
  return {
    enrolments: offered ? [ended, offered] : [ended],
    cohort: roster,
    ...(offered ? { offered } : {}),
  };
}

/** The coordinator confirms an offered place: the person is enrolled. */
export function planConfirmOffer(input: {
  enrolment: Enrolment;
  cohort: Cohort;
  today: string;
  overrideReason?: string;
}): EnrolmentChange {
  const { enrolment, cohort, today } = input;
  if (enrolment.status !== 'offered') throw new Error('no place was offered');
  const override = input.overrideReason?.trim();
  const enrolled: Enrolment = {
    ...enrolment,
    status: 'enrolled',
    enrolledOn: today,
    ...(override ? { overrideReason: override } : {}),
  };
  return {
    enrolments: [enrolled],
    cohort: {
      ...cohort,
      participantIds: withMember(cohort.participantIds, enrolment.participantId),
    },
  };
}
