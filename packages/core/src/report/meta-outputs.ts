/**
 * Everything made from one analysis for people — the report's text, the forest and funnel plots, the R
 * script and the HTML page — in one place, so the CLI (`--text`, `--r-script`, `--report`) and the web
 * app's meta-analysis page make the same files from the same report.
 */
import type { FigureOptions } from '../analysis/figure-data.js';
import { cumulativeForestSpec, forestSpecFromReport, funnelSpecFromReport } from '../analysis/figure-data.js';
import type { MetaAnalysisReport } from '../analysis/meta-analysis.js';
import { metaRScript } from '../analysis/r-script.js';
import type { DataTable } from '../analysis/table.js';
import { forestPlot } from '../figures/forest.js';
import { funnelPlot } from '../figures/funnel.js';
import { METASIFT_VERSION } from '../version.js';
import { metaReportHtml } from './meta-html.js';
import { metaText } from './meta-text.js';
import type { ReportParagraph } from './selection-text.js';

export interface MetaOutputOptions {
  /** The --subgroup and --mods the analysis was run with. */
  readonly subgroup?: string;
  readonly mods?: readonly string[];
  /** How the analysis was asked for, e.g. "metasift meta bcg.csv --measure RR". */
  readonly command: string;
  readonly title: string;
  readonly figure?: FigureOptions;
  readonly funnel?: { readonly contours?: boolean; readonly egger?: boolean };
  /** Who made the files; "metasift <version>" when absent. */
  readonly generator?: string;
}

export interface MetaOutputs {
  readonly paragraphs: ReportParagraph[];
  readonly forestSvg: string;
  /** Null for a meta-regression or 2×2-table methods (no per-study effects to plot against precision). */
  readonly funnelSvg: string | null;
  /** The cumulative meta-analysis's forest plot, when it was run. */
  readonly cumulativeForestSvg: string | null;
  readonly rScript: string;
  readonly html: string;
}

export function metaOutputs(table: DataTable, report: MetaAnalysisReport, o: MetaOutputOptions): MetaOutputs {
  const model = { ...(o.subgroup !== undefined && { subgroup: o.subgroup }), ...(o.mods !== undefined && o.mods.length > 0 && { mods: o.mods }) };
  const generator = o.generator ?? `metasift ${METASIFT_VERSION}`;
  const figure = o.figure ?? {};
  const paragraphs = metaText(report, model);
  const forestSvg = forestPlot(forestSpecFromReport(report, table, figure));
  const funnelSvg = report['yi'] && !report['coefficients'] ? funnelPlot(funnelSpecFromReport(report, { ...figure, contours: !!o.funnel?.contours, egger: !!o.funnel?.egger })) : null;
  const cumulativeForestSvg = report['cumulative'] ? forestPlot(cumulativeForestSpec(report, figure.favours ? { favours: figure.favours } : {})) : undefined;
  const rScript = metaRScript(table, report, { ...model, command: o.command, generator });
  const html = metaReportHtml({ title: o.title, report, paragraphs, forestSvg, ...(funnelSvg ? { funnelSvg } : {}), ...(cumulativeForestSvg && { cumulativeForestSvg }), rScript, generator });
  return { paragraphs, forestSvg, funnelSvg, cumulativeForestSvg: cumulativeForestSvg ?? null, rScript, html };
}
