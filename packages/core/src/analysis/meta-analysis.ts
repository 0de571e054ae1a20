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
import { checkSelection, smallStudyExtras, type SelectionOptions } from './small-study.js';
import { attempt } from './attempt.js';
import { influence, leave1out } from '../meta/influence.js';
import { rmaMH } from '../meta/mh.js';
import { rmaPeto } from '../meta/peto.js';
import { rma } from '../meta/rma.js';
import { robustFit } from '../meta/robust.js';
import { robustSummary } from './robust-summary.js';
import { subgroupAnalysis } from '../meta/subgroup.js';
import type { TableMethodResult } from '../meta/tables.js';
import { T_TESTS, type MethodCode, type Moderators, type RmaResult, type TestCode } from '../meta/types.js';
import { buildModerators } from './moderators.js';
import { cumulativeFits } from './cumulative.js';
import { fittedFields } from './fitted-fields.js';
import { multilevelFields, refuseWithMultilevel } from './multilevel.js';
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
  /** The three-level model (metafor's rma.mv, random = ~ 1 | COL/es_id): rows nested in this column, e.g. study_id. */
  readonly multilevel?: string;
  /** false: the model alone, without intervals for tau², bias tests and refits (the sensitivity refits). */
  readonly diagnostics?: boolean;
  /** The selection model's steps (one-sided p-values strictly between 0 and 1; default 0.025) and direction (default: the pooled estimate's). */
  readonly selection?: SelectionOptions;
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
  if (test !== 'z' && !T_TESTS.includes(test as TestCode))
    throw new MetasiftError('UNKNOWN_TEST', `unknown test "${options.test}"; use z, t, knha (Knapp-Hartung) or adhoc (Knapp-Hartung never narrower than t)`, { field: 'test' });
  if (options.selection) checkSelection(options.selection);
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
    const refit = (sub: DataTable): MetaAnalysisReport => metaAnalysis(sub, { measure, method: methodRaw, test, level, diagnostics: false, ...(options.multilevel !== undefined && { multilevel: options.multilevel }) });
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
  if (options.multilevel !== undefined) {
    textColumn(table, options.multilevel, 'multilevel');
    refuseWithMultilevel(options);
    if (test === 'knha' || test === 'adhoc')
      throw new MetasiftError('UNKNOWN_TEST', `the three-level model has no Knapp-Hartung adjustment (${test}); use --test t (t with k − p degrees of freedom, as rma.mv) or z`, { field: 'test' });
  }
  if (TABLE_METHODS.includes(methodRaw)) {
    if (options.multilevel !== undefined) throw new MetasiftError('INVALID_METHOD', `the three-level model is fitted by REML or ML (as rma.mv), not ${methodRaw}`, { field: 'method' });
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
  if (options.multilevel !== undefined) {
    const fields = multilevelFields({ table, column: options.multilevel, rows, labels, yi, vi, method: methodRaw, test, level, ...(mods && { mods }), ...(options.cluster !== undefined && { cluster: options.cluster }), ...(options.diagnostics === false && { diagnostics: false }) }, warnings, MEASURES[measure].scale === 'log');
    const report: MetaAnalysisReport = { measure, scale: MEASURES[measure].scale, ...fields, study: rows.map((r) => labels[r]!), rows: rows.map((r) => r + 1), warnings };
    if (MEASURES[measure].scale === 'log') report['transformed'] = backTransform(fields as unknown as BackTransformable);
    return withSubsets(report);
  }
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
    Object.assign(report, extras(model, warnings, options.selection));
  }
  if (MEASURES[measure].scale === 'log') report['transformed'] = backTransform(model);
  if (options.cluster !== undefined) {
    const fitted = { yi, vi, tau2: model.tau2, beta: model.coefficients.map((c) => c.estimate), level, test: test as TestCode, ...(mods && { mods }) };
    report['robust'] = robustSummary(table, options.cluster, rows, labels, (cluster) => robustFit({ ...fitted, cluster }), mods !== undefined, MEASURES[measure].scale === 'log');
  }
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
  return { ...fittedFields(m), tau2: m.tau2, tau: Math.sqrt(m.tau2), H2: m.H2 };
}

/** The most studies for which leave-one-out and influence diagnostics are run (about 0.2 s at the limit). */
export const REFIT_LIMIT = 2000;

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
function extras(model: RmaResult, warnings: Diagnostic[], selection?: SelectionOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (model.k >= 2 && model.method !== 'EE') Object.assign(out, attempt(warnings, 'Q-profile intervals', () => confintTau2(model)));
  if (model.k >= 3) {
    out['egger'] = attempt(warnings, "Egger's test", () => {
      const e = eggerTest(model);
      return { statistic: e.statistic, pval: e.pval, df: e.df, intercept: e.intercept, slope: e.slope };
    });
    out['ranktest'] = attempt(warnings, 'the rank correlation test', () => rankTest(model));
    Object.assign(out, smallStudyExtras(model, warnings, selection));
    out['trimfill'] = attempt(warnings, 'trim-and-fill', () => {
      const t = trimfill(model);
      return { k0: t.k0, side: t.side, estimate: t.estimate, se: t.se, ci_lower: t.ci_lower, ci_upper: t.ci_upper, filled: t.filled };
    });
  }
  return { ...out, ...refitDiagnostics(model, warnings) };
}

type BackTransformable = Pick<RmaResult, 'estimate' | 'ci_lower' | 'ci_upper' | 'pi_lower' | 'pi_upper'>;

function backTransform(m: BackTransformable): Record<string, number> {
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
