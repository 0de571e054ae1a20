/**
 * Plain-text summary of a meta-analysis report in the spirit of metafor's print.rma(): model line,
 * heterogeneity, the pooled estimate with CI and PI, cluster-robust tests, moderators or subgroups, and a per-study table.
 */
import type { MetaAnalysisReport } from './meta-analysis.js';
import { robustCoefficients, type RobustSummary } from './robust-summary.js';
import type { MultilevelSummary } from './multilevel.js';
import { smallStudyLines } from './small-study.js';

const METHOD_NAMES: Record<string, string> = {
  EE: 'Equal-effects model',
  DL: 'Random-effects model (tau^2 estimator: DerSimonian-Laird)',
  REML: 'Random-effects model (tau^2 estimator: REML)',
  ML: 'Random-effects model (tau^2 estimator: ML)',
  PM: 'Random-effects model (tau^2 estimator: Paule-Mandel)',
  HE: 'Random-effects model (tau^2 estimator: Hedges)',
  SJ: 'Random-effects model (tau^2 estimator: Sidik-Jonkman)',
  EB: 'Random-effects model (tau^2 estimator: empirical Bayes)',
  HS: 'Random-effects model (tau^2 estimator: Hunter-Schmidt)',
  MH: 'Equal-effects model (Mantel-Haenszel method)',
  PETO: "Equal-effects model (Peto's method)",
};

/** Formats a number as metafor does by default (4 decimals), p-values as "<.0001" when tiny. */
export function fmt(x: unknown, digits = 4): string {
  if (typeof x !== 'number' || Number.isNaN(x)) return 'NA';
  return x.toFixed(digits);
}

export function fmtP(p: unknown): string {
  if (typeof p !== 'number' || Number.isNaN(p)) return 'NA';
  return p < 1e-4 ? '<.0001' : p.toFixed(4);
}

function pad(s: string, n: number, left = false): string {
  return left ? s.padEnd(n) : s.padStart(n);
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (cells: string[]): string => cells.map((c, j) => pad(c, widths[j]!, j === 0)).join('  ');
  return [line(headers), ...rows.map(line)].join('\n');
}

/** As metafor's print.rma.mv: the model line and the variance components, one row per level. */
function multilevelHeader(r: MetaAnalysisReport, ml: MultilevelSummary): string[] {
  const sigma2 = r['sigma2'] as [number, number];
  const nlevels = r['nlevels'] as [number, number];
  const i2 = r['I2_levels'] as [number, number];
  const ci = r['sigma2_ci'] as [number, number][] | undefined;
  const tests = r['level_tests'] as { LRT: number; pval: number }[] | undefined;
  const rows = [0, 1].map((j) => [
    `sigma^2.${j + 1}`,
    fmt(sigma2[j]),
    fmt(Math.sqrt(sigma2[j]!)),
    ...(ci ? [fmt(ci[j]![0]), fmt(ci[j]![1])] : []),
    String(nlevels[j]),
    `${fmt(i2[j], 2)}%`,
    ...(tests ? [fmt(tests[j]!.LRT), fmtP(tests[j]!.pval)] : []),
    j === 0 ? ml.column : `${ml.column}/es_id`,
  ]);
  const head = ['', 'estim', 'sqrt', ...(ci ? ['ci.lb', 'ci.ub'] : []), 'nlvls', 'I^2', ...(tests ? ['LRT', 'pval'] : []), 'factor'];
  return [
    `Multilevel random-effects model (k = ${String(r['k'])}; method: ${String(r['method'])}; measure ${String(r['measure'])})`,
    '',
    'Variance Components:',
    '',
    table(head, rows),
    ...(ci || tests ? ['', `(${ci ? `profile-likelihood ${String(r['level'])}% CIs` : ''}${ci && tests ? '; ' : ''}${tests ? 'LRT: the model without that level, chi^2(1)' : ''})`] : []),
    '',
  ];
}

