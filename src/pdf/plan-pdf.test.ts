// @vitest-environment node
/**
 * The PDF as a reader gets it: made with the real font, then read back with
 * poppler's pdftotext (the text a person copies out) and drawn with pdftoppm
 * (test-results/plan-pdf/plan-page-1.png, for a person to look at).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyPlan, type Plan } from '../domain/plan';
import { loadPdfFonts } from './document';
import { createPlanPdf, type PlanPdfTexts } from './plan-pdf';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, 'test-results', 'plan-pdf');

/** Serves the app's public/ folder the way the browser would fetch it. */
const publicFetch = ((url: string) =>
  Promise.resolve(
    new Response(readFileSync(path.join(root, 'public', url))),
  )) as unknown as typeof fetch;

const texts: PlanPdfTexts = {
  title: 'Mans plāns',
  nameLabel: 'Vārds',
  dateLabel: 'Datums',
  sections: {
    hopes: 'Manas cerības un sapņi',
    strengths: 'Manas stiprās puses',
    selfCare: 'Kā es rūpējos par sevi',
    boundaries: 'Manas robežas',
    trustedPeople: 'Cilvēki, kuriem uzticos',
    helpPlaces: 'Kur es varu saņemt palīdzību',
  },
  actionsTitle: 'Trīs lietas, ko darīšu',
  areaHeader: 'Attiecības',
  actionHeader: (n) => `${n}. solis`,
  areas: { self: 'Ar sevi', family: 'Ar ģimeni', peers: 'Ar draugiem', partners: 'Ar partneri' },
  contactsTitle: 'Atbalsta tālruņi',
  page: (n, total) => `${n}. lapa no ${total}`,
};

function aPlan(overrides: Partial<Plan> = {}): Plan {
  return { ...emptyPlan(crypto.randomUUID(), 'lv'), ...overrides };
}

function pdfToText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
/** pdftotext breaks lines where the PDF wraps them: compare with whitespace folded. */
const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the plan PDF', () => {
  it('gives back the exact Latvian and Cyrillic text typed into the plan, and nothing of another plan', async () => {
    const latvian = 'Ģimenē runāšu mierīgi: ā č ē ģ ī ķ ļ ņ š ū ž Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž';
    const russian = 'Я хочу закончить школу и жить спокойно';
    const ukrainian = 'Моя підтримка: їжа, ґанок, єднання, сім’я';
    const mine = aPlan({
      nameOnPlan: 'Līga Ķērpe',
      hopes: latvian,
      strengths: russian,
      selfCare: ukrainian,
      actions: {
        self: ['Katru dienu pastaigāties', 'Ēst brokastis', ''],
        family: ['Piezvanīt omītei', '', ''],
        peers: ['Встречаться с друзьями', '', ''],
        partners: ['Teikt “nē”, kad negribu', '', ''],
      },
      trustedPeople: 'Tante Zelma',
    });
    const someoneElse = aPlan({
      nameOnPlan: 'Beāte Ozoliņa',
      hopes: 'Citas personas sapnis XQ-77',
    });

    const bytes = await createPlanPdf(
      {
        plan: mine,
        texts,
        date: '23.11.2026.',
        contacts: [
          { label: 'Bērnu un pusaudžu uzticības tālrunis', phone: '116 111' },
          { label: 'Centrs “Ābele”', phone: '+371 2000 0000' },
        ],
      },
      await loadPdfFonts(publicFetch),
    );
    mkdirSync(out, { recursive: true });
    const file = path.join(out, 'plan.pdf');
    writeFileSync(file, bytes);

    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const text = fold(pdfToText(file));
    for (const typed of [
      latvian,
      russian,
      ukrainian,
      'Līga Ķērpe',
      'Piezvanīt omītei',
      'Встречаться с друзьями',
      'Teikt “nē”, kad negribu',
      'Tante Zelma',
      '116 111',
      'Centrs “Ābele”',
      'Mans plāns',
      '23.11.2026.',
    ])
      expect(text, `the PDF text should contain “${typed}”`).toContain(typed);
    expect(text).not.toContain('Beāte');
    expect(text).not.toContain(someoneElse.hopes);
    expect(text).not.toContain(mine.participantId);

    // A picture of page 1 for a person to look at.
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      file,
      path.join(out, 'plan-page'),
    ]);
  });

  it('prints no name when the young person leaves it empty, and leaves lines to write on', async () => {
    const bytes = await createPlanPdf(
      { plan: aPlan(), texts, date: '1.01.2027.', contacts: [] },
      await loadPdfFonts(publicFetch),
    );
    const file = path.join(out, 'empty-plan.pdf');
    mkdirSync(out, { recursive: true });
    writeFileSync(file, bytes);
    const text = fold(pdfToText(file));
    expect(text).toContain('Mans plāns');
    expect(text).toContain('Manas robežas');
    expect(text).not.toContain('Vārds:');
    expect(text).not.toContain('Atbalsta tālruņi');
  });

  it('runs long answers onto further pages instead of cutting them off', async () => {
    const long = Array.from(
      { length: 60 },
      (_, i) => `Teikums numur ${i + 1} par manām cerībām.`,
    ).join(' ');
    const plan = aPlan({ hopes: long, strengths: long, boundaries: long.slice(0, 1999) });
    const bytes = await createPlanPdf(
      { plan, texts, date: '1.01.2027.', contacts: [] },
      await loadPdfFonts(publicFetch),
    );
    const file = path.join(out, 'long-plan.pdf');
    writeFileSync(file, bytes);
    const text = fold(pdfToText(file));
    expect(text).toContain('Teikums numur 60 par manām cerībām.');
    const pages = execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(
      /Pages:\s+(\d+)/,
    )?.[1];
    expect(Number(pages)).toBeGreaterThan(1);
    expect(text).toContain(`1. lapa no ${pages}`);
  });
});
