/**
 * What makes a cohort draft saveable. Each problem is a code the form shows
 * next to its field; nothing is saved while any remains.
 */
import type { IsoDate } from './calendar-date';

export interface CohortDraft {
  name: string;
  programmeId: string;
  facilitatorIds: string[];
  startTime: string;
  durationMinutes: number;
  /** Empty while the user has not picked one. */
  firstDate: string;
  ageMin: number;
  ageMax: number;
  capacity: number;
  /** Only for rolling programmes: how many weekly meetings to plan. */
  weeks?: number;
}

export type CohortField =
  | 'name'
  | 'programmeId'
  | 'facilitatorIds'
  | 'startTime'
  | 'durationMinutes'
  | 'firstDate'
  | 'ageBand'
  | 'capacity'
  | 'weeks';

export type CohortProblem =
  | 'required'
  | 'no-facilitator'
  | 'invalid-time'
  | 'ends-after-midnight'
  | 'too-short'
  | 'first-date-closed'
  | 'age-band-upside-down'
  | 'age-out-of-range'
  | 'capacity-below-one'
  | 'capacity-below-enrolled'
  | 'weeks-out-of-range'
  | 'programme-empty';

export interface CohortContext {
  /** Participants already enrolled in this cohort (0 for a new one). */
  enrolled: number;
  /** Meetings in the chosen programme. */
  programmeMeetings: number;
  isRolling: boolean;
  isClosed: (date: IsoDate) => boolean;
}

export function validateCohortDraft(
  draft: CohortDraft,
  context: CohortContext,
): Partial<Record<CohortField, CohortProblem>> {
  const problems: Partial<Record<CohortField, CohortProblem>> = {};
  if (!draft.name.trim()) problems.name = 'required';
  if (!draft.programmeId) problems.programmeId = 'required';
  else if (context.programmeMeetings < 1) problems.programmeId = 'programme-empty';
  if (draft.facilitatorIds.length === 0) problems.facilitatorIds = 'no-facilitator';

  const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(draft.startTime);
  if (!time) problems.startTime = 'invalid-time';
  if (!Number.isInteger(draft.durationMinutes) || draft.durationMinutes < 15)
    problems.durationMinutes = 'too-short';
  else if (time && Number(time[1]) * 60 + Number(time[2]) + draft.durationMinutes > 24 * 60) {
    problems.durationMinutes = 'ends-after-midnight';
  }

  if (!draft.firstDate) problems.firstDate = 'required';
  else if (context.isClosed(draft.firstDate)) problems.firstDate = 'first-date-closed';

  if (draft.ageMin < 10 || draft.ageMax > 30) problems.ageBand = 'age-out-of-range';
  else if (draft.ageMin > draft.ageMax) problems.ageBand = 'age-band-upside-down';

  if (!Number.isInteger(draft.capacity) || draft.capacity < 1)
    problems.capacity = 'capacity-below-one';
  else if (draft.capacity < context.enrolled) problems.capacity = 'capacity-below-enrolled';

  if (
    context.isRolling &&
    (!Number.isInteger(draft.weeks) || (draft.weeks ?? 0) < 1 || (draft.weeks ?? 0) > 104)
  ) {
    problems.weeks = 'weeks-out-of-range';
  }
  return problems;
}
