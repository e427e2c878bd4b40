/**
 * The ids of drafts and records that are not plain uuids. Key classes
 * (key-classes.ts) decide by id prefix which key seals a draft, so every such
 * id is built here, never typed by hand at a call site.
 */

/**
 * Prefixes of coordinators' drafts (sealed under the coordinator key). A
 * finished measure record lives in its own table now (`measureResponses`),
 * but rows written to `drafts` before that were moved unchanged and are
 * still opened as `drafts` rows (db/migrations.ts): the prefix keeps them
 * coordinators' data.
 */
export const COORDINATOR_DRAFT_PREFIXES = {
  screening: 'screening:',
  measure: 'measure:',
} as const;

/** Prefix of a group's CRBA assessment record (team data). */
export const CRBA_PREFIX = 'crba:';

/** Prefix of a staff member's own drafts (sealed under their personal key). */
export const PERSONAL_PREFIX = 'personal:';

/** A screening left half done for this participant (one per participant). */
export function screeningDraftId(participantId: string): string {
  return `${COORDINATOR_DRAFT_PREFIXES.screening}${participantId}`;
}

/** A young person's before/after self-esteem answers (domain/reports/measure.ts), one per phase. */
export function measureRecordId(cohortId: string, participantId: string, phase: string): string {
  return `${COORDINATOR_DRAFT_PREFIXES.measure}${cohortId}:${participantId}:${phase}`;
}

/** A group's CRBA assessment (domain/reports/crba.ts): team data, one per cohort. */
export function crbaRecordId(cohortId: string): string {
  return `${CRBA_PREFIX}${cohortId}`;
}

/** The cohort and participant a measure record id names, or undefined for any other id. */
export function measureRecordParts(
  id: string,
): { cohortId: string; participantId: string; phase: string } | undefined {
  if (!id.startsWith(COORDINATOR_DRAFT_PREFIXES.measure)) return undefined;
  const [cohortId, participantId, phase, ...rest] = id
    .slice(COORDINATOR_DRAFT_PREFIXES.measure.length)
    .split(':');
  if (!cohortId || !participantId || !phase || rest.length > 0) return undefined;
  return { cohortId, participantId, phase };
}

/** The cohort a CRBA record id names, or undefined for any other id. */
export function crbaRecordCohort(id: string): string | undefined {
  return id.startsWith(CRBA_PREFIX) && id.length > CRBA_PREFIX.length
    ? id.slice(CRBA_PREFIX.length)
    : undefined;
}

/** A staff member's own draft of a form: `personal:<staffId>:<form>`. */
export function personalDraftId(staffId: string, form: string): string {
  return `${PERSONAL_PREFIX}${staffId}:${form}`;
}

/** A concern half typed during a meeting, readable only by its author. */
export function concernDraftId(staffId: string, meetingId: string): string {
  return personalDraftId(staffId, `concern:${meetingId}`);
}
