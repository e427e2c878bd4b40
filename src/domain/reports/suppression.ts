/**
 * Small-number suppression for everything that leaves the organisation (the
 * funder CSV and PDF, the organisation overview's export). A count of 1 or 2
 * people could single someone out, so it is shown as "<3".
 *
 * Hiding a cell is not enough when a total is published beside it: total
 * minus the other cells would give the hidden number back. So a breakdown is
 * protected together with its total (`protectBreakdown`), and every shown
 * value stays TRUE — only less exact:
 *
 *   "<3"   the count is 0, 1 or 2 (a 0 may be shown as "<3" to protect a neighbour);
 *   "3+"   the count is 3 or more (a larger cell hidden for the same reason);
 *   "a–b"  a total given as a range.
 *
 * The guarantee, checked by a brute-force test: for every cell whose true
 * value is 1 or 2, the published values (all breakdowns of the same total
 * together) are consistent with at least two different values of that cell,
 * so nobody can work out a 1 or a 2 from them.
 *
 * Limits (documented, not solved): each published total with its breakdowns
 * is protected on its own. Publishing the same people in two overlapping
 * tables that are not breakdowns of one total (e.g. two periods that differ
 * by one person, or a cross-tabulation) can still be differenced; the funder
 * export therefore publishes one period, one total per question, and no
 * cross-tabulations.
 */

export const SUPPRESSED = '<3';
/**
 * Written "3+", not "≥3": the sign "≥" is not in Noto Sans, the font the PDFs
 * embed, and one notation serves the screen, the CSV and the PDF alike.
 */
export const AT_LEAST_THREE = '3+';
/** Counts below this, other than zero, are suppressed. */
export const SMALL = 3;

/** A single count on its own (no total beside it): 1 and 2 become "<3". */
export function suppressCount(n: number): string {
  return n > 0 && n < SMALL ? SUPPRESSED : String(n);
}

/** A share (e.g. attendance rate) is hidden when fewer than three people stand behind it. */
export function suppressShare(share: number | undefined, people: number): string | undefined {
  if (share === undefined) return undefined;
  return people < SMALL ? SUPPRESSED : `${Math.round(share * 100)}%`;
}

interface Interval {
  lo: number;
  hi: number;
}

type Shown = { kind: 'exact' } | { kind: 'small' } | { kind: 'large' };

function intervalOf(value: number, shown: Shown): Interval {
  if (shown.kind === 'small') return { lo: 0, hi: SMALL - 1 };
  if (shown.kind === 'large') return { lo: SMALL, hi: Number.POSITIVE_INFINITY };
  return { lo: value, hi: value };
}

export interface ProtectedBreakdown {
  total: string;
  groups: string[][];
}

/**
 * Protects a total and one or more breakdowns of it (each breakdown's cells
 * must add up to the total). Returns the strings to publish.
 */
