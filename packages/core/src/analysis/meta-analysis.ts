/**
 * The analysis behind `metasift meta`: from a data table with metafor's escalc column names to one
 * JSON-safe report (fields of shared/reference/metafor/README.md): effect sizes, the model, and — for
 * intercept-only models — Q-profile intervals, Egger's test, trim-and-fill and leave-one-out.
 */
import { MetasiftError, type Diagnostic } from '../errors.js';
import { escalc, inferMeasure, matchColumnSet, type NumericColumns } from '../effects/escalc.js';
import { MEASURES, isMeasureCode } from '../effects/registry.js';
import type { MeasureCode } from '../effects/types.js';
import { confintTau2 } from '../meta/confint.js';
import { eggerTest, rankTest, trimfill } from '../meta/bias.js';
import { influence, leave1out } from '../meta/influence.js';
import { rmaMH } from '../meta/mh.js';
import { rmaPeto } from '../meta/peto.js';
import { rma } from '../meta/rma.js';
import { robustFit, type RobustInput } from '../meta/robust.js';
import { subgroupAnalysis } from '../meta/subgroup.js';
import type { TableMethodResult } from '../meta/tables.js';
import type { Coefficient, MethodCode, Moderators, RmaResult, TestCode } from '../meta/types.js';
import { buildModerators } from './moderators.js';
import { cumulativeFits } from './cumulative.js';
import { parseSubset, sensitivityFits, type SubsetSpec } from './sensitivity.js';
import { hasColumn, numericColumn, textColumn, type DataTable } from './table.js';
import { STUDY_ID_COLUMN } from '../extraction/table.js';

export interface MetaAnalysisOptions {
  readonly measure?: string;
  /** EE, DL, REML (default), ML, PM, HE, SJ, EB, HS, or MH / PETO for 2×2 data. */
  readonly method?: string;
  readonly test?: string;
  readonly level?: number;
  readonly subgroup?: string;
  readonly mods?: readonly string[];
  /** Sensitivity analyses by subset ("risk_of_bias!=High", "design=RCT"): the model refitted on each (not with mods). */
  readonly sensitivity?: readonly (string | SubsetSpec)[];
  /** Cumulative meta-analysis ordered by this column (metafor's cumul()); not with mods. */
  readonly cumulative?: string;
  /** Cluster-robust tests with rows clustered by this column (metafor's robust(res, cluster)), e.g. study_id. */
  readonly cluster?: string;
  /** false: the model alone, without intervals for tau², bias tests and refits (the sensitivity refits). */
  readonly diagnostics?: boolean;
}

/** Everything `metasift meta --json` prints. Extra keys beyond the contract are documented here. */
export type MetaAnalysisReport = Record<string, unknown> & { warnings: Diagnostic[] };

const TABLE_METHODS = ['MH', 'PETO'];
const LABEL_COLUMNS = ['study', 'slab', 'author', 'label'];

function resolveMeasure(table: DataTable, options: MetaAnalysisOptions): MeasureCode {
  if (options.measure === undefined) {
    if (options.method?.toUpperCase() === 'PETO') return 'PETO';
    return inferMeasure(table.columns);
  }
  const m = options.measure.toUpperCase();
  if (!isMeasureCode(m))
    throw new MetasiftError('UNKNOWN_MEASURE', `unknown measure "${options.measure}"; use one of ${Object.keys(MEASURES).join(', ')}`, {
      field: 'measure',
    });
  return m;
}

/** The column that labels the studies (study, slab, author or label), if the table has one. */
export function labelColumn(table: DataTable): string | undefined {
  return LABEL_COLUMNS.find((c) => hasColumn(table, c));
}

function studyLabels(table: DataTable): string[] {
  const col = labelColumn(table);
  return col === undefined ? table.rows.map((_, i) => `Study ${i + 1}`) : textColumn(table, col);
}

/**
 * Runs the analysis.
 * @throws MetasiftError EMPTY_TABLE, MISSING_COLUMN, NON_NUMERIC, INVALID_VALUE, UNKNOWN_MEASURE,
 *   UNKNOWN_METHOD, NO_STUDIES, SINGULAR_DESIGN, NONCONVERGENCE
 */
