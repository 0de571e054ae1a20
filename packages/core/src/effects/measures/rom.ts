/** Log ratio of means (Hedges et al. 1999); metafor measure "ROM". Undefined unless both means are positive. */
import { MEAN_COLUMNS, readTwoGroupMeans } from '../checks.js';
import type { MeasureDef } from '../types.js';

export const rom: MeasureDef = {
  code: 'ROM',
  label: 'Log ratio of means',
  columnSets: MEAN_COLUMNS,
  scale: 'log',
  compute(cell) {
    const { m1, sd1, n1, m2, sd2, n2 } = readTwoGroupMeans(cell);
    if (!(m1 > 0 && m2 > 0)) return { yi: NaN, vi: NaN };
    return { yi: Math.log(m1 / m2), vi: (sd1 * sd1) / (n1 * m1 * m1) + (sd2 * sd2) / (n2 * m2 * m2) };
  },
};
