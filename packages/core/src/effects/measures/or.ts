/** Log odds ratio; metafor measure "OR": vi = 1/a + 1/b + 1/c + 1/d after the zero-cell correction. */
import { TABLE_COLUMN_SETS, table } from '../two-by-two.js';
import type { MeasureDef } from '../types.js';

export const or: MeasureDef = {
  code: 'OR',
  label: 'Log odds ratio',
  columnSets: TABLE_COLUMN_SETS,
  scale: 'log',
  compute(cell, zero) {
    const { a, b, c, d, corrected } = table(cell, zero);
    return { yi: Math.log((a * d) / (b * c)), vi: 1 / a + 1 / b + 1 / c + 1 / d, corrected };
  },
};
