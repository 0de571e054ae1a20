/**
 * One arm's mean and SD from what a report gives instead (Cochrane Handbook 6.5.2): the standard error,
 * a confidence interval of the mean, the median with the interquartile range and/or the range, or two
 * groups' to be taken as one (6.5.2.10) — the
 * extraction form's calculator, with the words for the extraction note saying how each was obtained.
 */
import { ciDivisor, sdFromCi, sdFromSe } from './se-ci.js';
import { MetasiftError } from '../../errors.js';
import { combineGroups } from './groups.js';
import { meanFromMedian, scenarioOf, sdFromMedian, type FiveNumbers } from './median.js';

export type ArmSummary =
  | { readonly from: 'se'; readonly n: number; readonly se: number }
  | { readonly from: 'ci'; readonly n: number; readonly lower: number; readonly upper: number; readonly level?: number }
  | ({ readonly from: 'median' } & FiveNumbers)
  /** Two groups the analysis takes as one arm (two intervention arms of a multi-arm trial merged, Handbook 23.3.4). */
  | { readonly from: 'groups'; readonly n: number; readonly mean: number; readonly sd: number; readonly n2: number; readonly mean2: number; readonly sd2: number };

export interface ArmEstimate {
  /** Absent where the summary does not give it (an SE: the mean is reported beside it). */
  readonly mean?: number;
  readonly sd: number;
  /** The arm's N when it changes (groups combined). */
  readonly n?: number;
  /** For the note: "mean and SD from the 95% CI (t, 40 df; Cochrane Handbook 6.5.2.2)". */
  readonly how: string;
}

const SCENARIOS = { S1: 'the median and range', S2: 'the median, IQR and range', S3: 'the median and IQR' } as const;

/** @throws MetasiftError INVALID_VALUE or MISSING_VALUE naming the field (n, se, upper, q1, median…) */
export function armFromSummary(x: ArmSummary): ArmEstimate {
  switch (x.from) {
    case 'se':
      return { sd: sdFromSe(x.se, x.n), how: 'SD from the SE (SD = SE × √n; Cochrane Handbook 6.5.2.2)' };
    case 'ci': {
      const level = x.level ?? 95;
      const sd = sdFromCi(x.lower, x.upper, x.n, { level });
      // the Handbook's advice: t below 60 participants, z above
      const dist = x.n < 60 ? `t, ${x.n - 1} df` : 'z';
      return { mean: (x.lower + x.upper) / 2, sd, how: `mean and SD from the ${level}% CI (divisor ${ciDivisor(x.n, { level }).toFixed(3)}, ${dist}; Cochrane Handbook 6.5.2.2)` };
    }
    case 'groups': {
      const whole = (v: number, field: string): void => {
        if (!Number.isInteger(v) || v < 1) throw new MetasiftError('INVALID_VALUE', `${field} must be a whole number of at least 1, got ${v}`, { field });
      };
      whole(x.n, 'n');
      whole(x.n2, 'n2');
      const g = combineGroups({ n: x.n, mean: x.mean, sd: x.sd }, { n: x.n2, mean: x.mean2, sd: x.sd2 });
      return { n: g.n, mean: g.mean, sd: g.sd, how: `N, mean and SD of two groups combined (${x.n} + ${x.n2}; Cochrane Handbook 6.5.2.10)` };
    }
    case 'median': {
      const { from: _from, ...five } = x;
      const which = SCENARIOS[scenarioOf(five)];
      return { mean: meanFromMedian(five), sd: sdFromMedian(five), how: `mean and SD estimated from ${which}, assuming roughly normal data (Luo et al. 2018; Wan et al. 2014; Shi et al. 2020)` };
    }
  }
}
