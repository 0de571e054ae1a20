/** Single-group proportions from xi events of ni: raw ("PR") and logit ("PLO"), with the zero-cell rule. */
import { MetasiftError } from '../../errors.js';
import { count, sampleSize } from '../checks.js';
import type { CellReader, MeasureDef, ZeroCellOptions } from '../types.js';

function readCounts(cell: CellReader, zero: ZeroCellOptions): { x: number; m: number; corrected: boolean } {
  const x = count(cell, 'xi');
  const n = sampleSize(cell, 'ni');
  if (x > n) throw new MetasiftError('INVALID_VALUE', `xi (${x}) exceeds ni (${n})`, { field: 'xi' });
  const m = n - x;
  const apply = zero.to === 'all' || (zero.to === 'only0' && (x === 0 || m === 0));
  if (!apply || zero.add === 0) return { x, m, corrected: false };
  return { x: x + zero.add, m: m + zero.add, corrected: true };
}

/** Raw proportion; vi = p(1 − p)/n. */
export const pr: MeasureDef = {
  code: 'PR',
  label: 'Raw proportion',
  columnSets: [['xi', 'ni']],
  scale: 'identity',
  compute(cell, zero) {
    const { x, m, corrected } = readCounts(cell, zero);
    const n = x + m;
    const p = x / n;
    return { yi: p, vi: (p * (1 - p)) / n, corrected };
  },
};

/** Logit proportion; vi = 1/x + 1/(n − x). */
export const plo: MeasureDef = {
  code: 'PLO',
  label: 'Logit transformed proportion',
  columnSets: [['xi', 'ni']],
  scale: 'logit',
  compute(cell, zero) {
    const { x, m, corrected } = readCounts(cell, zero);
    return { yi: Math.log(x / m), vi: 1 / x + 1 / m, corrected };
  },
};