export function formatMetaReport(r: MetaAnalysisReport): string {
  const n = (k: string): number => r[k] as number;
  const out: string[] = [];
  const ml = r['multilevel'] as MultilevelSummary | undefined;
  if (ml) out.push(...multilevelHeader(r, ml));
  else out.push(`${METHOD_NAMES[r['method'] as string] ?? String(r['method'])} (k = ${n('k')}; measure ${String(r['measure'])})`, '');
  if (!ml && r['method'] !== 'EE' && r['method'] !== 'MH' && r['method'] !== 'PETO') {
    const ci = r['tau2_ci'] as number[] | undefined;
    out.push(`tau^2 (estimated amount of total heterogeneity): ${fmt(r['tau2'])}${ci ? ` [${fmt(ci[0])}, ${fmt(ci[1])}]` : ''}`);
    out.push(`tau (square root of estimated tau^2 value):      ${fmt(Math.sqrt(n('tau2')))}`);
  }
  out.push(`I^2 (total heterogeneity / total variability):   ${fmt(r['I2'], 2)}%`);
  if (r['H2'] !== undefined) out.push(`H^2 (total variability / sampling variability):  ${fmt(r['H2'], 2)}`);
  out.push('', `Test for ${r['coefficients'] ? 'Residual ' : ''}Heterogeneity:`, `Q(df = ${String(r['Q_df'])}) = ${fmt(r['Q'])}, p-val ${fmtP(r['Q_pval'])}`, '');
  const coefs = r['coefficients'] as { name: string; estimate: number; se: number; statistic: number; pval: number; ci_lower: number; ci_upper: number }[] | undefined;
  const stat = r['df'] ? 'tval' : 'zval';
  if (coefs) {
    const df = r['df'] ? `F(df1 = ${String(r['QM_df'])}, df2 = ${String(r['df'])})` : `QM(df = ${String(r['QM_df'])})`;
    out.push(`Test of Moderators (coefficients 2:${coefs.length}):`, `${df} = ${fmt(r['QM'])}, p-val ${fmtP(r['QM_pval'])}`);
    if (r['R2'] !== undefined) out.push(`R^2 (amount of heterogeneity accounted for): ${fmt(r['R2'], 2)}%`);
    out.push('', 'Model Results:', '');
    out.push(table(['', 'estimate', 'se', stat, 'pval', 'ci.lb', 'ci.ub'], coefs.map((c) => [c.name, fmt(c.estimate), fmt(c.se), fmt(c.statistic), fmtP(c.pval), fmt(c.ci_lower), fmt(c.ci_upper)])));
  } else {
    out.push('Model Results:', '');
    out.push(table(['estimate', 'se', stat, 'pval', 'ci.lb', 'ci.ub'], [[fmt(r['estimate']), fmt(r['se']), fmt(r['statistic']), fmtP(r['pval']), fmt(r['ci_lower']), fmt(r['ci_upper'])]]));
    if (r['pi_lower'] !== undefined) out.push('', `Prediction interval: [${fmt(r['pi_lower'])}, ${fmt(r['pi_upper'])}]`);
    const t = r['transformed'] as Record<string, number> | undefined;
    if (t) out.push(`Back-transformed (exp): ${fmt(t['estimate'])} [${fmt(t['ci_lower'])}, ${fmt(t['ci_upper'])}]`);
  }
  const rob = r['robust'] as RobustSummary | undefined;
  if (rob) {
    out.push('', `Cluster-robust tests (CR1; ${rob.clusters} clusters by ${rob.column}; t with df = ${rob.df}):`, '');
    const named = rob.coefficients !== undefined;
    out.push(table([...(named ? [''] : []), 'estimate', 'se', 'tval', 'pval', 'ci.lb', 'ci.ub'], robustCoefficients(rob).map((c) => [...(named ? [c.name] : []), fmt(c.estimate), fmt(c.se), fmt(c.statistic), fmtP(c.pval), fmt(c.ci_lower), fmt(c.ci_upper)])));
    if (rob.QM_df) out.push(`Test of Moderators: F(df1 = ${rob.QM_df[0]}, df2 = ${rob.QM_df[1]}) = ${fmt(rob.QM)}, p-val ${fmtP(rob.QM_pval)}`);
  }
  const sub = r['subgroups'] as { column: string; groups: { level: string; k: number; estimate: number; ci_lower: number; ci_upper: number; tau2: number; I2: number }[]; Q_between: number; Q_between_df: number; Q_between_pval: number } | undefined;
  if (sub) {
    out.push('', `Subgroups by ${sub.column}:`, '');
    out.push(table(['level', 'k', 'estimate', 'ci.lb', 'ci.ub', 'tau^2', 'I^2'], sub.groups.map((g) => [g.level, String(g.k), fmt(g.estimate), fmt(g.ci_lower), fmt(g.ci_upper), fmt(g.tau2), `${fmt(g.I2, 1)}%`])));
    out.push(sub.Q_between_df > 0 ? `Test for subgroup differences: Q(df = ${sub.Q_between_df}) = ${fmt(sub.Q_between)}, p-val ${fmtP(sub.Q_between_pval)}` : 'Test for subgroup differences: not applicable (one subgroup pooled)');
  }
  const subsets = r['sensitivity'] as (Record<string, unknown> & { spec: string; k: number; note?: string })[] | undefined;
  if (subsets?.length) {
    out.push('', 'Sensitivity analyses (the same model on a subset; — too few studies, see the warnings):', '');
    out.push(table(['subset', 'k', 'estimate', 'ci.lb', 'ci.ub', 'tau^2', 'I^2'], subsets.map((f) => (f.note ? [f.spec, String(f.k), '—', '—', '—', '—', '—'] : [f.spec, String(f.k), fmt(f['estimate']), fmt(f['ci_lower']), fmt(f['ci_upper']), fmt(f['tau2']), `${fmt(f['I2'], 1)}%`]))));
  }
  const cm = r['cumulative'] as (Record<string, unknown> & { column: string; study: string[] }) | undefined;
  if (cm) {
    const col = (f: string, i: number): string => fmt((cm[f] as number[])[i]);
    out.push('', `Cumulative meta-analysis (studies added in order of ${cm.column}):`, '');
    out.push(table(['added', 'k', 'estimate', 'ci.lb', 'ci.ub', 'pval', 'tau^2', 'I^2'], cm.study.map((s, i) => [s, String(i + 1), col('estimate', i), col('ci_lower', i), col('ci_upper', i), fmtP((cm['pval'] as number[])[i]), col('tau2', i), `${fmt((cm['I2'] as number[])[i], 1)}%`])));
  }
  const egger = r['egger'] as { statistic: number; pval: number; df: number } | undefined;
  if (egger) out.push('', `Egger's regression test: t(${egger.df}) = ${fmt(egger.statistic)}, p-val ${fmtP(egger.pval)}`);
  out.push(...smallStudyLines(r, fmt, fmtP));
  const tf = r['trimfill'] as { k0: number; side: string; estimate: number; ci_lower: number; ci_upper: number } | undefined;
  if (tf) {
    // metafor refits the filled data with a z test at 95%, whatever the model's test and level
    const note = tf.k0 > 0 && (r['test'] !== 'z' || r['level'] !== 95) ? ' (95% CI with a z test, as metafor refits the filled data)' : '';
    out.push(`Trim-and-fill: ${tf.k0} ${tf.k0 === 1 ? "study" : "studies"} imputed on the ${tf.side}; adjusted estimate ${fmt(tf.estimate)} [${fmt(tf.ci_lower)}, ${fmt(tf.ci_upper)}]${note}`);
  }
  const yi = r['yi'] as number[] | undefined;
  if (yi) {
    const vi = r['vi'] as number[];
    const w = r['weights'] as number[];
    const study = r['study'] as string[];
    out.push('', 'Studies:', '');
    out.push(table(['study', 'yi', 'vi', 'weight'], yi.map((y, i) => [study[i] ?? String(i + 1), fmt(y), fmt(vi[i]), `${fmt(w[i], 2)}%`])));
  }
  const warnings = r.warnings;
  if (warnings.length) out.push('', 'Warnings:', ...warnings.map((w) => `  - ${w.message}`));
  return out.join('\n') + '\n';
}
