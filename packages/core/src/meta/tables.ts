/** Shared pieces of the 2×2-table methods (Mantel–Haenszel, Peto). */
import { MetasiftError } from '../errors.js';
import { criticalValue, pchisqUpper, pnormTwoSided } from '../stats/distributions.js';
import { DEFAULT_LEVEL } from './control.js';
import type { WaldSummary } from './types.js';

/** Raw 2×2 tables, one entry per study: a/b events/non-events in group 1, c/d in group 2. */
export interface Tables {
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly c: readonly number[];
  readonly d: readonly number[];
}

/** Result of a 2×2-table method: the pooled effect on metafor's scale and heterogeneity. */
export interface TableMethodResult extends WaldSummary {
  readonly method: 'MH' | 'PETO';
  readonly measure: 'OR' | 'RR' | 'RD' | 'PETO';
  readonly k: number;
  readonly tau2: 0;
  readonly Q: number;
  readonly Q_df: number;
  readonly Q_pval: number;
  readonly I2: number;
  readonly H2: number;
  readonly level: number;
}

export function checkTables(t: Tables): void {
  const k = t.a.length;
  if (k === 0) throw new MetasiftError('NO_STUDIES', 'k = 0: there are no 2×2 tables to analyse');
  if ([t.b, t.c, t.d].some((x) => x.length !== k)) throw new MetasiftError('LENGTH_MISMATCH', 'table columns differ in length');
}

/** Wald test and interval on the model scale. */
export function waldSummary(estimate: number, se: number, level = DEFAULT_LEVEL): WaldSummary {
  const crit = criticalValue(level);
  const statistic = estimate / se;
  return { estimate, se, statistic, pval: pnormTwoSided(statistic), ci_lower: estimate - crit * se, ci_upper: estimate + crit * se };
}

/** Q with df, its p-value, I² = (Q − df)/Q and H² = Q/df (as metafor's rma.mh and rma.peto). */
export function heterogeneity(Q: number, df: number) {
  if (df < 1) return { Q: 0, Q_df: 0, Q_pval: 1, I2: 0, H2: 1 };
  const q = Math.max(0, Q);
  return { Q: q, Q_df: df, Q_pval: pchisqUpper(q, df), I2: q > 0 ? Math.max(0, (100 * (q - df)) / q) : 0, H2: q / df };
}