export function metaAnalysis(table: DataTable, options: MetaAnalysisOptions = {}): MetaAnalysisReport {
  if (table.rows.length === 0) throw new MetasiftError('EMPTY_TABLE', 'the data has a header but no study rows');
  const measure = resolveMeasure(table, options);
  const methodRaw = (options.method ?? 'REML').toUpperCase();
  const test = (options.test ?? 'z').toLowerCase();
  if (test !== 'z' && test !== 'knha') throw new MetasiftError('UNKNOWN_TEST', `unknown test "${options.test}"; use z or knha`, { field: 'test' });
  const level = options.level ?? 95;
  if (!(level > 0 && level < 100)) throw new MetasiftError('INVALID_LEVEL', `the confidence level must be a percentage between 0 and 100, got ${String(level)}`, { field: 'level' });

  const set = matchColumnSet(MEASURES[measure], table.columns);
  const data: Record<string, (number | null)[]> = {};
  for (const c of set ?? []) data[c] = numericColumn(table, c, `measure ${measure}:`);
  const effects = escalc({ measure, data: data as NumericColumns, k: table.rows.length });
  const labels = studyLabels(table);
  const warnings: Diagnostic[] = [...effects.warnings];
  const subsets = (options.sensitivity ?? []).map((x) => (typeof x === 'string' ? parseSubset(x) : x));
  if (subsets.length && options.mods?.length) {
    throw new MetasiftError('INVALID_OPTION', 'sensitivity: subsets are refitted for a model without moderators; drop --mods or --sensitivity', { field: 'sensitivity' });
  }
  subsets.forEach((x) => textColumn(table, x.column, 'sensitivity'));
  if (options.cumulative !== undefined) {
    if (options.mods?.length) throw new MetasiftError('INVALID_OPTION', 'cumulative: a cumulative meta-analysis refits a model without moderators; drop --mods or --cumulative', { field: 'cumulative' });
    textColumn(table, options.cumulative, 'cumulative');
  }
  // the refits of sensitivity and cumulative analyses: the same model on some of the analysed rows
  const withSubsets = (report: MetaAnalysisReport): MetaAnalysisReport => {
    const refit = (sub: DataTable): MetaAnalysisReport => metaAnalysis(sub, { measure, method: methodRaw, test, level, diagnostics: false });
    const analysed = (report['rows'] as number[]).map((r) => r - 1);
    // a multi-arm trial's comparisons are rows of one study: how many studies the k rows come from
    if (table.columns.includes(STUDY_ID_COLUMN)) {
      const ids = textColumn(table, STUDY_ID_COLUMN, 'study_id');
      report['studies'] = new Set(analysed.map((r) => ids[r] || labels[r]!)).size;
    }
    if (subsets.length) report['sensitivity'] = sensitivityFits(table, analysed, labels, subsets, refit, warnings);
    // k refits of growing size: said rather than run above REFIT_LIMIT studies, as leave-one-out is
    if (options.cumulative !== undefined && analysed.length > REFIT_LIMIT) {
      warnings.push({ code: 'TOO_MANY_STUDIES', message: `cumulative meta-analysis not computed: it refits the model once per study, done up to ${REFIT_LIMIT} studies (k = ${analysed.length})`, field: 'cumulative' });
    } else if (options.cumulative !== undefined) report['cumulative'] = cumulativeFits(table, analysed, labels, options.cumulative, refit, warnings);
    return report;
  };

  if (options.cluster !== undefined) textColumn(table, options.cluster, 'cluster');
  if (TABLE_METHODS.includes(methodRaw)) {
    if (options.cluster !== undefined) throw new MetasiftError('INVALID_OPTION', `cluster: cluster-robust tests need a model fitted by rma, not ${methodRaw}; use --method EE for a common effect`, { field: 'cluster' });
    return withSubsets(tableMethod(methodRaw as 'MH' | 'PETO', measure, data, effects.rows, labels, level, warnings));
  }

  let rows = effects.rows;
  let mods: Moderators | undefined;
  if (options.mods !== undefined && options.mods.length > 0) {
    const built = buildModerators(table, options.mods, rows);
    rows = built.rows;
    mods = built.mods;
    warnings.push(...built.warnings);
  }
  const pick = (arr: readonly number[]): number[] => rows.map((r) => arr[effects.rows.indexOf(r)]!);
  const yi = pick(effects.yi);
  const vi = pick(effects.vi);
  const base = { yi, vi, method: methodRaw as MethodCode, test: test as TestCode, level };
  // as metafor's rma(): a random-effects meta-regression needs more studies than coefficients, τ² besides
  if (mods && !['EE', 'FE', 'CE'].includes(methodRaw) && yi.length <= mods.columns.length + 1) {
    throw new MetasiftError('TOO_FEW_STUDIES', `k = ${yi.length} studies cannot estimate τ² beside ${mods.columns.length + 1} coefficients (metafor refuses it too); use --method EE, or fewer moderators`, { field: 'mods' });
  }
  const model = rma(mods ? { ...base, mods } : base);
  warnings.push(...model.warnings);

  const report: MetaAnalysisReport = {
    measure,
    scale: MEASURES[measure].scale,
    ...modelFields(model),
    study: rows.map((r) => labels[r]!),
    rows: rows.map((r) => r + 1),
    warnings,
  };
  if (mods) {
    Object.assign(report, { coefficients: model.coefficients, QM: model.QM, QM_df: model.QM_df, QM_pval: model.QM_pval, R2: model.R2 });
    Object.assign(report, refitDiagnostics(model, warnings, mods));
  } else if (options.diagnostics !== false) {
    Object.assign(report, extras(model, warnings));
  }
  if (MEASURES[measure].scale === 'log') report['transformed'] = backTransform(model);
  if (options.cluster !== undefined) report['robust'] = robustSummary(table, options.cluster, rows, labels, { yi, vi, tau2: model.tau2, beta: model.coefficients.map((c) => c.estimate), level, knha: test === 'knha', ...(mods && { mods }) }, MEASURES[measure].scale === 'log');
  if (options.subgroup !== undefined) {
    const groups = textColumn(table, options.subgroup, 'subgroup');
    const keep = rows.filter((r) => groups[r] !== '');
    rows.filter((r) => groups[r] === '').forEach((r) =>
      warnings.push({ code: 'MISSING_VALUE', message: `row ${r + 1}: ${options.subgroup} is empty; study left out of the subgroup analysis`, row: r, field: options.subgroup }),
    );
    const idx = keep.map((r) => rows.indexOf(r));
    const sub = subgroupAnalysis(
      { yi: idx.map((i) => yi[i]!), vi: idx.map((i) => vi[i]!), method: base.method, test: base.test, level },
      keep.map((r) => groups[r]!),
      options.subgroup,
    );
    sub.omitted.forEach((l) => warnings.push({ code: 'SUBGROUP_TOO_SMALL', message: `subgroup "${l}" has fewer than 2 studies; no model fitted for it` }));
    report['subgroups'] = {
      column: sub.column,
      groups: sub.groups.map(({ model: m, ...g }) => ({ ...g, weights: m.weights })),
      omitted: sub.omitted,
      Q_between: sub.Q_between,
      Q_between_df: sub.Q_between_df,
      Q_between_pval: sub.Q_between_pval,
    };
  }
  return withSubsets(report);
}

