/**
 * The anonymised report for funders and boards: organisation name, period,
 * and counts only. By construction it holds no names, no participant codes,
 * no dates of birth (ages as bands only), no free text and no ids — the
 * builder receives only an `Overview` and feedback tallies, never a person.
 * Every count of people goes through small-number suppression
 * (suppression.ts): breakdowns are protected together with their totals.
 *
 * CSV: written by the app's one CSV writer (../csv.ts): UTF-8 with a BOM,
 * `;`, every field quoted, and cells that a spreadsheet would run as a
 * formula neutralised.
 */
import { toCsv } from '../csv';
import type { Feedback } from './feedback';
import { threeWay, recommendAnswers } from './feedback';
import { ageBands, groupOutcomes, type Overview } from './overview';
import { outcomes } from '../screening';
import { protectBreakdown, suppressCount, suppressShare } from './suppression';

export interface FunderRow {
  label: string;
  value: string;
  /** Indented under the row above (a breakdown). */
  sub?: boolean;
}
export interface FunderSection {
  title: string;
  rows: FunderRow[];
}
export interface FunderReport {
  title: string;
  organisation: string;
  periodLabel: string;
  period: string;
  note: string;
  sections: FunderSection[];
}

/** Translated labels, looked up by key (the domain knows nothing of i18n). */
export type FunderLabel = (key: string) => string;

export interface FeedbackTally {
  checkouts: number;
  safe: Record<(typeof threeWay)[number] | 'skipped', number>;
  useful: Record<(typeof threeWay)[number] | 'skipped', number>;
  finals: number;
  recommend: Record<(typeof recommendAnswers)[number] | 'skipped', number>;
}

export function tallyFeedback(feedback: readonly Feedback[]): FeedbackTally {
  const t: FeedbackTally = {
    checkouts: 0,
    safe: { yes: 0, partly: 0, no: 0, skipped: 0 },
    useful: { yes: 0, partly: 0, no: 0, skipped: 0 },
    finals: 0,
    recommend: { yes: 0, maybe: 0, no: 0, skipped: 0 },
  };
  for (const f of feedback) {
    if (f.kind === 'checkout') {
      t.checkouts++;
      t.safe[f.safe ?? 'skipped']++;
      t.useful[f.useful ?? 'skipped']++;
    } else {
      t.finals++;
      t.recommend[f.recommend ?? 'skipped']++;
    }
  }
  return t;
}

function breakdownRows(
  label: FunderLabel,
  totalKey: string,
  total: number,
  groups: { prefix: string; keys: readonly string[]; values: Record<string, number> }[],
): FunderRow[] {
  const protectedValues = protectBreakdown(
    total,
    groups.map((g) => g.keys.map((k) => g.values[k] ?? 0)),
  );
  const rows: FunderRow[] = [{ label: label(totalKey), value: protectedValues.total }];
  groups.forEach((g, gi) =>
    g.keys.forEach((k, ki) =>
      rows.push({
        label: label(`${g.prefix}.${k}`),
        value: protectedValues.groups[gi]![ki]!,
        sub: true,
      }),
    ),
  );
  return rows;
}

export function funderReport(input: {
  organisation: string;
  overview: Overview;
  feedback: FeedbackTally;
  label: FunderLabel;
  /** The period as the reader's language writes it. */
  period: string;
}): FunderReport {
  const { overview: o, feedback: f, label } = input;
  return {
    title: label('title'),
    organisation: input.organisation,
    periodLabel: label('period'),
    period: input.period,
    note: label('note'),
    sections: [
      {
        title: label('groups.title'),
        rows: [
          // Groups are not people: shown as they are.
          { label: label('groups.running'), value: String(o.cohortsRunning) },
          { label: label('groups.finished'), value: String(o.cohortsFinished) },
        ],
      },
      {
        title: label('screening.title'),
        rows: [
          { label: label('screening.referred'), value: suppressCount(o.referred) },
          ...breakdownRows(label, 'screening.screened', o.screened, [
            { prefix: 'outcome', keys: outcomes, values: o.screenedByOutcome },
          ]),
          {
            label: label('screening.individualSupport'),
            value: suppressCount(o.individualSupport),
          },
        ],
      },
      {
        title: label('people.title'),
        rows: [
          ...breakdownRows(label, 'people.inGroups', o.inGroups, [
            { prefix: 'groupOutcome', keys: groupOutcomes, values: o.byGroupOutcome },
            { prefix: 'ageBand', keys: ageBands, values: o.byAgeBand },
          ]),
          {
            label: label('people.attendance'),
            value: suppressShare(o.attendanceRate, o.inGroups) ?? '–',
          },
        ],
      },
      {
        title: label('feedback.title'),
        rows: [
          ...breakdownRows(label, 'feedback.checkouts', f.checkouts, [
            { prefix: 'safe', keys: [...threeWay, 'skipped'], values: f.safe },
            { prefix: 'useful', keys: [...threeWay, 'skipped'], values: f.useful },
          ]),
          ...breakdownRows(label, 'feedback.finals', f.finals, [
            { prefix: 'recommend', keys: [...recommendAnswers, 'skipped'], values: f.recommend },
          ]),
        ],
      },
    ],
  };
}

/** The report as CSV text, BOM first (encode with TextEncoder: UTF-8). */
export function funderCsv(
  report: FunderReport,
  headers: { section: string; item: string; value: string },
): string {
  const lines: string[][] = [
    [report.title, report.organisation, ''],
    [report.periodLabel, report.period, ''],
    [report.note, '', ''],
    [headers.section, headers.item, headers.value],
  ];
  for (const section of report.sections)
    for (const row of section.rows) lines.push([section.title, row.label, row.value]);
  return toCsv(lines);
}
