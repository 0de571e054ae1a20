/**
 * The `robust` block of a meta-analysis report: metafor's robust(res, cluster = COL) on the fitted model
 * (rma or the three-level rma.mv), the pooled effect's robust test at the top and every coefficient's
 * for a meta-regression, back-transformed for ratio measures.
 */
import { MetasiftError } from '../errors.js';
import type { RobustResult } from '../meta/robust.js';
import type { Coefficient } from '../meta/types.js';
import { textColumn, type DataTable } from './table.js';

/** The report's `robust`: the pooled effect's robust test at the top, every coefficient's for a meta-regression. */
export interface RobustSummary extends Omit<Coefficient, 'name'> {
  readonly column: string;
  readonly clusters: number;
  readonly df: number;
  readonly adjust: 'CR1';
  readonly coefficients?: readonly Coefficient[];
  readonly QM?: number;
  readonly QM_df?: readonly [number, number];
  readonly QM_pval?: number;
  readonly transformed?: { readonly estimate: number; readonly ci_lower: number; readonly ci_upper: number };
}

/** The robust tests as rows: each coefficient of a meta-regression, else the intercept alone. */
export function robustCoefficients(r: RobustSummary): readonly Coefficient[] {
  return r.coefficients ?? [{ name: 'intrcpt', estimate: r.estimate, se: r.se, statistic: r.statistic, pval: r.pval, ci_lower: r.ci_lower, ci_upper: r.ci_upper }];
}

/** The analysed rows' clusters (`role` names the option in errors). @throws MetasiftError MISSING_COLUMN, MISSING_VALUE for a row without one */
export function clustersOf(table: DataTable, column: string, rows: readonly number[], labels: readonly string[], role: string): string[] {
  const cells = textColumn(table, column, role);
  const empty = rows.find((r) => cells[r] === '');
  if (empty !== undefined) throw new MetasiftError('MISSING_VALUE', `row ${empty + 1} (${labels[empty]}): ${column} is empty; every analysed row needs its cluster`, { row: empty, field: column });
  return rows.map((row) => cells[row]!);
}

/**
 * The report's `robust` for the analysed rows clustered by `column`; `fit` computes it for the rows'
 * clusters. @throws MetasiftError MISSING_VALUE for a row without a cluster
 */
export function robustSummary(table: DataTable, column: string, rows: readonly number[], labels: readonly string[], fit: (cluster: string[]) => RobustResult, withMods: boolean, log: boolean): RobustSummary {
  const r = fit(clustersOf(table, column, rows, labels, 'cluster'));
  const [b] = r.coefficients;
  return {
    column,
    clusters: r.clusters,
    df: r.df,
    adjust: r.adjust,
    estimate: b!.estimate,
    se: b!.se,
    statistic: b!.statistic,
    pval: b!.pval,
    ci_lower: b!.ci_lower,
    ci_upper: b!.ci_upper,
    ...(withMods && { coefficients: r.coefficients, QM: r.QM!, QM_df: r.QM_df!, QM_pval: r.QM_pval! }),
    ...(log && !withMods && { transformed: { estimate: Math.exp(b!.estimate), ci_lower: Math.exp(b!.ci_lower), ci_upper: Math.exp(b!.ci_upper) } }),
  };
}
