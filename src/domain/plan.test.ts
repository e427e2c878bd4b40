import { describe, expect, it } from 'vitest';
import {
  emptyPlan,
  PLAN_TEXT_MAX,
  planFieldErrors,
  planProgress,
  planSchema,
  planSupportContacts,
  sectionHasContent,
} from './plan';

const participantId = '7d0c1a52-33a1-4c8e-9a57-3f0d5b0c9f11';
const label = (id: string) => `label:${id}`;

describe('a healthy-relationship plan', () => {
  it('starts empty and valid: every question may be skipped', () => {
    const plan = emptyPlan(participantId, 'lv');
    expect(planSchema.safeParse(plan).success).toBe(true);
    expect(planProgress(plan)).toEqual({ filled: [], total: 7 });
    expect(planFieldErrors(plan)).toEqual({});
  });

  it('counts a part as written only when it has more than spaces in it', () => {
    const plan = { ...emptyPlan(participantId, 'en'), hopes: '   \n ', boundaries: 'No secrets' };
    expect(sectionHasContent(plan, 'hopes')).toBe(false);
    expect(planProgress(plan).filled).toEqual(['boundaries']);
  });

  it('counts the three-actions grid as written when any one action is', () => {
    const plan = emptyPlan(participantId, 'en');
    plan.actions.partners[2] = 'Say no when I mean no';
    expect(planProgress(plan).filled).toEqual(['actions']);
  });

  it('names the field that is too long, so the message can stand beside it', () => {
    const plan = emptyPlan(participantId, 'en');
    plan.selfCare = 'x'.repeat(PLAN_TEXT_MAX + 1);
    plan.actions.family[1] = 'y'.repeat(301);
    expect(planFieldErrors(plan)).toEqual({ selfCare: 'tooLong', 'actions.family.1': 'tooLong' });
  });

  it('keeps exactly three actions per kind of relationship', () => {
    const plan = emptyPlan(participantId, 'en');
    expect(
      planSchema.safeParse({ ...plan, actions: { ...plan.actions, self: ['a'] } }).success,
    ).toBe(false);
  });
});

describe('support contacts printed on a plan', () => {
  it('prints 116 111 and 116 006 by default, then the organisation’s own contacts', () => {
    const contacts = planSupportContacts(label, {
      supportContacts: [{ label: 'Centrs', phone: '+371 2000 0000' }],
    });
    expect(contacts).toEqual([
      { label: 'label:children', phone: '116 111' },
      { label: 'label:crimeVictims', phone: '116 006' },
      { label: 'Centrs', phone: '+371 2000 0000' },
    ]);
  });

  it('leaves out a default helpline the organisation turned off', () => {
    const contacts = planSupportContacts(label, { supportContacts: [], helplines: ['children'] });
    expect(contacts.map((c) => c.phone)).toEqual(['116 111']);
  });

  it('still prints the defaults when the organisation cannot be read', () => {
    expect(planSupportContacts(label, null).map((c) => c.phone)).toEqual(['116 111', '116 006']);
  });
});
