// @vitest-environment node
/**
 * Every character the app can put into a PDF is in the font the PDF embeds
 * (Noto Sans, public/fonts). A missing glyph prints as nothing — the funder
 * legend once read "“” means 3 or more" because Noto Sans has no "≥".
 *
 * For every language with a folder in locales/ or sessions/ (found at run
 * time, so a new language is covered the day it lands), the plan PDF and the
 * funder PDF are really drawn with jsPDF, every string handed to `text()` is
 * recorded with the weight it is drawn in, and each character is looked up
 * in that font file's cmap. Also every string of the namespaces the PDFs take
 * their texts from (all of plans, the funder part of reports), so a text the
 * sample data does not reach is checked too, and every form a suppressed
 * count can take.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import type * as JsPdfModule from 'jspdf';
import { describe, expect, it, vi } from 'vitest';
import { emptyPlan, type Plan } from '../domain/plan';
import { funderReport, tallyFeedback } from '../domain/reports/funder';
import { organisationOverview } from '../domain/reports/overview';
import { protectBreakdown, suppressCount } from '../domain/reports/suppression';
import { planPdfTexts, supportContactsFor } from '../features/plans/plan-texts';
import { fontCodePoints } from '../testing/ttf-cmap';
import { createPlanPdf } from './plan-pdf';
import { createFunderPdf } from './report-pdf';

const root = path.resolve(import.meta.dirname, '../..');

/** What each jsPDF document drew, with the weight it was drawn in. */
const drawn: { text: string; weight: string }[] = [];

vi.mock('jspdf', async (importOriginal) => {
  const original = await importOriginal<typeof JsPdfModule>();
  class RecordingPdf extends original.jsPDF {
    constructor(...args: ConstructorParameters<typeof original.jsPDF>) {
      super(...args);
      const text = this.text.bind(this);
      this.text = ((value: string | string[], ...rest: unknown[]) => {
        const weight = this.getFont().fontStyle;
        for (const line of [value].flat()) drawn.push({ text: line, weight });
        return (text as (...a: unknown[]) => typeof this)(value, ...rest);
      }) as typeof this.text;
    }
  }
  return { ...original, jsPDF: RecordingPdf };
});

const fontFile = (weight: string) =>
  readFileSync(path.join(root, 'public/fonts', `NotoSans-${weight}.ttf`));
const glyphs = {
  normal: fontCodePoints(fontFile('Regular')),
  bold: fontCodePoints(fontFile('Bold')),
};
const fonts = {
  regular: fontFile('Regular').toString('base64'),
  bold: fontFile('Bold').toString('base64'),
};

/** Characters of `text` the font has no glyph for (line breaks and spaces are layout, not glyphs). */
function missing(text: string, weight: 'normal' | 'bold'): string[] {
  return [...new Set([...text])].filter(
    (c) => !/\s/.test(c) && !glyphs[weight].has(c.codePointAt(0)!),
  );
}

function languages(): string[] {
  const dirs = (dir: string) =>
    readdirSync(path.join(root, dir), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  const fromSessions = dirs('sessions').flatMap((programme) =>
    readdirSync(path.join(root, 'sessions', programme))
      .filter((f) => /^[a-z]{2,3}\.json$/.test(f))
      .map((f) => f.replace('.json', '')),
  );
  return [...new Set([...dirs('locales'), ...fromSessions])].sort();
}

function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

async function tFor(lng: string, ns: string) {
  const file = path.join(root, 'locales', lng, `${ns}.json`);
  expect(existsSync(file), `locales/${lng}/${ns}.json`).toBe(true);
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    ns: [ns],
    defaultNS: ns,
    resources: { [lng]: { [ns]: messages } },
    interpolation: { escapeValue: false },
  });
  return { t: instance.t.bind(instance) as TFunction, messages };
}

const found = languages();

describe('the fonts embedded in PDFs', () => {
  it('finds the app’s languages in locales/ and sessions/', () => {
    expect(found).toEqual(expect.arrayContaining(['en', 'lv']));
  });

  it('has every form a suppressed count can take', () => {
    const forms = [
      suppressCount(1),
      suppressCount(12),
      ...protectBreakdown(7, [[1, 2, 4]]).groups.flat(),
      protectBreakdown(7, [[1, 2, 4]]).total,
      ...protectBreakdown(40, [
        [1, 3, 36],
        [2, 2, 36],
      ]).groups.flat(),
      protectBreakdown(40, [
        [1, 3, 36],
        [2, 2, 36],
      ]).total,
      '87 %',
      '–',
    ];
    for (const form of forms) {
      expect(missing(form, 'normal'), form).toEqual([]);
      expect(missing(form, 'bold'), form).toEqual([]);
    }
  });

  for (const lng of found) {
    it(`draws every text of the plan PDF in ${lng} with glyphs the font has`, async () => {
      const { t, messages } = await tFor(lng, 'plans');
      const plan: Plan = {
        ...emptyPlan(crypto.randomUUID(), lng),
        nameOnPlan: 'Līga',
        hopes: 'ā č ē ģ ī ķ ļ ņ š ū ž Я ї ґ є',
        strengths: 'x',
        selfCare: 'x',
        boundaries: 'x',
        trustedPeople: 'x',
        helpPlaces: 'x',
        actions: {
          self: ['a', 'b', 'c'],
          family: ['a', '', ''],
          peers: ['', '', 'c'],
          partners: ['a', 'b', ''],
        },
      };
      drawn.length = 0;
      await createPlanPdf(
        {
          plan,
          texts: planPdfTexts(t),
          date: '02.12.2026.',
          contacts: supportContactsFor(t, {
            id: 'o',
            name: 'Centrs',
            supportContacts: [{ label: 'Krīzes tālrunis — naktī', phone: '+371 67 222 922' }],
            createdAt: '2026-01-01T00:00:00.000Z',
          }),
        },
        fonts,
      );
      expect(drawn.length).toBeGreaterThan(20);
      for (const { text, weight } of drawn)
        expect(missing(text, weight === 'bold' ? 'bold' : 'normal'), text).toEqual([]);
      for (const text of strings(messages)) {
        expect(missing(text, 'normal'), text).toEqual([]);
        expect(missing(text, 'bold'), text).toEqual([]);
      }
    });

    it(`draws every text of the funder PDF in ${lng} with glyphs the font has`, async () => {
      const { t, messages } = await tFor(lng, 'reports');
      const overview = organisationOverview({
        from: '2026-01-01',
        to: '2026-06-30',
        cohorts: [],
        meetings: [],
        attendance: [],
        enrolments: [],
        referrals: [],
        screenings: [],
        participants: [],
      });
      const report = funderReport({
        organisation: 'Biedrība «Ābeļzieds»',
        overview,
        feedback: tallyFeedback([]),
        label: (key) => t(`funder.${key}`),
        period: '01.01.2026. – 30.06.2026.',
      });
      drawn.length = 0;
      await createFunderPdf(report, fonts, lng);
      expect(drawn.length).toBeGreaterThan(20);
      // Every label came from the locale file, not a missing-key fallback.
      expect(drawn.some(({ text }) => text.includes('funder.'))).toBe(false);
      for (const { text, weight } of drawn)
        expect(missing(text, weight === 'bold' ? 'bold' : 'normal'), text).toEqual([]);
      for (const text of strings((messages as { funder?: unknown }).funder)) {
        expect(missing(text, 'normal'), text).toEqual([]);
        expect(missing(text, 'bold'), text).toEqual([]);
      }
    });
  }
});
