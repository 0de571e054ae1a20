/**
 * One meta-analysis as a self-contained HTML page to share or archive: the report's text, the forest
 * and funnel plots (inline SVG), the per-study table, and the R script that reproduces every number.
 * Static HTML (no script), every text escaped; printing it to PDF from a browser gives the PDF report.
 */
import type { MetaAnalysisReport } from '../analysis/meta-analysis.js';
import { esc } from '../figures/svg.js';
import { criticalValue } from '../stats/distributions.js';
import { proseNumber } from './meta-text.js';
import type { ReportParagraph } from './selection-text.js';

export interface MetaHtmlInput {
  readonly title: string;
  readonly report: MetaAnalysisReport;
  readonly paragraphs: readonly ReportParagraph[];
  readonly forestSvg: string;
  readonly funnelSvg?: string;
  /** The `--r-script` text, shown in a closed section. */
  readonly rScript?: string;
  /** E.g. "metasift 0.1.0, 29 November 2026". */
  readonly generator?: string;
}

const RATIO = new Set(['OR', 'RR', 'ROM', 'PETO']);

/** Per-study effect with its Wald CI and weight, back-transformed for ratio measures. */
function studyRows(r: MetaAnalysisReport): string[][] {
  const yi = (r['yi'] as number[] | undefined) ?? [];
  const vi = (r['vi'] as number[] | undefined) ?? [];
  const w = (r['weights'] as number[] | undefined) ?? [];
  const study = (r['study'] as string[] | undefined) ?? [];
  const z = criticalValue((r['level'] as number | undefined) ?? 95);
  const back = RATIO.has(String(r['measure'])) ? Math.exp : (x: number): number => x;
  return yi.map((y, i) => {
    const se = Math.sqrt(vi[i]!);
    return [study[i] ?? `Study ${i + 1}`, proseNumber(back(y)), `${proseNumber(back(y - z * se))} to ${proseNumber(back(y + z * se))}`, w[i] === undefined ? '' : `${w[i]!.toFixed(1)}%`];
  });
}

const STYLE = `body{font-family:'Source Sans 3','Source Sans Pro',Arial,Helvetica,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}.item{color:#555;font-weight:normal}
figure{margin:1rem 0;overflow-x:auto}table{border-collapse:collapse;font-size:.95rem}th,td{border-bottom:1px solid #ccc;padding:.25rem .6rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}pre{background:#f6f6f6;padding:1rem;overflow-x:auto;font-size:.8rem}footer{color:#555;font-size:.85rem;margin-top:2rem}
@media print{details{display:none}}`;

/** The page's HTML text. */
export function metaReportHtml(input: MetaHtmlInput): string {
  const r = input.report;
  const level = (r['level'] as number | undefined) ?? 95;
  const ratio = RATIO.has(String(r['measure']));
  const rows = studyRows(r)
    .map(([s, e, ci, w]) => `<tr><td>${esc(s!)}</td><td class="n">${esc(e!)}</td><td class="n">${esc(ci!)}</td><td class="n">${esc(w!)}</td></tr>`)
    .join('\n');
  const text = input.paragraphs
    .map((p) => `<h2>${esc(p.heading)} <span class="item">(PRISMA 2020 item ${esc(p.item)})</span></h2>\n<p>${esc(p.text)}</p>`)
    .join('\n');
  const warnings = r.warnings.length ? `<h2>Warnings</h2>\n<ul>${r.warnings.map((w) => `<li>${esc(w.message)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(input.title)}</h1>
${text}
<h2>Forest plot</h2>
<figure>${input.forestSvg}</figure>
${input.funnelSvg ? `<h2>Funnel plot</h2>\n<figure>${input.funnelSvg}</figure>` : ''}
<h2>Studies</h2>
<table>
<thead><tr><th scope="col">Study</th><th scope="col">Effect${ratio ? ' (ratio)' : ''}</th><th scope="col">${level}% CI</th><th scope="col">Weight</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${warnings}
${input.rScript ? `<h2>Reproduce in R</h2>\n<details><summary>The R script (run it with Rscript; it checks every number above against metafor)</summary>\n<pre>${esc(input.rScript)}</pre></details>` : ''}
<footer>${esc(input.generator ?? 'metasift')}</footer>
</body>
</html>
`;
}
