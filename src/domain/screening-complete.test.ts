import { describe, expect, it } from 'vitest';
import { completeScreening, type ScreeningInput } from './screening-complete';
import { emptyScreeningDraft } from './screening-form';
import type { AnswerValue, RiskLevel, SafetyQuestion } from './screening-template';

const q = (id: string, yes: RiskLevel, no: RiskLevel): SafetyQuestion => ({
  id,
  text: id,
  risk: { yes, no, unsure: 'amber' },
});
const template = {
  id: 'aplis-safety',
  version: 2,
  language: 'en' as const,
  questions: [q('exploiter-contact', 'red', 'green'), q('safe-travel', 'green', 'amber')],
};
const today = '2026-11-20';
const ANNA = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const MARIS = '4a2d3b5f-6c7e-4f80-9bac-1d2e3f4a5b6c';
const PERSON = '5b3e4c6a-7d8f-4a91-8cbd-2e3f4a5b6c7d';
const actor = { staffId: ANNA, activeStaffIds: [ANNA] };

function anInput(
  answers: Record<string, AnswerValue>,
  overrides: Partial<ScreeningInput> = {},
): ScreeningInput {
  const draft = emptyScreeningDraft('lv', today);
  return {
    ...draft,
    participantId: PERSON,
    age: 16,
    answers: Object.fromEntries(
      Object.entries(answers).map(([id, answer]) => [id, { answer, note: ` ${id} note ` }]),
    ),
    conversations: draft.conversations.map((c) => ({ ...c, who: ' Ilze ', summary: ' Talked. ' })),
    rationale: '  Ready.  ',
    ...overrides,
  };
}

describe('completing a screening', () => {
  it('without a chosen outcome follows the proposal, and writes the trimmed record', () => {
    const review = completeScreening(
      template,
      anInput({ 'exploiter-contact': 'no', 'safe-travel': 'yes' }),
      actor,
      today,
    );
    expect(review.outcome).toBe('group');
    expect(review.problems).toEqual({});
    const { screening, followUps, audit } = review.completed!;
    expect(screening).toMatchObject({
      participantId: PERSON,
      proposedOutcome: 'group',
      outcome: 'group',
      rationale: 'Ready.',
      completedOn: today,
      completedBy: ANNA,
      age: 16,
    });
    expect(screening.answers['exploiter-contact']).toEqual({
      answer: 'no',
      note: 'exploiter-contact note',
    });
    expect(screening.conversations[0]).toMatchObject({ who: 'Ilze', summary: 'Talked.' });
    expect(followUps).toEqual([]);
    expect(audit.map((a) => a.action)).toEqual(['screening-created', 'screening-outcome-set']);
  });

  it('shows the same problems the save refuses, and writes nothing while any remain', () => {
    const review = completeScreening(
      template,
      anInput({ 'exploiter-contact': 'yes', 'safe-travel': 'yes' }, { outcome: 'group' }),
      actor,
      today,
    );
    expect(review.proposal?.outcome).toBe('individual-support');
    expect(review.overriding).toBe(true);
    expect(review.problems.overrideReason).toBe('no-override-reason');
    expect(review.completed).toBeUndefined();
  });

  it('audits an override to a group and keeps its reason', () => {
    const review = completeScreening(
      template,
      anInput(
        { 'exploiter-contact': 'no', 'safe-travel': 'no' },
        { outcome: 'group', overrideReason: ' A worker travels with her. ' },
      ),
      actor,
      today,
    );
    expect(review.completed?.screening.overrideReason).toBe('A worker travels with her.');
    expect(review.completed?.audit.map((a) => a.action)).toContain('screening-outcome-overridden');
  });

  it('turns a red answer into individual support with a pathway and its follow-ups', () => {
    const review = completeScreening(
      template,
      anInput(
        { 'exploiter-contact': 'yes', 'safe-travel': 'yes' },
        {
          nextStepOwnerId: ANNA,
          nextStepBy: '2026-11-25',
          pathway: {
            keyWorkerId: ANNA,
            agreedSupport: ' Weekly talks. ',
            reviewOn: '2026-12-20',
            groupScreeningFrom: '2027-01-10',
          },
        },
      ),
      actor,
      today,
    );
    const { screening, followUps, pathway } = review.completed!;
    expect(screening.outcome).toBe('individual-support');
    expect(pathway).toMatchObject({ keyWorkerId: ANNA, agreedSupport: 'Weekly talks.' });
    expect(followUps.map((f) => [f.kind, f.ownerId, f.dueDate])).toEqual([
      ['screening-next-step', ANNA, '2026-11-25'],
      ['support-review', ANNA, '2026-12-20'],
    ]);
  });

  it('refuses a next-step owner or key worker who can no longer sign in', () => {
    const review = completeScreening(
      template,
      anInput(
        { 'exploiter-contact': 'yes', 'safe-travel': 'yes' },
        {
          nextStepOwnerId: MARIS,
          nextStepBy: '2026-11-25',
          pathway: {
            keyWorkerId: MARIS,
            agreedSupport: 'Weekly talks.',
            reviewOn: '2026-12-20',
            groupScreeningFrom: '2027-01-10',
          },
        },
      ),
      actor,
      today,
    );
    expect(review.problems).toMatchObject({
      nextStepOwner: 'no-next-step-owner',
      keyWorker: 'no-key-worker',
    });
    expect(review.completed).toBeUndefined();
  });

  it('refuses a conversation of a kind the record does not know', () => {
    const input = anInput({ 'exploiter-contact': 'no', 'safe-travel': 'yes' });
    input.conversations[0]!.with = 'neighbour';
    const review = completeScreening(template, input, actor, today);
    expect(review.problems.conversations).toBe('conversation-incomplete');
  });
});
