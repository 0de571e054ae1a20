/** Raw mean difference; metafor measure "MD": vi = sd1²/n1 + sd2²/n2 (no equal-variance assumption). */
import { MEAN_COLUMNS, readTwoGroupMeans } from '../checks.js';
import type { MeasureDef } from '../types.js';

export const md: MeasureDef = {
  code: 'MD',
  label: 'Mean difference',
  columnSets: MEAN_COLUMNS,
  scale: 'identity',
  compute(cell) {
    const { m1, sd1, n1, m2, sd2, n2 } = readTwoGroupMeans(cell);
    return { yi: m1 - m2, vi: (sd1 * sd1) / n1 + (sd2 * sd2) / n2 };
  },
};
