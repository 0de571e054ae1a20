/**
 * Standardized mean difference, bias-corrected (Hedges' g); metafor measure "SMD".
 * g = c(m)·(m1 − m2)/s_pooled with the exact correction c(m) = Γ(m/2) / (√(m/2) Γ((m−1)/2)), m = n1 + n2 − 2,
 * and the large-sample variance vi = 1/n1 + 1/n2 + g²/(2(n1 + n2)) (metafor vtype "LS").
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { nonNegative, sampleSize } from '../checks.js';
import type { MeasureDef } from '../types.js';

/** Exact small-sample bias correction of Hedges (1981). */
export function hedgesCorrection(m: number): number {
  return Math.exp(gammaln(m / 2) - Math.log(Math.sqrt(m / 2)) - gammaln((m - 1) / 2));
}

export const smd: MeasureDef = {
  code: 'SMD',
  label: 'Standardized mean difference (Hedges g)',
  columnSets: [['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']],
  scale: 'identity',
  compute(cell) {
    const n1 = sampleSize(cell, 'n1i');
    const n2 = sampleSize(cell, 'n2i');
    const sd1 = nonNegative(cell, 'sd1i');
    const sd2 = nonNegative(cell, 'sd2i');
    const m = n1 + n2 - 2;
    const sp = Math.sqrt(((n1 - 1) * sd1 * sd1 + (n2 - 1) * sd2 * sd2) / m);
    const yi = (hedgesCorrection(m) * (cell('m1i') - cell('m2i'))) / sp;
    return { yi, vi: 1 / n1 + 1 / n2 + (yi * yi) / (2 * (n1 + n2)) };
  },
};
