import { describe, expect, it } from 'vitest';
import { screeningTemplateContentSchema } from '../../../domain/screening-template';
import { uiLanguages } from '../../../i18n/languages';
import en from './en.json';

const files = import.meta.glob<typeof en>('./*.json', { eager: true, import: 'default' });
const template = (lng: string) => {
  const file = files[`./${lng}.json`];
  if (!file) throw new Error(`no screening template templates/${lng}.json`);
  return file;
};

describe('the shipped screening template', () => {
  it('is there, and passes its schema, in every language Aplis speaks', () => {
    for (const lng of uiLanguages) {
      const result = screeningTemplateContentSchema.safeParse(template(lng));
      expect(result.success, `templates/${lng}.json`).toBe(true);
      expect(template(lng).language).toBe(lng);
    }
  });

  it('asks the same questions with the same risk levels in every language', () => {
    const shape = (t: typeof en) => t.questions.map((q) => ({ id: q.id, risk: q.risk }));
    for (const lng of uiLanguages) {
      expect(shape(template(lng)), lng).toEqual(shape(en));
      expect(template(lng).id, lng).toBe(en.id);
      expect(template(lng).version, lng).toBe(en.version);
      // A help text in one language and not another would leave a reader without it.
      expect(
        template(lng).questions.map((q) => q.help !== undefined),
        lng,
      ).toEqual(en.questions.map((q) => q.help !== undefined));
    }
    expect(en.questions.map((q) => q.id)).toContain('missing-episodes');
  });

  it('refuses duplicate question ids', () => {
    const broken = { ...en, questions: [en.questions[0], en.questions[0]] };
    expect(screeningTemplateContentSchema.safeParse(broken).success).toBe(false);
  });
});
