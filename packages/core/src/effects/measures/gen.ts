/** Generic effects already computed: yi with vi, or yi with sei (vi = sei²); metafor's rma(yi, vi). */
import { nonNegative } from '../checks.js';
import type { MeasureDef } from '../types.js';

export const gen: MeasureDef = {
  code: 'GEN',
  label: 'Generic effect size',
  columnSets: [
    ['yi', 'vi'],
    ['yi', 'sei'],
  ],
  scale: 'identity',
  compute(cell) {
    const yi = cell('yi');
    try {
      return { yi, vi: nonNegative(cell, 'vi') };
    } catch (e) {
      if ((e as { code?: string }).code !== 'MISSING_COLUMN') throw e;
      const se = nonNegative(cell, 'sei');
      return { yi, vi: se * se };
    }
  },
};
