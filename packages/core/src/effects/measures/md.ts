/** Raw mean difference; metafor measure "MD": vi = sd1²/n1 + sd2²/n2 (no equal-variance assumption). */
import { nonNegative, sampleSize } from '../checks.js';
import type { MeasureDef } from '../types.js';

export const md: MeasureDef = {
  code: 'MD',
  label: 'Mean difference',
  columnSets: [['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']],
  scale: 'identity',
  compute(cell) {
    const n1 = sampleSize(cell, 'n1i');
    const n2 = sampleSize(cell, 'n2i');
    const sd1 = nonNegative(cell, 'sd1i');
    const sd2 = nonNegative(cell, 'sd2i');
    return { yi: cell('m1i') - cell('m2i'), vi: (sd1 * sd1) / n1 + (sd2 * sd2) / n2 };
  },
};
