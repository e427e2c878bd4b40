import { describe, expect, it } from 'vitest';
import {
  AT_LEAST_THREE,
  protectBreakdown,
  suppressCount,
  suppressShare,
  SUPPRESSED,
} from './suppression';

/** What a published value says about the true number, as an interval (cap: enough for the test). */
function parse(shown: string, cap: number): [number, number] {
  if (shown === SUPPRESSED) return [0, 2];
  if (shown === AT_LEAST_THREE) return [3, cap];
  if (shown === '–') return [0, cap];
  const range = /^(\d+)–(\d+)$/.exec(shown);
  if (range) return [Number(range[1]), Number(range[2])];
  const atLeast = /^(\d+)\+$/.exec(shown);
  if (atLeast) return [Number(atLeast[1]), cap];
  expect(shown).toMatch(/^\d+$/);
  return [Number(shown), Number(shown)];
}

/**
 * Brute force, independent of the implementation: every assignment of numbers
 * to the published cells that agrees with everything published (each breakdown
 * adds up to one common total). Returns, per cell, the values it can take.
 */
function possibleValues(total: string, groups: string[][], cap: number): Set<number>[][] {
  const [tLo, tHi] = parse(total, cap);
  const out = groups.map((g) => g.map(() => new Set<number>()));
  const sumsPerGroup = groups.map((g) => {
    const intervals = g.map((c) => parse(c, cap));
    const bySum = new Map<number, number[][]>();
    const walk = (i: number, acc: number[]) => {
      if (i === intervals.length) {
        const s = acc.reduce((a, b) => a + b, 0);
        bySum.set(s, [...(bySum.get(s) ?? []), [...acc]]);
        return;
      }
      for (let v = intervals[i]![0]; v <= intervals[i]![1]; v++) walk(i + 1, [...acc, v]);
    };
    walk(0, []);
    return bySum;
  });
  for (let t = tLo; t <= tHi; t++) {
    if (!sumsPerGroup.every((m) => m.has(t))) continue;
    sumsPerGroup.forEach((m, gi) =>
      m.get(t)!.forEach((assignment) => assignment.forEach((v, ci) => out[gi]![ci]!.add(v))),
    );
  }
  return out;
}

function expectNothingRevealed(total: number, groups: number[][]) {
  const shown = protectBreakdown(total, groups);
  const cap = total + 6;
  const possible = possibleValues(shown.total, shown.groups, cap);
  groups.forEach((g, gi) =>
    g.forEach((v, ci) => {
      const label = `cell ${gi}/${ci} = ${v} in ${JSON.stringify(groups)} shown as ${JSON.stringify(shown)}`;
      // Everything shown is true...
      expect(possible[gi]![ci]!.has(v), label).toBe(true);
      // ...and a 1 or a 2 can never be worked out.
      if (v === 1 || v === 2) {
        expect(shown.groups[gi]![ci], label).not.toBe(String(v));
        expect(possible[gi]![ci]!.size, label).toBeGreaterThanOrEqual(2);
      }
    }),
  );
  if (total === 1 || total === 2) expect(shown.total).toBe(SUPPRESSED);
  return shown;
}

describe('small-number suppression', () => {
  it('shows 1 and 2 as "<3", and 0 and 3 or more as they are', () => {
    expect([0, 1, 2, 3, 40].map(suppressCount)).toEqual(['0', '<3', '<3', '3', '40']);
  });

  it('hides a share when fewer than three people stand behind it', () => {
    expect(suppressShare(0.5, 2)).toBe('<3');
    expect(suppressShare(0.756, 12)).toBe('76%');
    expect(suppressShare(undefined, 12)).toBeUndefined();
  });

  it('publishes a breakdown with no small cells exactly', () => {
    expect(protectBreakdown(15, [[5, 10]])).toEqual({ total: '15', groups: [['5', '10']] });
  });

  it('never lets total minus the other cells give back a single hidden 1', () => {
    // Naively: total 11, cells 10 and "<3" → 11 − 10 = 1.
    const shown = expectNothingRevealed(11, [[10, 1]]);
    expect(shown.groups[0]).toEqual(['10', '<3']);
    expect(shown.total).not.toBe('11');
  });

  it('uses a zero of the same breakdown first, shown truthfully as "<3"', () => {
    const shown = expectNothingRevealed(11, [[10, 1, 0]]);
    expect(shown).toEqual({ total: '11', groups: [['10', '<3', '<3']] });
  });

  it('protects two breakdowns of one total together', () => {
    // The second breakdown would give the total away exactly.
    expectNothingRevealed(12, [
      [10, 2],
      [4, 4, 4],
    ]);
  });

  it('holds for every small breakdown (exhaustive over 3 cells of 0–6, and two breakdowns)', () => {
    for (let a = 0; a <= 6; a++)
      for (let b = 0; b <= 6; b++)
        for (let c = 0; c <= 6; c++) {
          const total = a + b + c;
          expectNothingRevealed(total, [[a, b, c]]);
          expectNothingRevealed(total, [
            [a, b, c],
            [total, 0],
          ]);
          if (total >= 1)
            expectNothingRevealed(total, [
              [a, b, c],
              [total - 1, 1],
            ]);
        }
  });

  it('refuses a breakdown that does not add up to its total', () => {
    expect(() => protectBreakdown(5, [[1, 1]])).toThrow();
  });
});