function modelFields(m: RmaResult): Record<string, unknown> {
  return {
    method: m.method,
    test: m.test,
    level: m.level,
    k: m.k,
    estimate: m.estimate,
    se: m.se,
    statistic: m.statistic,
    pval: m.pval,
    df: m.df,
    ci_lower: m.ci_lower,
    ci_upper: m.ci_upper,
    pi_lower: m.pi_lower,
    pi_upper: m.pi_upper,
    tau2: m.tau2,
    tau: Math.sqrt(m.tau2),
    I2: m.I2,
    H2: m.H2,
    Q: m.Q,
    Q_df: m.Q_df,
    Q_pval: m.Q_pval,
    yi: m.yi,
    vi: m.vi,
    weights: m.weights,
  };
}

/** The most studies for which leave-one-out and influence diagnostics are run (about 0.2 s at the limit). */
export const REFIT_LIMIT = 2000;

/** f's result, or undefined with a warning naming what was not computed when f fails on these data. */
function attempt<T>(warnings: Diagnostic[], what: string, f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof MetasiftError)) throw e;
    warnings.push({ code: e.code, message: `${what} not computed: ${e.message}` });
    return undefined;
  }
}

/** Leave-one-out (models without moderators) and influence diagnostics: k refits each, so said rather than run above REFIT_LIMIT studies. */
function refitDiagnostics(model: RmaResult, warnings: Diagnostic[], mods?: Moderators): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (model.k > REFIT_LIMIT) {
    warnings.push({ code: 'TOO_MANY_STUDIES', message: `${mods ? '' : 'leave-one-out and '}influence diagnostics not computed: they refit the model once per study, done up to ${REFIT_LIMIT} studies (k = ${model.k})` });
    return out;
  }
  if (!mods && model.k >= 2) out['leave1out'] = attempt(warnings, 'leave-one-out', () => leave1out(model));
  if (model.k >= model.p + 2) out['influence'] = attempt(warnings, 'influence diagnostics', () => influence(model, mods));
  return out;
}

