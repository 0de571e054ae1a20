/**
 * Turns a `metaAnalysis` report (and its data table, for the group data columns) into forest and funnel
 * plot specifications, with the labels and result lines RevMan prints.
 */
import { MetasiftError } from '../errors.js';
import { escalc, matchColumnSet } from '../effects/escalc.js';
import { MEASURES } from '../effects/registry.js';
import type { MeasureCode } from '../effects/types.js';
import { T_TESTS, type TestCode } from '../meta/types.js';
import type { ForestGroup, ForestPooled, ForestRow, ForestSpec } from '../figures/forest.js';
import type { FunnelSpec } from '../figures/funnel.js';
import type { RobData } from '../figures/rob.js';
import { pchisqUpper, qnorm } from '../stats/distributions.js';
import { subgroupLevels } from '../meta/subgroup.js';
import type { MetaAnalysisReport } from './meta-analysis.js';
import { numericColumn, textColumn, type DataTable } from './table.js';

const MEASURE_LABELS: Record<MeasureCode, string> = {
  SMD: 'Std. Mean Difference',
  MD: 'Mean Difference',
  ROM: 'Ratio of Means',
  OR: 'Odds Ratio',
  RR: 'Risk Ratio',
  RD: 'Risk Difference',
  PETO: 'Peto Odds Ratio',
  ZCOR: "Fisher's z",
  COR: 'Correlation',
  PLO: 'Logit Proportion',
  PR: 'Proportion',
  GEN: 'Effect Size',
};

export interface FigureOptions {
  readonly title?: string;
  /** Labels left and right of the line of no effect (default RevMan's "Favours [experimental]" / "[control]"). */
  readonly favours?: readonly [string, string];
  /** Row order within each group. */
  readonly sort?: 'input' | 'effect' | 'weight' | 'label';
  /** Names of the two arms for the group data headers. */
  readonly arms?: readonly [string, string];
  /** Risk-of-bias judgements to show beside each study (matched by study label). */
  readonly rob?: RobData;
}

const labelKey = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/**
 * Of the review's risk-of-bias figures (one per tool), the one judging most of these studies — a forest
 * plot shows one tool's domains beside its rows, as RevMan does — or undefined when none judges any.
 */
export function robForStudies(tools: readonly RobData[], labels: readonly string[]): RobData | undefined {
  const keys = new Set(labels.map(labelKey));
  let best: RobData | undefined;
  let most = 0;
  for (const t of tools) {
    const n = t.studies.filter((s) => keys.has(labelKey(s.label))).length;
    if (n > most) [best, most] = [t, n];
  }
  return best;
}

/** RevMan's P-value style: "P < 0.00001", "P = 0.04". */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'P = NA';
  if (p < 0.00001) return 'P < 0.00001';
  if (p < 0.0001) return 'P < 0.0001';
  if (p < 0.001) return `P = ${p.toFixed(4)}`;
  if (p < 0.01) return `P = ${p.toFixed(3)}`;
  return `P = ${p.toFixed(2)}`;
}

function methodLabel(r: MetaAnalysisReport): string {
  const level = `${(r['level'] as number | undefined) ?? 95}% CI`;
  const m = r['method'] as string;
  if (m === 'MH') return `M-H, Fixed, ${level}`;
  if (m === 'PETO') return `Peto, Fixed, ${level}`;
  if (r['multilevel']) return `IV, Random (3 levels), ${level}`;
  return `IV, ${m === 'EE' ? 'Fixed' : 'Random'}, ${level}`;
}

function isLog(measure: MeasureCode): boolean {
  return MEASURES[measure].scale === 'log';
}

/** Group data cells and headers for the measure's columns. */
interface GroupCells {
  readonly headers: string[];
  readonly cells: (row: number) => string[];
  /** Sample sizes under the Total columns (events columns left empty, as RevMan). */
  readonly totals: (rows: number[]) => string[];
  /** Event counts under the Events columns, for RevMan's "Total events" line; undefined without events. */
  readonly events?: (rows: number[]) => string[];
}

