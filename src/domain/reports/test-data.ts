/** Hand-made data for the report tests: tiny builders, override only what a test is about. */
import type { Attendance, Meeting } from '../meeting';
import type { Enrolment } from '../enrolment';

export const COHORT = '00000000-0000-4000-8000-0000000000c1';
export const person = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const meetingId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

export function aMeeting(n: number, overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: meetingId(n),
    cohortId: COHORT,
    number: n,
    planId: `lotus-w${String(n).padStart(2, '0')}`,
    date: `2026-03-${String(n * 2).padStart(2, '0')}`,
    startTime: '16:00',
    durationMinutes: 90,
    status: 'held',
    ...overrides,
  };
}

export function mark(m: number, p: number, status: Attendance['status']): Attendance {
  return {
    id: crypto.randomUUID(),
    meetingId: meetingId(m),
    participantId: person(p),
    status,
  };
}

export function anEnrolment(p: number, overrides: Partial<Enrolment> = {}): Enrolment {
  return {
    id: crypto.randomUUID(),
    participantId: person(p),
    cohortId: COHORT,
    status: 'enrolled',
    enrolledOn: '2026-03-01',
    createdAt: '2026-02-20T10:00:00.000Z',
    ...overrides,
  };
}
