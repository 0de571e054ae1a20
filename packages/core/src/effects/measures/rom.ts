/** Log ratio of means (Hedges et al. 1999); metafor measure "ROM". Undefined unless both means are positive. */
import { nonNegative, sampleSize } from '../checks.js';
import type { MeasureDef } from '../types.js';

export const rom: MeasureDef = {
  code: 'ROM',
  label: 'Log ratio of means',
  columnSets: [['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']],
  scale: 'log',
  compute(cell) {
    const n1 = sampleSize(cell, 'n1i');
    const n2 = sampleSize(cell, 'n2i');
    const sd1 = nonNegative(cell, 'sd1i');
    const sd2 = nonNegative(cell, 'sd2i');
    const m1 = cell('m1i');
    const m2 = cell('m2i');
    if (!(m1 > 0 && m2 > 0)) return { yi: NaN, vi: NaN };
    return { yi: Math.log(m1 / m2), vi: (sd1 * sd1) / (n1 * m1 * m1) + (sd2 * sd2) / (n2 * m2 * m2) };
  },
};
