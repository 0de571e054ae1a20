/**
 * Peto's log odds ratio (Yusuf et al. 1985); metafor measure "PETO": yi = (a − E)/V, vi = 1/V with the
 * hypergeometric mean E and variance V of a. Undefined (dropped) when V = 0 (no events or all events).
 */
import { TABLE_COLUMN_SETS, table } from '../two-by-two.js';
import type { MeasureDef } from '../types.js';

/** Observed − expected and hypergeometric variance of cell a. */
export function petoTerms(a: number, b: number, c: number, d: number): { oMinusE: number; v: number } {
  const n1 = a + b;
  const n2 = c + d;
  const n = n1 + n2;
  const xt = a + c;
  const yt = b + d;
  return { oMinusE: a - (xt * n1) / n, v: (xt * yt * (n1 / n) * (n2 / n)) / (n - 1) };
}

export const peto: MeasureDef = {
  code: 'PETO',
  label: "Peto's log odds ratio",
  columnSets: TABLE_COLUMN_SETS,
  scale: 'log',
  compute(cell, zero) {
    const { a, b, c, d, corrected } = table(cell, zero);
    const { oMinusE, v } = petoTerms(a, b, c, d);
    if (!(v > 0)) return { yi: NaN, vi: NaN };
    return { yi: oMinusE / v, vi: 1 / v, corrected };
  },
};
