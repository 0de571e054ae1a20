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
