/** Correlations: raw ("COR") and Fisher's r-to-z transformed ("ZCOR"), from ri and ni. */
import { MetasiftError } from '../../errors.js';
import { sampleSize } from '../checks.js';
import type { CellReader, MeasureDef } from '../types.js';

function readR(cell: CellReader): number {
  const r = cell('ri');
  if (!(r >= -1 && r <= 1)) throw new MetasiftError('INVALID_VALUE', `ri must lie in [-1, 1], got ${r}`, { field: 'ri' });
  return r;
}

/** Raw correlation; vi = (1 − r²)²/(n − 1). */
export const cor: MeasureDef = {
  code: 'COR',
  label: 'Raw correlation coefficient',
  columnSets: [['ri', 'ni']],
  scale: 'identity',
  compute(cell) {
    const r = readR(cell);
    const n = sampleSize(cell, 'ni');
    return { yi: r, vi: (1 - r * r) ** 2 / (n - 1) };
  },
};

/** Fisher's z = atanh(r); vi = 1/(n − 3), undefined for n ≤ 3. */
export const zcor: MeasureDef = {
  code: 'ZCOR',
  label: "Fisher's r-to-z transformed correlation",
  columnSets: [['ri', 'ni']],
  scale: 'fisher-z',
  compute(cell) {
    const r = readR(cell);
    const n = sampleSize(cell, 'ni');
    if (n <= 3 || Math.abs(r) === 1) return { yi: NaN, vi: NaN };
    return { yi: Math.atanh(r), vi: 1 / (n - 3) };
  },
};