function groupCells(measure: MeasureCode, table: DataTable): GroupCells {
  const set = matchColumnSet(MEASURES[measure], table.columns) ?? [];
  const num = (c: string): (number | null)[] => (table.columns.includes(c) ? numericColumn(table, c) : []);
  // cells are shown as the reviewer entered them; totals are computed
  const raw = (c: string): string[] => (table.columns.includes(c) ? textColumn(table, c) : []);
  const sum = (col: (number | null)[], rows: number[]): string => String(rows.reduce((s, r) => s + (col[r] ?? 0), 0));
  if (set.includes('m1i')) {
    const shown = ['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i'].map(raw);
    return {
      headers: ['Mean', 'SD', 'Total', 'Mean', 'SD', 'Total'],
      cells: (r) => shown.map((col) => col[r] ?? ''),
      totals: (rows) => ['', '', sum(num('n1i'), rows), '', '', sum(num('n2i'), rows)],
    };
  }
  if (set.includes('ai')) {
    const a = num('ai');
    const c = num('ci');
    const b = set.includes('bi') ? num('bi') : [];
    const d = set.includes('di') ? num('di') : [];
    const n1 = set.includes('n1i') ? num('n1i') : a.map((v, i) => (v ?? 0) + (b[i] ?? 0));
    const n2 = set.includes('n2i') ? num('n2i') : c.map((v, i) => (v ?? 0) + (d[i] ?? 0));
    return {
      headers: ['Events', 'Total', 'Events', 'Total'],
      cells: (r) => [String(a[r] ?? ''), String(n1[r] ?? ''), String(c[r] ?? ''), String(n2[r] ?? '')],
      totals: (rows) => ['', sum(n1, rows), '', sum(n2, rows)],
      events: (rows) => [sum(a, rows), '', sum(c, rows), ''],
    };
  }
  if (set.includes('xi')) {
    const x = num('xi');
    const nn = num('ni');
    return { headers: ['Events', 'Total'], cells: (r) => [raw('xi')[r] ?? '', raw('ni')[r] ?? ''], totals: (rows) => ['', sum(nn, rows)], events: (rows) => [sum(x, rows), ''] };
  }
  if (set.includes('ri')) {
    const nn = num('ni');
    return { headers: ['Total'], cells: (r) => [raw('ni')[r] ?? ''], totals: (rows) => [sum(nn, rows)] };
  }
  return { headers: [], cells: () => [], totals: () => [] };
}

function heterogeneityNote(tau2: number | readonly number[] | undefined, Q: number, df: number, p: number, I2: number, random: boolean): string {
  // a three-level model's two variances: between clusters and within them
  const tau = !random || tau2 === undefined ? '' : typeof tau2 === 'number' ? `Tau² = ${tau2.toFixed(2)}; ` : `Sigma² = ${tau2.map((s) => s.toFixed(2)).join(', ')}; `;
  return `Heterogeneity: ${tau}Chi² = ${Q.toFixed(2)}, df = ${df} (${formatP(p)}); I² = ${Math.round(I2)}%`;
}

function overallNote(statistic: number, pval: number, t: boolean): string {
  return `Test for overall effect: ${t ? 't' : 'Z'} = ${Math.abs(statistic).toFixed(2)} (${formatP(pval)})`;
}

function sortRows(rows: ForestRow[], sort: FigureOptions['sort']): ForestRow[] {
  if (!sort || sort === 'input') return rows;
  const key: Record<string, (r: ForestRow) => number | string> = { effect: (r) => r.yi, weight: (r) => -r.weight, label: (r) => r.label };
  const f = key[sort]!;
  return [...rows].sort((a, b) => {
    const x = f(a);
    const y = f(b);
    return typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
  });
}

/** Per-study effects and weights (percent) of a 2×2-table method: MH or Peto weights. */
function tableMethodStudies(report: MetaAnalysisReport, measure: MeasureCode, table: DataTable, rows: number[]): { yi: number[]; vi: number[]; weights: number[] } {
  const cols = ['ai', 'bi', 'ci', 'di', 'n1i', 'n2i'].filter((c) => table.columns.includes(c));
  const data = Object.fromEntries(cols.map((c) => [c, rows.map((r) => numericColumn(table, c)[r] ?? null)]));
  const eff = escalc({ measure: measure === 'PETO' ? 'PETO' : measure, data, k: rows.length });
  const raw = rows.map((_, i) => {
    const a = data['ai']![i]!;
    const c = data['ci']![i]!;
    const b = data['bi'] ? data['bi'][i]! : data['n1i']![i]! - a;
    const d = data['di'] ? data['di'][i]! : data['n2i']![i]! - c;
    const n1 = a + b;
    const n2 = c + d;
    const N = n1 + n2;
    if (report['method'] === 'PETO') return ((a + c) * (b + d) * n1 * n2) / (N * N * (N - 1));
    if (measure === 'OR') return (b * c) / N;
    if (measure === 'RR') return (c * n1) / N;
    return (n1 * n2) / N;
  });
  const total = raw.reduce((s, v) => s + v, 0);
  const kept = new Set(eff.rows);
  return {
    yi: rows.map((_, i) => (kept.has(i) ? eff.yi[eff.rows.indexOf(i)]! : NaN)),
    vi: rows.map((_, i) => (kept.has(i) ? eff.vi[eff.rows.indexOf(i)]! : NaN)),
    weights: raw.map((v) => (100 * v) / total),
  };
}

