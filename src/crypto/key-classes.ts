/**
 * Which records are coordinators' data, sealed under the coordinator data key
 * (or, when written by a facilitator, in a sealed box to the coordinators'
 * public key) instead of the team data key. A facilitator's passphrase opens
 * only the team key, so with the database in hand it still cannot read these.
 *
 * Decided by table and id only, because a row must be classed before it is
 * opened.
 */
import { COORDINATOR_DRAFT_PREFIXES, PERSONAL_PREFIX } from './record-ids';

const COORDINATOR_TABLES: ReadonlySet<string> = new Set([
  'referrals',
  'screenings',
  'concerns',
  'followUps',
  'supportPathways',
  'audit',
  // Before/after answers are per person (domain/reports/measure.ts).
  'measureResponses',
]);

/**
 * Drafts of coordinators' forms carry their form name as the id prefix
 * (record-ids.ts): screening drafts, and measure records written before they
 * had their own table (moved unchanged, still opened as `drafts` rows).
 */
const COORDINATOR_PREFIXES = Object.values(COORDINATOR_DRAFT_PREFIXES);

export function isCoordinatorRecord(table: string, id: string): boolean {
  if (COORDINATOR_TABLES.has(table)) return true;
  return table === 'drafts' && COORDINATOR_PREFIXES.some((prefix) => id.startsWith(prefix));
}

/**
 * A staff member's own drafts (a half-typed concern), sealed under their
 * personal key: wrapped only for their own passphrase, so the form survives a
 * lock without a colleague — or, for a facilitator, even themselves once the
 * concern is sent — being able to read it. Id: `personal:<staffId>:<form>`.
 */
export function isPersonalRecord(table: string, id: string): boolean {
  return table === 'drafts' && id.startsWith(PERSONAL_PREFIX);
}
