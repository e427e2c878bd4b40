import { describe, expect, it } from 'vitest';
import {
  clearanceOf,
  emptyNeeds,
  isOverride,
  isScreeningCurrent,
  proposeOutcome,
  reportsRecentMissingEpisodes,
  rescreenDue,
  type Screening,
} from './screening';
import { validateScreening, type ScreeningForm } from './screening-form';
import type { AnswerValue, RiskLevel, SafetyQuestion } from './screening-template';

/** The shipped questions' ids and risk levels (features/screening/templates checks they match). */
const q = (id: string, yes: RiskLevel, no: RiskLevel, unsure: RiskLevel): SafetyQuestion => ({
  id,
  text: id,
  risk: { yes, no, unsure },
});
const template = {
  id: 'aplis-safety',
  version: 1,
  language: 'en' as const,
  title: 'Safety screening',
  questions: [
    q('exploiter-contact', 'red', 'green', 'amber'),
    q('ties-cut', 'green', 'red', 'amber'),
    q('pressure-to-recruit', 'red', 'green', 'amber'),
    q('missing-episodes', 'amber', 'green', 'amber'),
    q('current-crisis', 'red', 'green', 'amber'),
    q('safe-travel', 'green', 'amber', 'amber'),
    q('known-to-member', 'red', 'green', 'amber'),
  ],
};
const questions = template.questions;
const IEVA = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

/** Every question answered the safe way, then the given answers on top. */
function answers(overrides: Record<string, AnswerValue> = {}) {
  const safe: Record<string, AnswerValue> = {
    'exploiter-contact': 'no',
    'ties-cut': 'yes',
    'pressure-to-recruit': 'no',
    'missing-episodes': 'no',
    'current-crisis': 'no',
    'safe-travel': 'yes',
    'known-to-member': 'no',
  };
  return Object.fromEntries(
    Object.entries({ ...safe, ...overrides }).map(([id, answer]) => [id, { answer, note: '' }]),
  );
}

function aForm(overrides: Partial<ScreeningForm> = {}): ScreeningForm {
  return {
    answers: answers(),
    conversations: [
      { with: 'social-worker', date: '2026-11-19', who: '', summary: 'Phone call.' },
      { with: 'young-person', date: '2026-11-20', who: '', summary: 'Talked at the centre.' },
    ],
    outcome: 'group',
    rationale: 'No risks found; she wants to join.',
    overrideReason: '',
    nextStepOwnerId: '',
    nextStepBy: '',
    rescreenOn: '',
    ...overrides,
  };
}

function aScreening(overrides: Partial<Screening> = {}): Screening {
  return {
    id: crypto.randomUUID(),
    participantId: crypto.randomUUID(),
    template: { id: template.id, version: template.version, language: 'en' },
    questions,
    answers: answers(),
    conversations: [],
    needs: emptyNeeds(),
    groupFit: { language: 'lv', composition: 'any', accessNeeds: '', times: '' },
    proposedOutcome: 'group',
    outcome: 'group',
    rationale: 'Fine.',
    completedOn: '2026-09-01',
    completedBy: crypto.randomUUID(),
    createdAt: '2026-09-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('the outcome the answers propose', () => {
  it('proposes a group when every answer is green', () => {
    expect(proposeOutcome(questions, answers())).toBe('group');
  });

  it('proposes individual support for any red answer', () => {
    expect(proposeOutcome(questions, answers({ 'exploiter-contact': 'yes' }))).toBe(
      'individual-support',
    );
    expect(proposeOutcome(questions, answers({ 'ties-cut': 'no' }))).toBe('individual-support');
    // red wins over amber
    expect(
      proposeOutcome(questions, answers({ 'safe-travel': 'no', 'known-to-member': 'yes' })),
    ).toBe('individual-support');
  });

  it('proposes a review when the worst answer is amber (e.g. unsure)', () => {
    expect(proposeOutcome(questions, answers({ 'exploiter-contact': 'unsure' }))).toBe('review');
  });

  it('proposes nothing until every question is answered', () => {
    const partial = answers();
    delete partial['current-crisis'];
    expect(proposeOutcome(questions, partial)).toBeUndefined();
  });
});

describe('override rules', () => {
  it('choosing a group against the proposal is an override; following it is not', () => {
    expect(isOverride('individual-support', 'group')).toBe(true);
    expect(isOverride('review', 'group')).toBe(true);
    expect(isOverride('group', 'group')).toBe(false);
    expect(isOverride('individual-support', 'individual-support')).toBe(false);
    expect(isOverride('group', 'not-now')).toBe(false);
  });

  it('refuses an override to group without a written reason, accepts it with one', () => {
    const red = answers({ 'pressure-to-recruit': 'yes' });
    expect(
      validateScreening(questions, aForm({ answers: red, overrideReason: '  ' }), '2026-11-23'),
    ).toEqual({ overrideReason: 'no-override-reason' });
    expect(
      validateScreening(
        questions,
        aForm({ answers: red, overrideReason: 'The social worker confirmed the pressure ended.' }),
        '2026-11-23',
      ),
    ).toEqual({});
  });
});

