/**
 * One meta-analysis as a self-contained HTML page to share or archive: the report's text, the forest
 * and funnel plots (inline SVG), the per-study table, and the R script that reproduces every number.
 * Static HTML (no script), every text escaped; printing it to PDF from a browser gives the PDF report.
 */
import type { MetaAnalysisReport } from '../analysis/meta-analysis.js';
import { esc, htmlPage, htmlTable, itemHeading } from './html-page.js';
import { criticalValue } from '../stats/distributions.js';
import type { Cumulative } from '../analysis/cumulative.js';
import { subsetWords, type SensitivityFit } from '../analysis/sensitivity.js';
import { proseNumber, proseP, readerScale } from './meta-text.js';
import type { Influence } from '../meta/influence.js';
import type { ReportParagraph } from './selection-text.js';
import { smallStudyTable } from './small-study-table.js';

export interface MetaHtmlInput {
  readonly title: string;
  readonly report: MetaAnalysisReport;
  readonly paragraphs: readonly ReportParagraph[];
  readonly forestSvg: string;
  readonly funnelSvg?: string;
  /** The cumulative meta-analysis's forest plot, when it was run. */
  readonly cumulativeForestSvg?: string;
  /** The `--r-script` text, shown in a closed section. */
  readonly rScript?: string;
  /** E.g. "metasift 0.1.0, 29 November 2026". */
  readonly generator?: string;
}

/** Per-study effect with its Wald CI and weight, back-transformed for ratio measures. */
function studyRows(r: MetaAnalysisReport): string[][] {
  const yi = (r['yi'] as number[] | undefined) ?? [];
  const vi = (r['vi'] as number[] | undefined) ?? [];
  const w = (r['weights'] as number[] | undefined) ?? [];
  const study = (r['study'] as string[] | undefined) ?? [];
  const z = criticalValue((r['level'] as number | undefined) ?? 95);
  const { back } = readerScale(r);
  return yi.map((y, i) => {
    const se = Math.sqrt(vi[i]!);
    return [study[i] ?? `Study ${i + 1}`, proseNumber(back(y)), `${proseNumber(back(y - z * se))} to ${proseNumber(back(y + z * se))}`, w[i] === undefined ? '' : `${w[i]!.toFixed(1)}%`];
  });
}

/** Each study left out in turn: the pooled effect (back-transformed) with its CI, τ² and I². */
function leaveOneOutRows(r: MetaAnalysisReport): string[][] | null {
  const l = r['leave1out'] as { estimate: number[]; ci_lower: number[]; ci_upper: number[]; tau2: number[]; I2: number[] } | undefined;
  const study = (r['study'] as string[] | undefined) ?? [];
  if (!l) return null;
  const { back } = readerScale(r);
  return l.estimate.map((e, i) => [study[i] ?? `Study ${i + 1}`, proseNumber(back(e)), `${proseNumber(back(l.ci_lower[i]!))} to ${proseNumber(back(l.ci_upper[i]!))}`, proseNumber(l.tau2[i]!), `${l.I2[i]!.toFixed(0)}%`]);
}

/** metafor's influence() as a table: a row per study (four decimals, as metafor prints), DFBETAS per coefficient, the influential starred. */
export function influenceTable(r: MetaAnalysisReport): { columns: string[]; rows: string[][] } | null {
  const f = r['influence'] as Influence | undefined;
  const study = (r['study'] as string[] | undefined) ?? [];
  if (!f) return null;
  const n = (x: number): string => (Number.isFinite(x) ? x.toFixed(4).replace(/^-/, '−') : 'NA');
  const coefs = Object.keys(f.dfbetas);
  const dfbetas = coefs.length === 1 ? ['DFBETAS'] : coefs.map((c) => `DFBETAS ${c}`);
  return {
    columns: ['Study', 'rstudent', 'DFFITS', 'Cook’s D', 'cov.r', 'τ² without', 'Q without', 'hat', ...dfbetas, 'Influential'],
    rows: f.rstudent.map((_, i) => [
      study[i] ?? `Study ${i + 1}`,
      ...[f.rstudent, f.dffits, f.cook_d, f.cov_r, f.tau2_del, f.QE_del, f.hat, ...coefs.map((c) => f.dfbetas[c]!)].map((col) => n(col[i]!)),
      f.inf[i] ? '*' : '',
    ]),
  };
}

