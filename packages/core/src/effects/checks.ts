import { MetasiftError } from '../errors.js';
import type { CellReader } from './types.js';

/** Reads a cell that must be ≥ 0 (or > 0 when `strict`). */
export function nonNegative(cell: CellReader, column: string, strict = false): number {
  const v = cell(column);
  if (strict ? !(v > 0) : !(v >= 0))
    throw new MetasiftError('INVALID_VALUE', `${column} must be ${strict ? 'positive' : 'zero or more'}, got ${v}`, { field: column });
  return v;
}

/** Reads a count that must be a whole number ≥ 0. */
export function count(cell: CellReader, column: string): number {
  const v = nonNegative(cell, column);
  if (!Number.isInteger(v)) throw new MetasiftError('INVALID_VALUE', `${column} must be a whole number, got ${v}`, { field: column });
  return v;
}

/** Reads a sample size: a positive whole number. */
export function sampleSize(cell: CellReader, column: string): number {
  const v = nonNegative(cell, column, true);
  if (!Number.isInteger(v)) throw new MetasiftError('INVALID_VALUE', `${column} must be a whole number, got ${v}`, { field: column });
  return v;
}

/** Two groups' means, SDs and sizes, validated (shared by SMD, MD and ROM). */
export interface TwoGroupMeans {
  readonly m1: number;
  readonly sd1: number;
  readonly n1: number;
  readonly m2: number;
  readonly sd2: number;
  readonly n2: number;
}

export function readTwoGroupMeans(cell: CellReader): TwoGroupMeans {
  return {
    n1: sampleSize(cell, 'n1i'),
    n2: sampleSize(cell, 'n2i'),
    sd1: nonNegative(cell, 'sd1i'),
    sd2: nonNegative(cell, 'sd2i'),
    m1: cell('m1i'),
    m2: cell('m2i'),
  };
}

/** Column set of the two-group mean measures. */
export const MEAN_COLUMNS = [['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']] as const;
