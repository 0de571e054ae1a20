/** `metasift meta DATA.csv …`: effect sizes and a meta-analysis model, as JSON or a printed summary. */
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  MetasiftError,
  forestPlot,
  cumulativeForestSpec,
  forestSpecFromReport,
  formatMetaReport,
  funnelPlot,
  funnelSpecFromReport,
  metaAnalysis,
  metaOutputs,
  robFromTable,
  type DataTable,
  type FigureOptions,
  type MetaAnalysisReport,
  type MetaOutputs,
  type ReportParagraph,
  type SelectionOptions,
} from '@metasift/core';
import { renderFigure } from '../render.js';
import { requireExtension, writeOutputs, type Output } from '../outputs.js';
import { readTable } from '../read-table.js';
import { reportError } from '../errors.js';
import { toJson } from '../json.js';

export interface MetaFlags {
  measure?: string;
  method?: string;
  test?: string;
  subgroup?: string;
  mods?: string;
  sensitivity?: string[];
  cumulative?: string;
  cluster?: string;
  multilevel?: string;
  level?: string;
  json?: boolean;
  forest?: string;
  funnel?: string;
  cumulativeForest?: string;
  favours?: string;
  sort?: string;
  title?: string;
  contours?: boolean;
  egger?: boolean;
  rob?: string;
  robTool?: string;
  rScript?: string;
  text?: boolean;
  report?: string;
  selSteps?: string;
  selAlternative?: string;
}

function parseLevel(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!(v > 0 && v < 100)) throw new MetasiftError('INVALID_LEVEL', `--level must be a percentage between 0 and 100, got "${raw}"`, { field: 'level' });
  return v;
}

export function registerMeta(program: Command): void {
  program
    .command('meta')
    .description('meta-analysis of a CSV with metafor escalc columns (m1i sd1i n1i …, ai bi ci di, ri ni, xi ni, yi vi)')
    .argument('<data>', 'CSV or TSV file, one row per study')
    .option('--measure <M>', 'SMD, MD, ROM, OR, RR, RD, PETO, ZCOR, COR, PLO, PR or GEN (inferred when unambiguous)')
    .option('--method <X>', 'EE, DL, REML, ML, PM, HE, SJ, EB, HS; MH or PETO for 2x2 data', 'REML')
    .option('--test <T>', 'z; t (k - p df); knha (Knapp-Hartung); adhoc (Knapp-Hartung, never narrower than t); z or t with --multilevel', 'z')
    .option('--subgroup <COL>', 'fit a model per level of COL and test for subgroup differences')
    .option('--mods <COLS>', 'meta-regression on these comma-separated columns')
    .option('--cumulative <COL>', "cumulative meta-analysis: the studies added in order of COL (e.g. year), as metafor's cumul()")
    .option('--cluster <COL>', "cluster-robust tests with the rows clustered by COL (e.g. study_id), as metafor's robust()")
    .option('--multilevel <COL>', "three-level model with the rows nested in COL (e.g. study_id), as metafor's rma.mv(random = ~ 1 | COL/es_id)")
    .option('--sensitivity <SUBSET>', 'refit the model on a subset: COL=V[,V…] keeps those studies, COL!=V[,V…] leaves them out (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--level <L>', 'confidence level in percent', '95')
    .option('--sel-steps <P,…>', "the selection model's steps: one-sided p-values between 0 and 1 (default 0.025, the three-parameter model)")
    .option('--sel-alternative <A>', "the selection model's direction: greater or less (default: the pooled estimate's sign)")
    .option('--json', 'print one JSON object (the documented contract)')
    .option('--forest <FILE>', 'write a forest plot (.svg, .png or .pdf)')
    .option('--funnel <FILE>', 'write a funnel plot (.svg, .png or .pdf)')
    .option('--cumulative-forest <FILE>', 'with --cumulative: write its forest plot, one row per study added (.svg, .png or .pdf)')
    .option('--favours <LEFT,RIGHT>', 'labels under the forest plot axis', 'Favours [experimental],Favours [control]')
    .option('--sort <ORDER>', 'forest plot row order: input, effect, weight or label', 'input')
    .option('--title <TEXT>', 'figure title')
    .option('--contours', 'contour-enhanced funnel plot (p < 0.01, 0.05, 0.10)')
    .option('--egger', "draw Egger's regression line on the funnel plot")
    .option('--rob <FILE>', 'risk-of-bias table (Study, D1…Dn, Overall) shown beside the forest plot rows')
    .option('--rob-tool <T>', 'rob2, robins-i or custom', 'rob2')
    .option('--text', "print the report's text (methods, results, sensitivity, reporting bias) instead of the summary")
    .option('--report <FILE>', 'write the analysis as one HTML page: the text, forest and funnel plots, the studies, and the R script')
    .option('--r-script <FILE>', "write an R script that redoes the analysis with metafor and checks every number against metasift's")
    .action(async (data: string, flags: MetaFlags) => {
      let table: DataTable | undefined;
      try {
        table = readTable(data);
        const report = runMeta(table, flags);
        if (flags.rScript) requireExtension(flags.rScript, ['.r'], 'r-script', '--r-script writes R source');
        if (flags.report) requireExtension(flags.report, ['.html', '.htm'], 'report', '--report writes an HTML page');
        // every file is made first, then all are written or none
        const outputs: Output[] = await figureOutputs(report, table, flags);
        const made = flags.rScript || flags.report || flags.text ? outputsFor(report, table, flags, data) : undefined;
        if (flags.rScript) outputs.push({ file: flags.rScript, data: made!.rScript, flag: 'r-script' });
        if (flags.report) outputs.push({ file: flags.report, data: made!.html, flag: 'report' });
        writeOutputs(outputs);
        process.stdout.write(flags.json ? `${toJson(report)}\n` : flags.text ? reportText(made!.paragraphs) : formatMetaReport(report));
      } catch (e) {
        process.exitCode = reportError(e, { file: data, ...(table && { table }) });
      }
    });
}