/** One row per study added: the pooled effect so far with its CI on the reader's scale, τ² and I². */
export function cumulativeTable(report: MetaAnalysisReport): { columns: string[]; rows: string[][] } | null {
  const c = report['cumulative'] as (Cumulative & Record<string, number[]>) | undefined;
  if (!c) return null;
  const { label, back } = readerScale(report);
  const at = (f: string, i: number): number => c[f]![i]!;
  return {
    columns: ['Study added', 'k', `${label} (${String(report['level'])}% CI)`, 'p', 'τ²', 'I²'],
    rows: c.study.map((s, i) => [s, String(i + 1), `${proseNumber(back(at('estimate', i)))} (${proseNumber(back(at('ci_lower', i)))} to ${proseNumber(back(at('ci_upper', i)))})`, proseP(at('pval', i)), proseNumber(at('tau2', i) ?? 0), `${at('I2', i).toFixed(0)}%`]),
  };
}

/** One row per sensitivity analysis: the subset, its k and the pooled effect with its CI on the reader's scale. */
export function sensitivityTable(report: MetaAnalysisReport): { columns: string[]; rows: string[][] } | null {
  const fits = report['sensitivity'] as SensitivityFit[] | undefined;
  if (!fits?.length) return null;
  const { label, back } = readerScale(report);
  const f2 = (x: unknown): string => proseNumber(back(x as number));
  return {
    columns: ['Studies', 'k', `${label} (${String(report['level'])}% CI)`, 'Left out'],
    rows: fits.map((f) => [subsetWords(f).replace(/^whose/, 'Those whose'), String(f.k), f.note ? 'too few to pool' : `${f2(f['estimate'])} (${f2(f['ci_lower'])} to ${f2(f['ci_upper'])})`, f.left_out.join('; ') || 'none']),
  };
}

/** The page's HTML text. */
export function metaReportHtml(input: MetaHtmlInput): string {
  const r = input.report;
  const level = (r['level'] as number | undefined) ?? 95;
  const { label } = readerScale(r);
  const effectHeader = label === 'effect' ? 'Effect' : label.length <= 4 ? label : label.charAt(0).toUpperCase() + label.slice(1);
  const rows = studyRows(r).map((cells) => cells.map(esc));
  const l1o = leaveOneOutRows(r);
  const inf = influenceTable(r);
  const subsets = sensitivityTable(r);
  const cumulative = cumulativeTable(r);
  const bias = smallStudyTable(r);
  const table = (t: { columns: string[]; rows: string[][] }): string => htmlTable(t.columns, t.rows.map((cells) => cells.map(esc)), t.columns.slice(1).map((_, j) => j + 1));
  const text = input.paragraphs.map((p) => `${itemHeading(p.heading, p.item)}\n<p>${esc(p.text)}</p>`).join('\n');
  const warnings = r.warnings.length ? `<h2>Warnings</h2>\n<ul>${r.warnings.map((w) => `<li>${esc(w.message)}</li>`).join('')}</ul>` : '';
  const body = [
    text,
    `<h2>Forest plot</h2>\n<figure>${input.forestSvg}</figure>`,
    input.funnelSvg ? `<h2>Funnel plot</h2>\n<figure>${input.funnelSvg}</figure>` : '',
    ...(bias ? [`<h2>Small-study effects and selection</h2>\n${htmlTable(bias.columns, bias.rows.map((cells) => cells.map(esc)), [])}`] : []),
    `<h2>Studies</h2>\n${htmlTable(['Study', effectHeader, `${level}% CI`, 'Weight'], rows, [1, 2, 3])}`,
    ...(l1o ? [`<h2>Leave-one-out</h2>\n${htmlTable(['Study left out', effectHeader, `${level}% CI`, 'τ²', 'I²'], l1o.map((cells) => cells.map(esc)), [1, 2, 3, 4])}`] : []),
    ...(subsets ? [`<h2>Sensitivity analyses</h2>\n${table(subsets)}`] : []),
    ...(cumulative ? [`<h2>Cumulative meta-analysis</h2>\n${table(cumulative)}${input.cumulativeForestSvg ? `\n<figure>${input.cumulativeForestSvg}</figure>` : ''}`] : []),
    ...(inf
      ? [
          `<h2>Influence diagnostics</h2>\n${htmlTable(inf.columns, inf.rows.map((cells) => cells.map(esc)), inf.columns.slice(1, -1).map((_, j) => j + 1))}\n<p>* influential by metafor’s cut-offs: |DFFITS| &gt; 3√(p/(k − p)), Cook’s D beyond the median of χ²(p), hat &gt; 3p/k or any |DFBETAS| &gt; 1 (p coefficients, k studies).</p>`,
        ]
      : []),
    warnings,
    input.rScript
      ? `<h2>Reproduce in R</h2>\n<details><summary>The R script (run it with Rscript; it checks every number above against metafor)</summary>\n<pre>${esc(input.rScript)}</pre></details>`
      : '',
  ];
  return htmlPage(input.title, body.filter(Boolean).join('\n'), input.generator ?? 'metasift');
}
