/**
 * `metasift meta --multilevel COL`: the three-level model (metafor's rma.mv with random = ~ 1 | COL/es_id)
 * for tables whose rows are not independent — a multi-arm trial's comparisons share its study_id — as
 * one report in the shape of metaAnalysis's, with σ² per level in place of τ².
 */
import { MetasiftError, type Diagnostic } from '../errors.js';
import { rmaMultilevel } from '../meta/rma-mv.js';
import { sandwich } from '../meta/robust.js';
import { fittedFields } from './fitted-fields.js';
import { clustersOf, robustSummary } from './robust-summary.js';
import type { Moderators } from '../meta/types.js';
import type { DataTable } from './table.js';

/** What the report says of the levels (beside sigma2, nlevels and I2_levels at its top). */
export interface MultilevelSummary {
  readonly column: string;
  readonly clusters: number;
}

export interface MultilevelInput {
  readonly table: DataTable;
  readonly column: string;
  /** The analysed rows (0-based table rows) with their effects. */
  readonly rows: readonly number[];
  readonly labels: readonly string[];
  readonly yi: readonly number[];
  readonly vi: readonly number[];
  readonly mods?: Moderators;
  readonly method: string;
  readonly test: string;
  readonly level: number;
  /** Cluster-robust tests of the fit (metafor's robust() on rma.mv), rows clustered by this column. */
  readonly cluster?: string;
  /** false: the model alone, without the levels' profile intervals and likelihood-ratio tests. */
  readonly diagnostics?: boolean;
}

/** The most rows for which each level's profile interval and likelihood-ratio test are computed (about 2 s at the limit). */
export const LEVEL_INFERENCE_LIMIT = 1000;

export const MULTILEVEL_METHODS: readonly string[] = ['REML', 'ML'];

/** Options the three-level model cannot be combined with, and what to do instead. */
export function refuseWithMultilevel(options: { subgroup?: string; cumulative?: string }): void {
  const refuse = (field: string, why: string): never => {
    throw new MetasiftError('INVALID_OPTION', `${field}: ${why}`, { field });
  };
  if (options.subgroup !== undefined) refuse('subgroup', 'with --multilevel, compare subgroups as a moderator (--mods COL), as metafor does with rma.mv');
  if (options.cumulative !== undefined) refuse('cumulative', 'a cumulative meta-analysis refits the usual random-effects model; drop --multilevel or --cumulative');
}

/** Fits the model and returns its report fields (without study, rows and warnings, which the caller adds). */
export function multilevelFields(x: MultilevelInput, warnings: Diagnostic[], log: boolean): Record<string, unknown> {
  if (!MULTILEVEL_METHODS.includes(x.method))
    throw new MetasiftError('INVALID_METHOD', `the three-level model is fitted by REML or ML (as rma.mv), not ${x.method}`, { field: 'method' });
  if (x.test !== 'z' && x.test !== 't')
    throw new MetasiftError('UNKNOWN_TEST', `with --multilevel the test is z or t (rma.mv's t test with k − p degrees of freedom), not ${x.test}`, { field: 'test' });
  const cluster = clustersOf(x.table, x.column, x.rows, x.labels, 'multilevel');
  const inference = x.diagnostics !== false && x.yi.length <= LEVEL_INFERENCE_LIMIT;
  const m = rmaMultilevel({ yi: x.yi, vi: x.vi, cluster, method: x.method as 'REML' | 'ML', test: x.test, level: x.level, ...(x.mods && { mods: x.mods }), levelInference: inference });
  warnings.push(...m.warnings);
  m.levels?.forEach((l, j) => {
    if (l.capped)
      warnings.push({ code: 'CI_BEYOND_SEARCH', message: `σ² ${j === 0 ? 'between' : 'within'} clusters: the upper bound of its profile interval lies beyond ${l.ci[1]}, where the search ends; reported as ${l.ci[1]} (metafor's confint() prints "> ${l.ci[1]}")` });
  });
  if (x.diagnostics !== false && !inference)
    warnings.push({ code: 'TOO_MANY_STUDIES', message: `the levels' profile intervals and likelihood-ratio tests not computed: each refits the model many times, done up to ${LEVEL_INFERENCE_LIMIT} rows (k = ${x.yi.length})` });
  const multilevel: MultilevelSummary = { column: x.column, clusters: m.nlevels[0] };
  return {
    ...fittedFields(m),
    sigma2: m.sigma2,
    nlevels: m.nlevels,
    I2_levels: m.I2_levels,
    logLik: m.logLik,
    ...(m.levels && { sigma2_ci: m.levels.map((l) => l.ci), level_tests: m.levels.map(({ LRT, pval }) => ({ LRT, df: 1, pval })) }),
    multilevel,
    ...(x.mods && { coefficients: m.coefficients, QM: m.QM, QM_df: m.QM_df, QM_pval: m.QM_pval }),
    ...(x.cluster !== undefined && { robust: robustSummary(x.table, x.cluster, x.rows, x.labels, (cluster) => sandwich({ ...m.sandwich, cluster, level: x.level }), x.mods !== undefined, log) }),
  };
}
