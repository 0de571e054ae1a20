/**
 * Standardized mean difference, bias-corrected (Hedges' g); metafor measure "SMD".
 * g = c(m)·(m1 − m2)/s_pooled with the exact correction c(m) = Γ(m/2) / (√(m/2) Γ((m−1)/2)), m = n1 + n2 − 2,
 * and the large-sample variance vi = 1/n1 + 1/n2 + g²/(2(n1 + n2)) (metafor vtype "LS").
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { MEAN_COLUMNS, readTwoGroupMeans } from '../checks.js';
import type { MeasureDef } from '../types.js';

/** Exact small-sample bias correction of Hedges (1981). */
export function hedgesCorrection(m: number): number {
  return Math.exp(gammaln(m / 2) - Math.log(Math.sqrt(m / 2)) - gammaln((m - 1) / 2));
}

export const smd: MeasureDef = {
  code: 'SMD',
  label: 'Standardized mean difference (Hedges g)',
  columnSets: MEAN_COLUMNS,
  scale: 'identity',
  compute(cell) {
    const { m1, sd1, n1, m2, sd2, n2 } = readTwoGroupMeans(cell);
    const m = n1 + n2 - 2;
    const sp = Math.sqrt(((n1 - 1) * sd1 * sd1 + (n2 - 1) * sd2 * sd2) / m);
    const yi = (hedgesCorrection(m) * (m1 - m2)) / sp;
    return { yi, vi: 1 / n1 + 1 / n2 + (yi * yi) / (2 * (n1 + n2)) };
  },
};
