/**
 * The ids of drafts and records that are not plain uuids. Key classes
 * (key-classes.ts) decide by id prefix which key seals a draft, so every such
 * id is built here, never typed by hand at a call site.
 */

/** Prefixes of coordinators' drafts (sealed under the coordinator key). */
export const COORDINATOR_DRAFT_PREFIXES = {
  screening: 'screening:',
  measure: 'measure:',
} as const;

/** Prefix of a staff member's own drafts (sealed under their personal key). */
export const PERSONAL_PREFIX = 'personal:';

/** A screening left half done for this participant (one per participant). */
export function screeningDraftId(participantId: string): string {
  return `${COORDINATOR_DRAFT_PREFIXES.screening}${participantId}`;
}

/** A young person's before/after self-esteem answers (domain/reports/measure.ts). */
export function measureRecordId(cohortId: string, participantId: string, phase: string): string {
  return `${COORDINATOR_DRAFT_PREFIXES.measure}${cohortId}:${participantId}:${phase}`;
}

/** The start of every measure record id of one cohort. */
export function measureRecordPrefix(cohortId: string): string {
  return `${COORDINATOR_DRAFT_PREFIXES.measure}${cohortId}:`;
}

/** A group's CRBA assessment (domain/reports/crba.ts): team data, one per cohort. */
export function crbaRecordId(cohortId: string): string {
  return `crba:${cohortId}`;
}

/** A staff member's own draft of a form: `personal:<staffId>:<form>`. */
export function personalDraftId(staffId: string, form: string): string {
  return `${PERSONAL_PREFIX}${staffId}:${form}`;
}

/** A concern half typed during a meeting, readable only by its author. */
export function concernDraftId(staffId: string, meetingId: string): string {
  return personalDraftId(staffId, `concern:${meetingId}`);
}
