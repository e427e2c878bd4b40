// @vitest-environment node
/**
 * The plan PDF in every language Aplis speaks, with its real texts from
 * `locales/<lng>/plans.json` and the embedded font: pdftotext must give back
 * every heading, the support lines, the date and what the young person typed,
 * letter for letter — Latvian ā…ž, Russian ё ъ, Ukrainian і ї є ґ and the
 * apostrophe included.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { emptyPlan, relationshipAreas } from '../../domain/plan';
import { formatDate } from '../../i18n/format';
import { languageScripts, uiLanguages } from '../../i18n/languages';
import { loadPdfFonts } from '../../pdf/document';
import { createPlanPdf } from '../../pdf/plan-pdf';
import { planPdfTexts, supportContactsFor } from './plan-texts';

const root = path.resolve(import.meta.dirname, '../../..');
const out = path.join(root, 'test-results', 'plan-pdf');
const publicFetch = ((url: string) =>
  Promise.resolve(
    new Response(readFileSync(path.join(root, 'public', url))),
  )) as unknown as typeof fetch;

/** What a young person might type, with every letter of the language's alphabet. */
const typed = {
  Latn: {
    hopes: 'Ģimenē runāšu mierīgi: ā č ē ģ ī ķ ļ ņ š ū ž Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž',
    action: 'Teikt “nē”, kad negribu',
  },
  Cyrl: {
    hopes:
      'Съешь же ещё этих мягких французских булок, да выпей чаю. ЁЪЫЭ ёъыэ. Їжак ґаздує: є, і, ї, сім’я. ЄІЇҐ',
    action: 'Сказати «ні», коли не хочу',
  },
} as const;

function plansFile(lng: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(root, 'locales', lng, 'plans.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The characters a font file maps (fontconfig's fc-query), as a test of what it can draw. */
function fontCharset(file: string): (char: string) => boolean {
  const ranges = execFileSync('fc-query', ['--format=%{charset}', file], { encoding: 'utf8' })
    .trim()
    .split(/\s+/)
    .map((range) => range.split('-').map((hex) => parseInt(hex, 16)))
    .map(([from, to]) => [from!, to ?? from!] as const);
  return (char) =>
    ranges.some(([from, to]) => char.codePointAt(0)! >= from && char.codePointAt(0)! <= to);
}

describe('the plan PDF in every language', () => {
  it('embeds a font that draws every Latvian, Russian and Ukrainian letter, regular and bold', () => {
    const letters = [
      ...'aābcčdeēfgģhiījkķlļmnņoprsštuūvzž',
      ...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
      ...'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя',
      ...'’«»“”„—–№',
    ];
    for (const weight of ['Regular', 'Bold']) {
      const draws = fontCharset(path.join(root, 'public', 'fonts', `NotoSans-${weight}.ttf`));
      const missing = [...new Set([...letters, ...letters.map((c) => c.toUpperCase())])].filter(
        (c) => !draws(c),
      );
      expect(missing, `NotoSans-${weight}.ttf`).toEqual([]);
    }
    // The check itself can fail: the font has no CJK.
    expect(fontCharset(path.join(root, 'public', 'fonts', 'NotoSans-Regular.ttf'))('中')).toBe(
      false,
    );
  });

  for (const lng of uiLanguages) {
    it(`${lng}: pdftotext gives back the headings, support lines, date and typed words exactly`, async () => {
      const i18n = i18next.createInstance();
      await i18n.init({
        lng,
        resources: { [lng]: { plans: plansFile(lng) } },
        ns: ['plans'],
        interpolation: { escapeValue: false },
      });
      const t = i18n.getFixedT(lng, 'plans');
      const texts = planPdfTexts(t);
      const contacts = supportContactsFor(t, null);
      const words = typed[languageScripts[lng]];
      const plan = {
        ...emptyPlan(crypto.randomUUID(), lng),
        nameOnPlan: lng === 'lv' ? 'Līga' : 'Олеся',
        hopes: words.hopes,
        actions: { ...emptyPlan('', lng).actions, family: [words.action, '', ''] },
      };
      const date = formatDate('2026-11-23', lng);
      const bytes = await createPlanPdf(
        { plan, texts, date, contacts },
        await loadPdfFonts(publicFetch),
      );
      mkdirSync(out, { recursive: true });
      const file = path.join(out, `plan-${lng}.pdf`);
      writeFileSync(file, bytes);
      const text = fold(
        execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
      );

      const expected = [
        texts.title,
        ...Object.values(texts.sections),
        texts.actionsTitle,
        ...relationshipAreas.map((area) => texts.areas[area]),
        texts.contactsTitle,
        ...contacts.flatMap((c) => [c.label, c.phone]),
        date,
        plan.nameOnPlan,
        words.hopes,
        words.action,
      ];
      expect(contacts.length).toBeGreaterThan(0);
      for (const expectedText of expected)
        expect(text, `${lng}: the PDF text should contain “${expectedText}”`).toContain(
          fold(expectedText),
        );
      // The plan's texts really are in this language (not another one's file).
      expect(texts.title).toBe(plansFile(lng).title);
    });
  }
});