/** The text, figures, R script and HTML page of the analysis, as the core makes them for the CLI and the web app alike. */
function outputsFor(report: MetaAnalysisReport, table: DataTable, flags: MetaFlags, data: string): MetaOutputs {
  const args = process.argv.slice(3).filter((a, i, all) => !/^--(r-script|report)(=|$)/.test(a) && !/^--(r-script|report)$/.test(all[i - 1] ?? ''));
  return metaOutputs(table, report, {
    ...modelOptions(flags),
    command: ['metasift meta', ...args.map((a) => (a === data ? basename(data) : a))].join(' '),
    title: flags.title ?? `Meta-analysis of ${basename(data)}`,
    figure: figureOptions(flags),
    funnel: { contours: !!flags.contours, egger: !!flags.egger },
  });
}

function reportText(paragraphs: readonly ReportParagraph[]): string {
  return `${paragraphs.map((p) => `${p.heading} (PRISMA 2020 item ${p.item})\n${p.text}`).join('\n\n')}\n`;
}

const modelOptions = (flags: MetaFlags): { subgroup?: string; mods?: string[] } => ({
  ...(flags.subgroup !== undefined && { subgroup: flags.subgroup }),
  ...(flags.mods !== undefined && { mods: splitList(flags.mods) }),
});

const splitList = (s: string): string[] => s.split(',').map((x) => x.trim()).filter(Boolean);

const SORTS = ['input', 'effect', 'weight', 'label'] as const;

/** The figures' options from the flags (sort order, title, favours labels, risk-of-bias table). */
function figureOptions(flags: MetaFlags): FigureOptions {
  const sort = (flags.sort ?? 'input') as (typeof SORTS)[number];
  if (!SORTS.includes(sort)) throw new MetasiftError('INVALID_OPTION', `--sort must be one of ${SORTS.join(', ')}, got "${flags.sort}"`, { field: 'sort' });
  const fav = (flags.favours ?? '').split(',').map((s) => s.trim());
  const rob = flags.rob ? robFromTable(readTable(flags.rob), (flags.robTool ?? 'rob2').toLowerCase()) : undefined;
  return { sort, ...(flags.title ? { title: flags.title } : {}), ...(fav.length === 2 ? { favours: [fav[0]!, fav[1]!] as const } : {}), ...(rob ? { rob } : {}) };
}

