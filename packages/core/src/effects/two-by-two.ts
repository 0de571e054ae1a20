/**
 * 2×2 tables (events/non-events in two groups) given as ai bi ci di or ai n1i ci n2i, with metafor's
 * zero-cell rule: with to = "only0" (default) add `add` to every cell of a study that has a zero cell.
 */
import { MetasiftError } from '../errors.js';
import { count, sampleSize } from './checks.js';
import type { CellReader, ZeroCellOptions } from './types.js';

export interface Table2x2 {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly corrected: boolean;
}

export const TABLE_COLUMN_SETS = [
  ['ai', 'bi', 'ci', 'di'],
  ['ai', 'n1i', 'ci', 'n2i'],
] as const;

/** Reads the raw table of the current row, validating counts against group sizes. */
export function readTable(cell: CellReader): Omit<Table2x2, 'corrected'> {
  const a = count(cell, 'ai');
  const c = count(cell, 'ci');
  let b: number;
  let d: number;
  try {
    b = count(cell, 'bi');
    d = count(cell, 'di');
  } catch (e) {
    if (!(e instanceof MetasiftError) || e.code !== 'MISSING_COLUMN') throw e;
    const n1 = sampleSize(cell, 'n1i');
    const n2 = sampleSize(cell, 'n2i');
    if (a > n1) throw new MetasiftError('INVALID_VALUE', `ai (${a}) exceeds n1i (${n1})`, { field: 'ai' });
    if (c > n2) throw new MetasiftError('INVALID_VALUE', `ci (${c}) exceeds n2i (${n2})`, { field: 'ci' });
    b = n1 - a;
    d = n2 - c;
  }
  return { a, b, c, d };
}

/** Applies the zero-cell correction. */
export function correctTable(t: Omit<Table2x2, 'corrected'>, zero: ZeroCellOptions): Table2x2 {
  const hasZero = t.a === 0 || t.b === 0 || t.c === 0 || t.d === 0;
  const apply = zero.to === 'all' || (zero.to === 'only0' && hasZero);
  if (!apply || zero.add === 0) return { ...t, corrected: false };
  const x = zero.add;
  return { a: t.a + x, b: t.b + x, c: t.c + x, d: t.d + x, corrected: true };
}

/** Reads and corrects in one step. */
export function table(cell: CellReader, zero: ZeroCellOptions): Table2x2 {
  return correctTable(readTable(cell), zero);
}
