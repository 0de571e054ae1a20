/**
 * One arm's mean and SD from what a report gives instead (Cochrane Handbook 6.5.2): the standard error,
 * a confidence interval of the mean, or the median with the interquartile range and/or the range — the
 * extraction form's calculator, with the words for the extraction note saying how each was obtained.
 */
import { ciDivisor, sdFromCi, sdFromSe } from './se-ci.js';
import { meanFromMedian, scenarioOf, sdFromMedian, type FiveNumbers } from './median.js';

export type ArmSummary =
  | { readonly from: 'se'; readonly n: number; readonly se: number }
  | { readonly from: 'ci'; readonly n: number; readonly lower: number; readonly upper: number; readonly level?: number }
  | ({ readonly from: 'median' } & FiveNumbers);

export interface ArmEstimate {
  /** Absent where the summary does not give it (an SE: the mean is reported beside it). */
  readonly mean?: number;
  readonly sd: number;
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
    case 'median': {
      const { from: _from, ...five } = x;
      const which = SCENARIOS[scenarioOf(five)];
      return { mean: meanFromMedian(five), sd: sdFromMedian(five), how: `mean and SD estimated from ${which}, assuming roughly normal data (Luo et al. 2018; Wan et al. 2014; Shi et al. 2020)` };
    }
  }
}
