import { describe, expect, it } from 'vitest';
import {
  askedQuestions,
  needsNextStep,
  needsSameDayResponse,
  proposeScreening,
} from '../../../domain/screening';
import { validateScreening, type ScreeningForm } from '../../../domain/screening-form';
import {
  screeningTemplateContentSchema,
  type AnswerValue,
} from '../../../domain/screening-template';
import { uiLanguages } from '../../../i18n/languages';
import en from './en.json';

const files = import.meta.glob<typeof en>('./*.json', { eager: true, import: 'default' });
const templateIn = (lng: string) => {
  const file = files[`./${lng}.json`];
  if (!file) throw new Error(`no screening template templates/${lng}.json`);
  return file;
};

const lv = templateIn('lv');
const template = screeningTemplateContentSchema.parse(en);
const questions = template.questions;

/** Every asked question answered the safe way, then the given answers on top. */
function answers(overrides: Record<string, AnswerValue> = {}) {
  const safe: Record<string, AnswerValue> = {};
  for (const q of questions) {
    const green = (['no', 'yes', 'unsure'] as const).find(
      (a) => q.risk[a] === 'green' && !q.signals?.[a],
    );
    safe[q.id] = green!;
  }
  return Object.fromEntries(
    Object.entries({ ...safe, ...overrides }).map(([id, answer]) => [id, { answer, note: '' }]),
  );
}

describe('the shipped screening template', () => {
  it('is there, and passes its schema, in every language Aplis speaks', () => {
    for (const lng of uiLanguages) {
      const result = screeningTemplateContentSchema.safeParse(templateIn(lng));
      expect(result.success, `templates/${lng}.json`).toBe(true);
      expect(templateIn(lng).language).toBe(lng);
    }
  });

  it('asks the same questions with the same rules in every language', () => {
    const shape = (t: typeof en) =>
      t.questions.map((q) => ({
        id: q.id,
        risk: q.risk,
        signals: 'signals' in q ? q.signals : undefined,
        askWhen: 'askWhen' in q ? q.askWhen : undefined,
        needArea: 'needArea' in q ? q.needArea : undefined,
      }));
    for (const lng of uiLanguages) {
      expect(shape(templateIn(lng)), lng).toEqual(shape(en));
      expect(templateIn(lng).id, lng).toBe(en.id);
      expect(templateIn(lng).version, lng).toBe(en.version);
      // A help text in one language and not another would leave a reader without it.
      expect(
        templateIn(lng).questions.map((q) => q.help !== undefined),
        lng,
      ).toEqual(en.questions.map((q) => q.help !== undefined));
    }
    expect(en.questions.map((q) => q.id)).toContain('missing-episodes');
  });

  it('refuses duplicate question ids', () => {
    const broken = { ...en, questions: [en.questions[0], en.questions[0]] };
    expect(screeningTemplateContentSchema.safeParse(broken).success).toBe(false);
  });

  it('speaks of the parents or legal representative, not a guardian, in Latvian', () => {
    const consent = lv.questions.find((q) => q.id === 'parent-consent')!;
    expect(consent.text).toContain('vecāku vai likumiskā pārstāvja piekrišana');
    expect(JSON.stringify(lv)).not.toMatch(/aizbild/i);
  });
});