async function figureOutputs(report: MetaAnalysisReport, table: DataTable, flags: MetaFlags): Promise<Output[]> {
  if (!flags.forest && !flags.funnel && !flags.cumulativeForest) return [];
  const options = figureOptions(flags);
  const out: Output[] = [];
  if (flags.forest) out.push({ file: flags.forest, data: await renderFigure(forestPlot(forestSpecFromReport(report, table, options)), flags.forest, 'forest'), flag: 'forest' });
  if (flags.funnel)
    out.push({ file: flags.funnel, data: await renderFigure(funnelPlot(funnelSpecFromReport(report, { ...options, contours: !!flags.contours, egger: !!flags.egger })), flags.funnel, 'funnel'), flag: 'funnel' });
  if (flags.cumulativeForest) out.push({ file: flags.cumulativeForest, data: await renderFigure(forestPlot(cumulativeForestSpec(report, options)), flags.cumulativeForest, 'cumulative-forest'), flag: 'cumulative-forest' });
  return out;
}

/** The analysis for parsed flags (exported for in-process golden tests). */
export function runMeta(table: DataTable, flags: MetaFlags): MetaAnalysisReport {
  const level = parseLevel(flags.level);
  return metaAnalysis(table, {
    ...(flags.measure !== undefined && { measure: flags.measure }),
    ...(flags.method !== undefined && { method: flags.method }),
    ...(flags.test !== undefined && { test: flags.test }),
    ...(flags.subgroup !== undefined && { subgroup: flags.subgroup }),
    ...(flags.mods !== undefined && { mods: splitList(flags.mods) }),
    ...(flags.sensitivity?.length && { sensitivity: flags.sensitivity }),
    ...(flags.cumulative !== undefined && { cumulative: flags.cumulative }),
    ...(flags.cluster !== undefined && { cluster: flags.cluster }),
    ...(flags.multilevel !== undefined && { multilevel: flags.multilevel }),
    ...(level !== undefined && { level }),
    ...((flags.selSteps !== undefined || flags.selAlternative !== undefined) && { selection: selectionFlags(flags) }),
  });
}

/** --sel-steps and --sel-alternative, each named when it is not what it must be. */
function selectionFlags(flags: MetaFlags): SelectionOptions {
  const steps = flags.selSteps === undefined ? undefined : splitList(flags.selSteps).map((s) => (/^\s*[0-9.eE+-]+\s*$/.test(s) ? Number(s) : NaN));
  if (steps?.some((s) => !(s > 0 && s < 1)) || steps?.length === 0)
    throw new MetasiftError('INVALID_OPTION', `--sel-steps takes one-sided p-values strictly between 0 and 1, comma-separated, got "${flags.selSteps}"`, { field: 'sel-steps' });
  const alt = flags.selAlternative?.toLowerCase();
  if (alt !== undefined && alt !== 'greater' && alt !== 'less')
    throw new MetasiftError('INVALID_OPTION', `--sel-alternative must be greater or less, got "${flags.selAlternative}"`, { field: 'sel-alternative' });
  return { ...(steps && { steps }), ...(alt && { alternative: alt }) };
}

/** Flags from an argument list such as the reference cases' `args` (for tests and tools). */
export function parseMetaArgs(args: readonly string[]): MetaFlags {
  const flags: Record<string, string | boolean | string[]> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) continue;
    const key = a.slice(2);
    if (key === 'json') flags['json'] = true;
    else if (key === 'sensitivity') flags[key] = [...((flags[key] as string[] | undefined) ?? []), args[++i] ?? ''];
    else flags[key] = args[++i] ?? '';
  }
  return flags as MetaFlags;
}