export function protectBreakdown(
  total: number,
  groups: readonly (readonly number[])[],
): ProtectedBreakdown {
  for (const g of groups) {
    const sum = g.reduce((a, b) => a + b, 0);
    if (sum !== total) throw new Error(`a breakdown adds up to ${sum}, not ${total}`);
  }
  const shown: Shown[][] = groups.map((g) =>
    g.map((v) => (v > 0 && v < SMALL ? { kind: 'small' } : { kind: 'exact' })),
  );
  let totalShown: Interval =
    total > 0 && total < SMALL ? { lo: 0, hi: SMALL - 1 } : { lo: total, hi: total };

  const cellInterval = (gi: number, ci: number) => intervalOf(groups[gi]![ci]!, shown[gi]![ci]!);
  const groupSum = (gi: number, except = -1): Interval => {
    let lo = 0;
    let hi = 0;
    groups[gi]!.forEach((_, ci) => {
      if (ci === except) return;
      const iv = cellInterval(gi, ci);
      lo += iv.lo;
      hi += iv.hi;
    });
    return { lo, hi };
  };
  /** The totals every published value allows. */
  const feasibleTotal = (): Interval => {
    let { lo, hi } = totalShown;
    groups.forEach((_, gi) => {
      const s = groupSum(gi);
      lo = Math.max(lo, s.lo);
      hi = Math.min(hi, s.hi);
    });
    return { lo, hi };
  };
  /** How many values the published figures allow for one cell (capped at 2: enough to know it is safe). */
  const choices = (gi: number, ci: number): number => {
    const t = feasibleTotal();
    const rest = groupSum(gi, ci);
    const own = cellInterval(gi, ci);
    const lo = Math.max(own.lo, t.lo - rest.hi);
    const hi = Math.min(own.hi, t.hi - rest.lo);
    return Math.max(0, Math.min(2, hi - lo + 1));
  };
  const unsafeCell = (): [number, number] | undefined => {
    for (let gi = 0; gi < groups.length; gi++)
      for (let ci = 0; ci < groups[gi]!.length; ci++) {
        const v = groups[gi]![ci]!;
        if (v > 0 && v < SMALL && choices(gi, ci) < 2) return [gi, ci];
      }
    return undefined;
  };

  const blurAnother = (except: number): boolean => {
    for (let g = 0; g < groups.length; g++) {
      if (g === except) continue;
      const zero = groups[g]!.findIndex((v, ci) => v === 0 && shown[g]![ci]!.kind === 'exact');
      if (zero >= 0) {
        shown[g]![zero] = { kind: 'small' };
        return true;
      }
    }
    for (let g = 0; g < groups.length; g++) {
      if (g === except) continue;
      let smallest = -1;
      groups[g]!.forEach((v, ci) => {
        if (shown[g]![ci]!.kind === 'exact' && (smallest < 0 || v < groups[g]![smallest]!))
          smallest = ci;
      });
      if (smallest >= 0) {
        shown[g]![smallest] = { kind: 'large' };
        return true;
      }
    }
    return false;
  };
  let totalRanged = false;
  // Each step hides a little more, so the loop ends; at worst every cell is a range.
  for (let guard = 0; guard < 1000; guard++) {
    const unsafe = unsafeCell();
    if (!unsafe) break;
    const [gi] = unsafe;
    const cells = groups[gi]!;
    // 1. Show a zero of the same breakdown as "<3" (true, and it blurs the sum).
    const zero = cells.findIndex((v, ci) => v === 0 && shown[gi]![ci]!.kind === 'exact');
    if (zero >= 0) {
      shown[gi]![zero] = { kind: 'small' };
      continue;
    }
    // 2. Give the total as the range the cells already imply.
    if (!totalRanged && total >= SMALL) {
      totalRanged = true;
      totalShown = { lo: 0, hi: Number.POSITIVE_INFINITY };
      totalShown = feasibleTotal();
      continue;
    }
    // 3. Hide the smallest exact cell of 3 or more as "3+".
    let smallest = -1;
    cells.forEach((v, ci) => {
      if (shown[gi]![ci]!.kind === 'exact' && v >= SMALL && (smallest < 0 || v < cells[smallest]!))
        smallest = ci;
    });
    if (smallest >= 0) {
      shown[gi]![smallest] = { kind: 'large' };
      continue;
    }
    // 4. Nothing left in this breakdown: another breakdown pins the total, so
    //    blur that one (a zero first, then its smallest exact cell).
    if (!blurAnother(gi)) totalShown = { lo: 0, hi: Number.POSITIVE_INFINITY };
  }

  const label = (v: number, s: Shown) =>
    s.kind === 'small' ? SUPPRESSED : s.kind === 'large' ? AT_LEAST_THREE : String(v);
  let totalLabel: string;
  if (totalShown.lo === totalShown.hi) totalLabel = String(total);
  else if (totalShown.hi === SMALL - 1 && totalShown.lo === 0) totalLabel = SUPPRESSED;
  else if (!Number.isFinite(totalShown.hi))
    totalLabel = totalShown.lo > 0 ? `${totalShown.lo}+` : '–';
  else totalLabel = `${totalShown.lo}–${totalShown.hi}`;
  return {
    total: totalLabel,
    groups: groups.map((g, gi) => g.map((v, ci) => label(v, shown[gi]![ci]!))),
  };
}
