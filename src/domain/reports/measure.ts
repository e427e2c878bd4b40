/**
 * The optional before/after measure of a cohort: a short questionnaire taken
 * in week 1 and week 10. The example shipped is the Rosenberg Self-Esteem
 * Scale (RSES): ten statements, each answered strongly agree / agree /
 * disagree / strongly disagree, scored 0–3 (five items reversed), total 0–30.
 *
 * Source: Rosenberg, M. (1965, rev. 1989). Society and the Adolescent
 * Self-Image. Middletown, CT: Wesleyan University Press.
 * Licence: the University of Maryland's Department of Sociology, for the
 * Rosenberg family, states that the scale may be used for educational and
 * professional research with no charge, provided Dr. Rosenberg is credited
 * (cited as above). The Latvian, Russian and Ukrainian wordings in
 * locales/{lv,ru,uk}/reports.json are our own translations, not validated
 * adaptations: the scale's source line says so on screen, and so should any
 * report that uses it.
 *
 * Answers are per person (for the paired change), so they are shown only to
 * coordinators; reports outside the cohort page get the group summary only,
 * hidden below three pairs. Stored sealed in `measureResponses` under
 * `measureRecordId(…)` (crypto/record-ids.ts), a coordinators' table
 * (crypto/key-classes.ts): sealed under the coordinator key.
 */
import { z } from 'zod/mini';
import { SMALL } from './suppression';

export const RSES_ITEMS = 10;
/** 1-based numbers of the negatively worded items, scored in reverse. */
export const RSES_REVERSED: ReadonlySet<number> = new Set([2, 5, 6, 8, 9]);
/** Choices in the order shown: 0 strongly agree, 1 agree, 2 disagree, 3 strongly disagree. */
export const rsesChoices = ['strongly-agree', 'agree', 'disagree', 'strongly-disagree'] as const;
export const measurePhases = ['before', 'after'] as const;
export type MeasurePhase = (typeof measurePhases)[number];

export const measureResponseSchema = z.object({
  scale: z.literal('rses'),
  cohortId: z.uuid(),
  participantId: z.uuid(),
  phase: z.enum(measurePhases),
  answers: z.array(z.int().check(z.minimum(0), z.maximum(3))).check(z.length(RSES_ITEMS)),
  takenOn: z.iso.date(),
});
export type MeasureResponse = z.infer<typeof measureResponseSchema>;

/** As stored: the answers under their record id, `measureRecordId(…)` (crypto/record-ids.ts). */
export const measureRecordSchema = z.extend(measureResponseSchema, { id: z.string() });
export type MeasureRecord = z.infer<typeof measureRecordSchema>;

/** One item's score: positive items 3 (strongly agree) … 0; reversed items 0 … 3. */
export function rsesItemScore(item: number, choice: number): number {
  return RSES_REVERSED.has(item) ? choice : 3 - choice;
}

/** Total 0–30; undefined unless all ten items are answered. */
export function rsesScore(answers: readonly (number | undefined)[]): number | undefined {
  if (answers.length !== RSES_ITEMS || answers.some((a) => a === undefined)) return undefined;
  return answers.reduce<number>((sum, a, i) => sum + rsesItemScore(i + 1, a!), 0);
}

export interface PairedChange {
  participantId: string;
  before: number | undefined;
  after: number | undefined;
  /** after − before, when both were taken. */
  change: number | undefined;
}

export function pairedChanges(
  participantIds: readonly string[],
  responses: readonly MeasureResponse[],
): PairedChange[] {
  return participantIds.map((participantId) => {
    const score = (phase: MeasurePhase) => {
      const r = responses.find((x) => x.participantId === participantId && x.phase === phase);
      return r ? rsesScore(r.answers) : undefined;
    };
    const before = score('before');
    const after = score('after');
    return {
      participantId,
      before,
      after,
      change: before !== undefined && after !== undefined ? after - before : undefined,
    };
  });
}

export interface GroupChange {
  pairs: number;
  /** Hidden (undefined) below three pairs, so no one's score can be read off. */
  meanBefore: number | undefined;
  meanAfter: number | undefined;
  meanChange: number | undefined;
}

const mean = (values: number[]) =>
  Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;

export function groupChange(changes: readonly PairedChange[]): GroupChange {
  const pairs = changes.filter((c) => c.change !== undefined);
  if (pairs.length < SMALL)
    return {
      pairs: pairs.length,
      meanBefore: undefined,
      meanAfter: undefined,
      meanChange: undefined,
    };
  return {
    pairs: pairs.length,
    meanBefore: mean(pairs.map((p) => p.before!)),
    meanAfter: mean(pairs.map((p) => p.after!)),
    meanChange: mean(pairs.map((p) => p.change!)),
  };
}
