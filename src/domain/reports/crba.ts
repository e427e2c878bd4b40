/**
 * The child rights-based approach (CRBA) self-assessment of a cohort: the ten
 * points of the Child10 checklist (see shared/domain/brief.md), each rated
 * met / partly / not yet, with the evidence in the team's own words. Kept
 * sealed in `drafts` under `crba:<cohortId>` (one per cohort; the latest save wins).
 */
import { z } from 'zod/mini';

export const crbaPoints = [
  'stakeholders',
  'support-system',
  'identification',
  'child-friendly',
  'age-maturity',
  'informal-channels',
  'gender',
  'vulnerable',
  'participation',
  'survivor-voices',
] as const;
export type CrbaPoint = (typeof crbaPoints)[number];
export const crbaRatings = ['met', 'partly', 'not-yet'] as const;
export type CrbaRating = (typeof crbaRatings)[number];
export const CRBA_EVIDENCE_MAX = 2000;

export const crbaAssessmentSchema = z.object({
  cohortId: z.uuid(),
  points: z.record(
    z.enum(crbaPoints),
    z.object({
      rating: z.optional(z.enum(crbaRatings)),
      evidence: z.string().check(z.maxLength(CRBA_EVIDENCE_MAX)),
    }),
  ),
  updatedAt: z.iso.datetime(),
  updatedBy: z.uuid(),
});
export type CrbaAssessment = z.infer<typeof crbaAssessmentSchema>;

/** As stored: the assessment under its record id, `crbaRecordId(cohortId)` (crypto/record-ids.ts). */
export const crbaRecordSchema = z.extend(crbaAssessmentSchema, { id: z.string() });
export type CrbaRecord = z.infer<typeof crbaRecordSchema>;

export function emptyCrba(cohortId: string, by: string, now = new Date()): CrbaAssessment {
  return {
    cohortId,
    points: Object.fromEntries(
      crbaPoints.map((p) => [p, { evidence: '' }]),
    ) as CrbaAssessment['points'],
    updatedAt: now.toISOString(),
    updatedBy: by,
  };
}

export type CrbaProblem = 'too-long';

/** Evidence over the limit is the only problem; a point may stay unrated. */
export function validateCrba(a: CrbaAssessment): Partial<Record<CrbaPoint, CrbaProblem>> {
  const problems: Partial<Record<CrbaPoint, CrbaProblem>> = {};
  for (const p of crbaPoints)
    if ((a.points[p]?.evidence.length ?? 0) > CRBA_EVIDENCE_MAX) problems[p] = 'too-long';
  return problems;
}

export function crbaTally(a: CrbaAssessment | undefined): Record<CrbaRating | 'unrated', number> {
  const tally = { met: 0, partly: 0, 'not-yet': 0, unrated: 0 };
  for (const p of crbaPoints) tally[a?.points[p]?.rating ?? 'unrated']++;
  return tally;
}
