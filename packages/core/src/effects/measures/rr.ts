/** Log risk ratio; metafor measure "RR": vi = 1/a − 1/n1 + 1/c − 1/n2 after the zero-cell correction. */
import { TABLE_COLUMN_SETS, table } from '../two-by-two.js';
import type { MeasureDef } from '../types.js';

export const rr: MeasureDef = {
  code: 'RR',
  label: 'Log risk ratio',
  columnSets: TABLE_COLUMN_SETS,
  scale: 'log',
  compute(cell, zero) {
    const { a, b, c, d, corrected } = table(cell, zero);
    const n1 = a + b;
    const n2 = c + d;
    return { yi: Math.log(a / n1) - Math.log(c / n2), vi: 1 / a - 1 / n1 + 1 / c - 1 / n2, corrected };
  },
};
