/** Risk difference; metafor measure "RD" with its large-sample variance (vtype "LS"). */
import { TABLE_COLUMN_SETS, table } from '../two-by-two.js';
import type { MeasureDef } from '../types.js';

export const rd: MeasureDef = {
  code: 'RD',
  label: 'Risk difference',
  columnSets: TABLE_COLUMN_SETS,
  scale: 'identity',
  compute(cell, zero) {
    const { a, b, c, d, corrected } = table(cell, zero);
    const n1 = a + b;
    const n2 = c + d;
    const p1 = a / n1;
    const p2 = c / n2;
    return { yi: p1 - p2, vi: (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2, corrected };
  },
};