describe('validating a screening', () => {
  const today = '2026-11-23';

  it('accepts a complete group screening without a next step', () => {
    expect(validateScreening(questions, aForm(), today)).toEqual({});
  });

  it('refuses a screening without a rationale', () => {
    expect(validateScreening(questions, aForm({ rationale: ' ' }), today)).toEqual({
      rationale: 'no-rationale',
    });
  });

  it('asks for the next step (a staff owner, by when) for an outcome other than group', () => {
    expect(validateScreening(questions, aForm({ outcome: 'review' }), today)).toEqual({
      nextStepOwner: 'no-next-step-owner',
      nextStepBy: 'no-next-step-by',
    });
    expect(
      validateScreening(
        questions,
        aForm({ outcome: 'review', nextStepOwnerId: IEVA, nextStepBy: '2026-11-22' }),
        today,
      ),
    ).toEqual({ nextStepBy: 'next-step-in-past' });
  });

  it('asks for a future re-screen date when the outcome is "not now"', () => {
    const form = aForm({ outcome: 'not-now', nextStepOwnerId: IEVA, nextStepBy: '2026-12-01' });
    expect(validateScreening(questions, form, today)).toEqual({ rescreenOn: 'no-rescreen-date' });
    expect(validateScreening(questions, { ...form, rescreenOn: today }, today)).toEqual({
      rescreenOn: 'rescreen-in-past',
    });
    expect(validateScreening(questions, { ...form, rescreenOn: '2027-02-01' }, today)).toEqual({});
  });

  it('a group outcome needs talks with both the young person and a professional', () => {
    const onlyYoungPerson = aForm({
      conversations: [{ with: 'young-person', date: '2026-11-20', who: '', summary: 'Talk.' }],
    });
    expect(validateScreening(questions, onlyYoungPerson, today)).toEqual({
      conversations: 'group-needs-both-conversations',
    });
    // A review (waiting for the social worker) can be recorded after one conversation.
    expect(
      validateScreening(
        questions,
        { ...onlyYoungPerson, outcome: 'review', nextStepOwnerId: IEVA, nextStepBy: '2026-12-01' },
        today,
      ),
    ).toEqual({});
  });

  it('needs every question answered and a conversation that has happened', () => {
    const partial = answers();
    delete partial['safe-travel'];
    expect(
      validateScreening(questions, aForm({ answers: partial, conversations: [] }), today),
    ).toEqual({ answers: 'unanswered', conversations: 'no-conversation' });
    expect(
      validateScreening(
        questions,
        aForm({
          conversations: [{ with: 'guardian', date: '2026-11-30', who: '', summary: 'Call' }],
        }),
        today,
      ),
    ).toEqual({ conversations: 'conversation-in-future' });
  });
});

describe('expiry and clearance', () => {
  it('a screening is current for the validity period, including its last day', () => {
    const s = aScreening({ completedOn: '2026-09-01' });
    expect(isScreeningCurrent(s, '2026-11-30', 90)).toBe(true);
    expect(isScreeningCurrent(s, '2026-12-01', 90)).toBe(false);
    expect(isScreeningCurrent(s, '2026-12-01', 120)).toBe(true);
  });

  it('clears only a current group screening, judged by the latest one', () => {
    const old = aScreening({ completedOn: '2026-06-01', createdAt: '2026-06-01T10:00:00.000Z' });
    const red = aScreening({
      completedOn: '2026-11-01',
      createdAt: '2026-11-01T10:00:00.000Z',
      outcome: 'individual-support',
    });
    expect(clearanceOf([], '2026-11-23')).toBe('not-screened');
    expect(clearanceOf([old], '2026-11-23')).toBe('expired');
    expect(clearanceOf([old, red], '2026-11-23')).toBe('not-cleared');
    expect(clearanceOf([aScreening({ completedOn: '2026-11-20' })], '2026-11-23')).toBe('cleared');
  });

  it('offers re-screening when the latest screening expired or its re-screen date came', () => {
    expect(rescreenDue([aScreening({ completedOn: '2026-06-01' })], '2026-11-23')).toBe(true);
    expect(rescreenDue([aScreening({ completedOn: '2026-11-01' })], '2026-11-23')).toBe(false);
    const notNow = aScreening({
      completedOn: '2026-11-01',
      outcome: 'not-now',
      rescreenOn: '2026-11-20',
    });
    expect(rescreenDue([notNow], '2026-11-23')).toBe(true);
    expect(rescreenDue([notNow], '2026-11-19')).toBe(false);
  });

  it('offers re-screening when a concern about the person was raised after the screening', () => {
    const s = aScreening({ completedOn: '2026-11-01', createdAt: '2026-11-01T10:00:00.000Z' });
    expect(rescreenDue([s], '2026-11-23', 90, ['2026-10-20T09:00:00.000Z'])).toBe(false);
    expect(rescreenDue([s], '2026-11-23', 90, ['2026-11-20T09:00:00.000Z'])).toBe(true);
  });
});

describe('recent missing episodes (for meeting mode)', () => {
  it('is reported for yes and unsure, not for no or without a screening', () => {
    expect(
      reportsRecentMissingEpisodes(aScreening({ answers: answers({ 'missing-episodes': 'yes' }) })),
    ).toBe(true);
    expect(
      reportsRecentMissingEpisodes(
        aScreening({ answers: answers({ 'missing-episodes': 'unsure' }) }),
      ),
    ).toBe(true);
    expect(reportsRecentMissingEpisodes(aScreening())).toBe(false);
    expect(reportsRecentMissingEpisodes(undefined)).toBe(false);
  });
});