/** Forest plot specification for a report of `metaAnalysis` on `table`. */
export function forestSpecFromReport(report: MetaAnalysisReport, table: DataTable, options: FigureOptions = {}): ForestSpec {
  const measure = report['measure'] as MeasureCode;
  const log = isLog(measure);
  const level = (report['level'] as number | undefined) ?? 95;
  const z = qnorm(1 - (1 - level / 100) / 2);
  const rows = (report['rows'] as number[]).map((r) => r - 1);
  const labels = report['study'] as string[];
  const tableMethod = report['method'] === 'MH' || report['method'] === 'PETO';
  const studies = tableMethod
    ? tableMethodStudies(report, measure, table, rows)
    : { yi: report['yi'] as number[], vi: report['vi'] as number[], weights: report['weights'] as number[] };
  const gc = groupCells(measure, table);
  const robBy = new Map((options.rob?.studies ?? []).map((st) => [labelKey(st.label), [...st.judgements, st.overall]]));
  const toRow = (i: number): ForestRow => {
    const se = Math.sqrt(studies.vi[i]!);
    const rob = robBy.get(labelKey(labels[i]!));
    return {
      ...(options.rob ? { rob: rob ?? [] } : {}),
      label: labels[i]!,
      yi: studies.yi[i]!,
      ci_lower: studies.yi[i]! - z * se,
      ci_upper: studies.yi[i]! + z * se,
      weight: studies.weights[i]!,
      cells: gc.cells(rows[i]!),
    };
  };
  const random = !['EE', 'MH', 'PETO'].includes(report['method'] as string);
  const knha = T_TESTS.includes(report['test'] as TestCode);
  const sub = report['subgroups'] as
    | { column: string; groups: { level: string; k: number; estimate: number; se: number; ci_lower: number; ci_upper: number; pval: number; tau2: number; I2: number; Q: number }[]; Q_between: number; Q_between_df: number; Q_between_pval: number }
    | undefined;
  const groups: ForestGroup[] = [];
  const footer: string[] = [];
  if (sub) {
    const groupOf = textColumn(table, sub.column);
    // every level, in the analysis' order; one with a single study shows it without a subtotal, as RevMan does
    for (const level of subgroupLevels(rows.map((r) => groupOf[r]!))) {
      const idx = rows.map((r, i) => (groupOf[r] === level ? i : -1)).filter((i) => i >= 0);
      const g = sub.groups.find((x) => x.level === level);
      if (!g) {
        groups.push({ title: `${sub.column}: ${level}`, rows: sortRows(idx.map(toRow), options.sort) });
        continue;
      }
      const pooled: ForestPooled = {
        label: 'Subtotal',
        estimate: g.estimate,
        ci_lower: g.ci_lower,
        ci_upper: g.ci_upper,
        cells: gc.totals(idx.map((i) => rows[i]!)),
        ...(gc.events ? { eventCells: gc.events(idx.map((i) => rows[i]!)) } : {}),
        weight: idx.reduce((s, i) => s + studies.weights[i]!, 0),
        notes: [heterogeneityNote(g.tau2, g.Q, g.k - 1, g.k > 1 ? pchisqUpper(g.Q, g.k - 1) : NaN, g.I2, random), overallNote(g.estimate / g.se, g.pval, knha)],
      };
      groups.push({ title: `${sub.column}: ${g.level}`, rows: sortRows(idx.map(toRow), options.sort), pooled });
    }
    const I2 = sub.Q_between > 0 ? Math.max(0, (100 * (sub.Q_between - sub.Q_between_df)) / sub.Q_between) : 0;
    footer.push(sub.Q_between_df > 0 ? `Test for subgroup differences: Chi² = ${sub.Q_between.toFixed(2)}, df = ${sub.Q_between_df} (${formatP(sub.Q_between_pval)}), I² = ${I2.toFixed(1)}%` : 'Test for subgroup differences: not applicable (one subgroup pooled)');
  } else {
    groups.push({ rows: sortRows(rows.map((_, i) => toRow(i)), options.sort) });
  }
  const overall: ForestPooled = {
    label: `Total (${level}% CI)`,
    estimate: report['estimate'] as number,
    ci_lower: report['ci_lower'] as number,
    ci_upper: report['ci_upper'] as number,
    ...(random && report['pi_lower'] !== undefined ? { pi_lower: report['pi_lower'] as number, pi_upper: report['pi_upper'] as number } : {}),
    cells: gc.totals(rows),
    ...(gc.events ? { eventCells: gc.events(rows) } : {}),
    weight: 100,
    notes: [
      heterogeneityNote((report['tau2'] ?? report['sigma2']) as number | number[] | undefined, report['Q'] as number, (report['Q_df'] as number | undefined) ?? rows.length - 1, report['Q_pval'] as number, report['I2'] as number, random),
      overallNote(report['statistic'] as number, report['pval'] as number, knha),
    ],
  };
  const arms = options.arms ?? ['Experimental', 'Control'];
  const perArm = gc.headers.length / 2;
  return {
    measureLabel: MEASURE_LABELS[measure],
    methodLabel: methodLabel(report),
    scale: log ? 'log' : 'linear',
    ...(gc.headers.length >= 2 && Number.isInteger(perArm) && gc.headers.length !== 2 ? { groupHeaders: arms } : {}),
    cellHeaders: gc.headers,
    groups,
    overall,
    footer,
    favours: options.favours ?? ['Favours [experimental]', 'Favours [control]'],
    ...(options.rob
      ? {
          robDomains: [...options.rob.domains.map((_, d) => `D${d + 1}`), 'O'],
          robLegend: [...options.rob.domains.map((name, d) => `D${d + 1}: ${name}`), `O: overall risk of bias (${options.rob.tool})`],
        }
      : {}),
    ...(options.title ? { title: options.title } : {}),
  };
}