describe('version 2: what the answers propose', () => {
  it('proposes a group when every answer is safe, by the “clear” rule', () => {
    expect(proposeScreening(questions, answers(), 16)).toEqual({
      outcome: 'group',
      rule: 'clear',
      because: [],
    });
  });

  it('self-harm now is red, proposes individual support and calls for a same-day response', () => {
    const a = answers({ 'self-harm-now': 'yes' });
    expect(proposeScreening(questions, a, 16)).toEqual({
      outcome: 'individual-support',
      rule: 'red',
      because: ['self-harm-now'],
    });
    expect(needsSameDayResponse(questions, a)).toBe(true);
    expect(needsSameDayResponse(questions, answers())).toBe(false);
    // Unsure also shows the same-day steps, and asks for a review.
    const unsure = answers({ 'self-harm-now': 'unsure' });
    expect(needsSameDayResponse(questions, unsure)).toBe(true);
    expect(proposeScreening(questions, unsure, 16)?.outcome).toBe('review');
  });

  it('separates acute mental health, current danger and substance use', () => {
    expect(proposeScreening(questions, answers({ 'acute-mental-health': 'yes' }), 20)).toEqual({
      outcome: 'individual-support',
      rule: 'red',
      because: ['acute-mental-health'],
    });
    expect(proposeScreening(questions, answers({ 'current-danger': 'yes' }), 20)?.because).toEqual([
      'current-danger',
    ]);
    expect(proposeScreening(questions, answers({ 'substance-use': 'yes' }), 20)).toEqual({
      outcome: 'review',
      rule: 'amber',
      because: ['substance-use'],
    });
  });

  it('homelessness is a need with a next step, never a reason against the group', () => {
    const homeless = answers({ 'safe-housing': 'no' });
    expect(proposeScreening(questions, homeless, 17)?.outcome).toBe('group');
    expect(needsNextStep('group', questions, homeless)).toBe(true);
    expect(needsNextStep('group', questions, answers())).toBe(false);
  });

  it('a young person who does not want or agree to a group now is proposed “not now”', () => {
    expect(proposeScreening(questions, answers({ 'wants-group': 'no' }), 19)).toEqual({
      outcome: 'not-now',
      rule: 'not-now',
      because: ['wants-group'],
    });
    expect(proposeScreening(questions, answers({ 'assent-to-group': 'no' }), 19)?.outcome).toBe(
      'not-now',
    );
    // A red answer still routes to individual support: not wanting a group never means no help.
    expect(
      proposeScreening(questions, answers({ 'wants-group': 'no', 'ties-cut': 'no' }), 19)?.outcome,
    ).toBe('individual-support');
  });

  it('asks for the parents’ or legal representative’s consent only under 18 (or age unknown)', () => {
    const ids = (age: number | undefined) => askedQuestions(questions, age).map((q) => q.id);
    expect(ids(16)).toContain('parent-consent');
    expect(ids(undefined)).toContain('parent-consent');
    expect(ids(19)).not.toContain('parent-consent');
    const noConsent = answers({ 'parent-consent': 'no' });
    expect(proposeScreening(questions, noConsent, 16)?.outcome).toBe('review');
    // For a 19-year-old the question is not asked, so it cannot count.
    const adult = answers();
    delete adult['parent-consent'];
    expect(proposeScreening(questions, adult, 19)?.outcome).toBe('group');
    expect(proposeScreening(questions, adult, 16)).toBeUndefined();
  });
});

describe('version 2: completing the form', () => {
  const today = '2026-12-02';
  const staffId = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
  const form = (overrides: Partial<ScreeningForm> = {}): ScreeningForm => ({
    answers: answers(),
    conversations: [
      { with: 'social-worker', date: '2026-11-30', who: '', summary: 'Call.' },
      { with: 'young-person', date: '2026-12-01', who: '', summary: 'Talk.' },
    ],
    outcome: 'group',
    rationale: 'Reasons.',
    overrideReason: '',
    nextStepOwnerId: '',
    nextStepBy: '',
    rescreenOn: '',
    age: 16,
    ...overrides,
  });

  it('a housing need must be written down and given an owner and a date', () => {
    const homeless = answers({ 'safe-housing': 'no' });
    expect(validateScreening(questions, form({ answers: homeless }), today)).toEqual({
      needs: 'need-not-written',
      nextStepOwner: 'no-next-step-owner',
      nextStepBy: 'no-next-step-by',
    });
    expect(
      validateScreening(
        questions,
        form({
          answers: homeless,
          needs: { welfare: { need: 'Sleeps at friends’ places.' } },
          nextStepOwnerId: staffId,
          nextStepBy: '2026-12-04',
        }),
        today,
      ),
    ).toEqual({});
  });

  it('individual support needs a key worker, agreed support, a review date and a group re-screen date', () => {
    const red = answers({ 'self-harm-now': 'yes' });
    const base = form({
      answers: red,
      outcome: 'individual-support',
      nextStepOwnerId: staffId,
      nextStepBy: '2026-12-02',
    });
    expect(validateScreening(questions, base, today)).toEqual({
      keyWorker: 'no-key-worker',
      agreedSupport: 'no-agreed-support',
      reviewOn: 'no-review-date',
      groupScreeningFrom: 'no-group-screening-date',
    });
    const pathway = {
      keyWorkerId: staffId,
      agreedSupport: 'Weekly meetings with the key worker; psychiatrist appointment.',
      reviewOn: '2026-12-16',
      groupScreeningFrom: '2026-12-10',
    };
    expect(validateScreening(questions, { ...base, pathway }, today)).toEqual({
      groupScreeningFrom: 'group-screening-before-review',
    });
    expect(
      validateScreening(
        questions,
        { ...base, pathway: { ...pathway, groupScreeningFrom: '2027-01-15' } },
        today,
      ),
    ).toEqual({});
  });
});