/** Diagnostics metafor users run after an intercept-only model; each is skipped with a warning if impossible. */
function extras(model: RmaResult, warnings: Diagnostic[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (model.k >= 2 && model.method !== 'EE') Object.assign(out, attempt(warnings, 'Q-profile intervals', () => confintTau2(model)));
  if (model.k >= 3) {
    out['egger'] = attempt(warnings, "Egger's test", () => {
      const e = eggerTest(model);
      return { statistic: e.statistic, pval: e.pval, df: e.df, intercept: e.intercept, slope: e.slope };
    });
    out['ranktest'] = attempt(warnings, 'the rank correlation test', () => rankTest(model));
    out['trimfill'] = attempt(warnings, 'trim-and-fill', () => {
      const t = trimfill(model);
      return { k0: t.k0, side: t.side, estimate: t.estimate, se: t.se, ci_lower: t.ci_lower, ci_upper: t.ci_upper, filled: t.filled };
    });
  }
  return { ...out, ...refitDiagnostics(model, warnings) };
}

function backTransform(m: RmaResult): Record<string, number> {
  return {
    estimate: Math.exp(m.estimate),
    ci_lower: Math.exp(m.ci_lower),
    ci_upper: Math.exp(m.ci_upper),
    pi_lower: Math.exp(m.pi_lower),
    pi_upper: Math.exp(m.pi_upper),
  };
}

function tableMethod(
  method: 'MH' | 'PETO',
  measure: MeasureCode,
  data: Record<string, (number | null)[]>,
  rows: number[],
  labels: string[],
  level: number,
  warnings: Diagnostic[],
): MetaAnalysisReport {
  if (method === 'MH' && measure !== 'OR' && measure !== 'RR' && measure !== 'RD')
    throw new MetasiftError('INVALID_METHOD', `method MH needs measure OR, RR or RD, not ${measure}`, { field: 'method' });
  if (method === 'PETO' && measure !== 'PETO' && measure !== 'OR')
    throw new MetasiftError('INVALID_METHOD', `method PETO needs measure PETO (or OR), not ${measure}`, { field: 'method' });
  // raw tables of the studies with complete data, without any continuity correction
  const a = rows.map((r) => data['ai']![r]!);
  const c = rows.map((r) => data['ci']![r]!);
  const b = rows.map((r, i) => (data['bi'] ? data['bi'][r]! : data['n1i']![r]! - a[i]!));
  const d = rows.map((r, i) => (data['di'] ? data['di'][r]! : data['n2i']![r]! - c[i]!));
  const res: TableMethodResult = method === 'MH' ? rmaMH(measure as 'OR' | 'RR' | 'RD', { a, b, c, d }, level) : rmaPeto({ a, b, c, d }, level);
  const report: MetaAnalysisReport = { ...res, study: rows.map((r) => labels[r]!), rows: rows.map((r) => r + 1), warnings };
  if (measure !== 'RD') report['transformed'] = { estimate: Math.exp(res.estimate), ci_lower: Math.exp(res.ci_lower), ci_upper: Math.exp(res.ci_upper) };
  return report;
}

/**
 * metafor's robust(res, cluster = COL): the model's coefficients with cluster-robust (CR1) standard
 * errors, t tests and intervals; back-transformed for ratio measures. @throws MISSING_VALUE for a row without a cluster
 */
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

function robustSummary(table: DataTable, column: string, rows: readonly number[], labels: readonly string[], fit: Omit<RobustInput, 'cluster'>, log: boolean): RobustSummary {
  const cells = textColumn(table, column, 'cluster');
  const empty = rows.find((r) => cells[r] === '');
  if (empty !== undefined) throw new MetasiftError('MISSING_VALUE', `row ${empty + 1} (${labels[empty]}): ${column} is empty; every analysed row needs its cluster`, { row: empty, field: column });
  const r = robustFit({ ...fit, cluster: rows.map((row) => cells[row]!) });
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
    ...(fit.mods && { coefficients: r.coefficients, QM: r.QM!, QM_df: r.QM_df!, QM_pval: r.QM_pval! }),
    ...(log && !fit.mods && { transformed: { estimate: Math.exp(b!.estimate), ci_lower: Math.exp(b!.ci_lower), ci_upper: Math.exp(b!.ci_upper) } }),
  };
}
