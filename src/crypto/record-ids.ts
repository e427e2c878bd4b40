/**
 * The ids of drafts and records that are not plain uuids. Key classes
 * (key-classes.ts) decide by id prefix which key seals a draft, so every such
 * id is built here, never typed by hand at a call site.
 *
 * Ids about a person keep only their class prefix in the clear; the rest is
 * a keyed token (HMAC under the team's `opaqueId` subkey) of what they name,
 * so nobody can tell from the database, or recompute from a participant id,
 * whose screening draft or measure answers a row holds. The same on every
 * device of the team, so a draft is still found again by what it is about.
 * Their older, readable forms (`legacy…`) are renamed after unlock
 * (db/after-unlock.ts) and still read meanwhile.
 */
import { opaqueToken } from './subkeys';
import type { Vault } from './vault';

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

async function token(vault: Vault, text: string): Promise<string> {
  return opaqueToken(await vault.teamSubkey('opaqueId'), `record-id:${text}`);
}

/** A screening left half done for this participant (one per participant). */
export async function screeningDraftId(vault: Vault, participantId: string): Promise<string> {
  return `${COORDINATOR_DRAFT_PREFIXES.screening}${await token(vault, `screening:${participantId}`)}`;
}

/** A young person's before/after self-esteem answers (domain/reports/measure.ts), one per phase. */
export async function measureRecordId(
  vault: Vault,
  cohortId: string,
  participantId: string,
  phase: string,
): Promise<string> {
  const part = await token(vault, `measure:${cohortId}:${participantId}:${phase}`);
  return `${COORDINATOR_DRAFT_PREFIXES.measure}${part}`;
}

/** A concern half typed during a meeting, readable only by its author. */
export async function concernDraftId(
  vault: Vault,
  staffId: string,
  meetingId: string,
): Promise<string> {
  return `${PERSONAL_PREFIX}${await token(vault, `concern:${staffId}:${meetingId}`)}`;
}

/** The screening draft id before ids were keyed: `screening:<participantId>`. */
export function legacyScreeningDraftId(participantId: string): string {
  return `${COORDINATOR_DRAFT_PREFIXES.screening}${participantId}`;
}

/** The measure record id before ids were keyed: `measure:<cohort>:<participant>:<phase>`. */
export function legacyMeasureRecordId(
  cohortId: string,
  participantId: string,
  phase: string,
): string {
  return `${COORDINATOR_DRAFT_PREFIXES.measure}${cohortId}:${participantId}:${phase}`;
}

/** A group's CRBA assessment (domain/reports/crba.ts): team data, one per cohort. */
export function crbaRecordId(cohortId: string): string {
  return `${CRBA_PREFIX}${cohortId}`;
}

/** The cohort and participant a legacy measure record id names, or undefined for any other id. */
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

/** A staff member's own draft of a form, as ids were before they were keyed: `personal:<staffId>:<form>`. */
export function personalDraftId(staffId: string, form: string): string {
  return `${PERSONAL_PREFIX}${staffId}:${form}`;
}

/** The concern draft id before ids were keyed. */
export function legacyConcernDraftId(staffId: string, meetingId: string): string {
  return personalDraftId(staffId, `concern:${meetingId}`);
}
