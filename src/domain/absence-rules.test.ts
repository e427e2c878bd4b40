import { describe, expect, it } from 'vitest';
import { absenceFlags, type AbsenceRuleInput } from './absence-rules';

const cohortId = 'c0000000-0000-4000-8000-000000000000';
const alise = 'a0000000-0000-4000-8000-000000000001';
const beate = 'a0000000-0000-4000-8000-000000000002';

function meetings(count: number, cancelled: number[] = []): AbsenceRuleInput['meetings'] {
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i + 1}`,
    cohortId,
    number: i + 1,
    date: `2026-10-${String(i + 1).padStart(2, '0')}`,
    status: cancelled.includes(i + 1) ? 'cancelled' : 'held',
  }));
}

type Mark = AbsenceRuleInput['attendance'][number];
const mark = (n: number, participantId: string, status: Mark['status'], reason?: string): Mark => ({
  meetingId: `m${n}`,
  participantId,
  status,
  ...(reason ? { reason } : {}),
});

const none = new Set<string>();

describe('absence rules', () => {
  it('flags two meetings in a row absent without a reason, at the second one', () => {
    const flags = absenceFlags({
      meetings: meetings(3),
      attendance: [mark(1, alise, 'present'), mark(2, alise, 'absent'), mark(3, alise, 'absent')],
      missingRiskIds: none,
    });
    expect(flags).toEqual([
      { kind: 'absence-run', participantId: alise, meetingId: 'm3', cohortId, absences: 2 },
    ]);
  });

  it('does not flag two absences with an attendance between them', () => {
    const flags = absenceFlags({
      meetings: meetings(3),
      attendance: [mark(1, alise, 'absent'), mark(2, alise, 'late'), mark(3, alise, 'absent')],
      missingRiskIds: none,
    });
    expect(flags).toEqual([]);
  });

  it('lets an excused absence (with its reason) end the run', () => {
    const flags = absenceFlags({
      meetings: meetings(3),
      attendance: [
        mark(1, alise, 'absent'),
        mark(2, alise, 'excused', 'Exam at school'),
        mark(3, alise, 'absent'),
      ],
      missingRiskIds: none,
    });
    expect(flags).toEqual([]);
  });

  it('leaves out cancelled meetings and meetings with no mark when counting a run', () => {
    const flags = absenceFlags({
      meetings: meetings(4, [2]),
      attendance: [mark(1, alise, 'absent'), mark(4, alise, 'absent'), mark(2, beate, 'present')],
      missingRiskIds: none,
    });
    expect(flags.map((f) => [f.participantId, f.meetingId, f.absences])).toEqual([
      [alise, 'm4', 2],
    ]);
  });

  it('uses the configured threshold, and flags again when the run goes on', () => {
    const attendance = [1, 2, 3, 4, 5, 6].map((n) => mark(n, alise, 'absent'));
    expect(
      absenceFlags({ meetings: meetings(6), attendance, missingRiskIds: none, threshold: 3 }).map(
        (f) => f.meetingId,
      ),
    ).toEqual(['m3', 'm6']);
  });

  it('counts a run from absences before the meetings given, and a present mark ends it as ever', () => {
    const attendance = [1, 2, 3, 4].map((n) => mark(n, alise, 'absent'));
    const flagged = (runBefore: Map<string, number>) =>
      absenceFlags({
        meetings: meetings(4),
        attendance,
        missingRiskIds: none,
        threshold: 2,
        runBefore,
      }).map((f) => `${f.meetingId}:${f.absences}`);
    expect(flagged(new Map())).toEqual(['m2:2', 'm4:4']);
    expect(flagged(new Map([[alise, 1]]))).toEqual(['m1:2', 'm3:4']);
    expect(flagged(new Map([[beate, 1]]))).toEqual(['m2:2', 'm4:4']);
  });

  it('never treats a single absence as a run, whatever the threshold says', () => {
    expect(
      absenceFlags({
        meetings: meetings(1),
        attendance: [mark(1, alise, 'absent')],
        missingRiskIds: none,
        threshold: 1,
      }),
    ).toEqual([]);
  });

  it('flags any absence of someone at risk of going missing, excused or not, and only theirs', () => {
    const flags = absenceFlags({
      meetings: meetings(3),
      attendance: [
        mark(1, alise, 'excused', 'Ill'),
        mark(2, alise, 'present'),
        mark(3, alise, 'absent'),
        mark(1, beate, 'absent'),
      ],
      missingRiskIds: new Set([alise]),
    });
    expect(flags.map((f) => [f.kind, f.participantId, f.meetingId])).toEqual([
      ['missing-risk-absence', alise, 'm1'],
      ['missing-risk-absence', alise, 'm3'],
    ]);
  });

  it('keeps only the missing-risk flag when both rules fire on the same absence', () => {
    const flags = absenceFlags({
      meetings: meetings(2),
      attendance: [mark(1, alise, 'absent'), mark(2, alise, 'absent')],
      missingRiskIds: new Set([alise]),
    });
    expect(flags.map((f) => [f.kind, f.meetingId])).toEqual([
      ['missing-risk-absence', 'm1'],
      ['missing-risk-absence', 'm2'],
    ]);
  });

  it('gives nothing for an empty cohort', () => {
    expect(absenceFlags({ meetings: [], attendance: [], missingRiskIds: none })).toEqual([]);
  });
});
