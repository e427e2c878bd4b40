import { describe, expect, it } from 'vitest';
import { screeningTemplateContentSchema } from '../../../domain/screening-template';
import en from './en.json';
import lv from './lv.json';

describe('the shipped screening template', () => {
  it('passes its schema in both languages', () => {
    expect(screeningTemplateContentSchema.safeParse(en).success).toBe(true);
    expect(screeningTemplateContentSchema.safeParse(lv).success).toBe(true);
  });

  it('asks the same questions with the same risk levels in both languages', () => {
    const shape = (t: typeof en) => t.questions.map((q) => ({ id: q.id, risk: q.risk }));
    expect(shape(lv)).toEqual(shape(en));
    expect(lv.version).toBe(en.version);
    expect(en.questions.map((q) => q.id)).toContain('missing-episodes');
  });

  it('refuses duplicate question ids', () => {
    const broken = { ...en, questions: [en.questions[0], en.questions[0]] };
    expect(screeningTemplateContentSchema.safeParse(broken).success).toBe(false);
  });
});