/**
 * The forest plot of a cumulative meta-analysis, as metafor's forest() draws cumul()'s result: one row
 * per study added ("+ Ferguson 1949"), its pooled effect and CI so far; no weights, no overall diamond
 * (the last row is the pooled result). @throws MetasiftError NO_CUMULATIVE without a cumulative analysis
 */
export function cumulativeForestSpec(report: MetaAnalysisReport, options: FigureOptions = {}): ForestSpec {
  const c = report['cumulative'] as (Record<string, unknown> & { column: string; study: string[] }) | undefined;
  if (!c) throw new MetasiftError('NO_CUMULATIVE', 'the analysis has no cumulative meta-analysis: run it with --cumulative COL', { field: 'cumulative' });
  const measure = report['measure'] as MeasureCode;
  const at = (f: string, i: number): number => (c[f] as number[])[i]!;
  return {
    measureLabel: MEASURE_LABELS[measure],
    methodLabel: `${methodLabel(report)}, cumulative`,
    scale: isLog(measure) ? 'log' : 'linear',
    groups: [{ rows: c.study.map((s, i) => ({ label: i === 0 ? s : `+ ${s}`, yi: at('estimate', i), ci_lower: at('ci_lower', i), ci_upper: at('ci_upper', i), weight: 1 })) }],
    footer: [`Studies added in order of ${c.column}; each row is the meta-analysis of the studies down to it.`],
    favours: options.favours ?? ['Favours [experimental]', 'Favours [control]'],
    weights: false,
    title: options.title ?? `Cumulative meta-analysis by ${c.column}`,
  };
}

/** Funnel plot specification (with trim-and-fill points and Egger's line when the report has them). */
export function funnelSpecFromReport(report: MetaAnalysisReport, options: FigureOptions & { contours?: boolean; egger?: boolean } = {}): FunnelSpec {
  const measure = report['measure'] as MeasureCode;
  const yi = report['yi'] as number[] | undefined;
  const vi = report['vi'] as number[] | undefined;
  if (!yi || !vi) throw new MetasiftError('NO_STUDY_EFFECTS', 'funnel plots need a model with per-study effects; use an inverse-variance method (not MH or PETO)', { field: 'method' });
  const egger = report['egger'] as { intercept?: number; slope?: number } | undefined;
  const tf = (report['trimfill'] as { filled?: { yi: number[]; vi: number[] } } | undefined)?.filled;
  return {
    yi,
    sei: vi.map(Math.sqrt),
    estimate: report['estimate'] as number,
    scale: isLog(measure) ? 'log' : 'linear',
    xLabel: MEASURE_LABELS[measure] + (isLog(measure) ? ' (log scale)' : ''),
    ...(options.title ? { title: options.title } : {}),
    ...(options.contours ? { contours: true } : {}),
    ...(tf && tf.yi.length ? { filled: { yi: tf.yi, sei: tf.vi.map(Math.sqrt) } } : {}),
    ...(options.egger && egger?.intercept !== undefined && egger.slope !== undefined ? { egger: { intercept: egger.intercept, slope: egger.slope } } : {}),
  };
}
