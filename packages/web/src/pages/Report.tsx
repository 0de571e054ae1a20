/**
 * The review report: everything recorded so far — protocol, flow diagram and methods text, the included
 * studies' characteristics and risk of bias, each outcome's meta-analysis with its forest plot, the
 * narrative synthesis, GRADE — as one static HTML page (print it to PDF from the browser), and one R
 * script that reproduces and checks every pooled number with metafor. Assembled in the page from the
 * same data and core as the other tabs.
 */
import { useState } from 'react';
import { abstractDraft, certaintyOf, effectDirectionPlot, METASIFT_VERSION, metaAnalysis, metaCommandLine, metaOutputs, preparationText, reviewReportHtml, robFiguresFor, robForStudies, robSummary, robTrafficLight, smallStudyTable, type ReviewReportInput } from '@metasift/core';
import { api, type PrismaCounts, type ResultsTables, type ReviewEffectDirections, type StudyCharacteristics, type Themes } from '../api.js';
import { loadEvidence, sofRow } from '../evidence.js';
import { downloadText } from '../object-url.js';
import { gatherSelection, selectionTables } from '../report-data.js';
import type { ReviewContext } from './ReviewShell.js';

const slug = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'outcome';

/** Every part of the report, fetched and computed now. */
async function assemble(ctx: ReviewContext): Promise<{ input: ReviewReportInput; contents: string[] }> {
  const r = `/reviews/${ctx.review.id}`;
  const p = ctx.review.protocol;
  const [prisma, prismaSvg, characteristics, directions, results, themes, loaded] = await Promise.all([
    api<{ counts: PrismaCounts }>('GET', `${r}/prisma`),
    api<string>('GET', `${r}/prisma.svg`),
    api<StudyCharacteristics>('GET', `${r}/extraction/characteristics`),
    api<ReviewEffectDirections>('GET', `${r}/synthesis/effect-direction`),
    api<ResultsTables>('GET', `${r}/synthesis/results`),
    api<Themes>('GET', `${r}/synthesis/themes`),
    loadEvidence(ctx.review.id, p.outcomes),
  ]);
  const selection = await gatherSelection(ctx, prisma.counts);
  const scripts: string[] = [];
  const outcomes = loaded.evidence.map((e) => {
    if (!e.analysis) return { name: e.outcome, paragraphs: [], forestSvg: null, note: e.effect === 'no study with final data' ? 'No study has final extracted data for this outcome yet.' : `Not analysed: ${e.effect}.` };
    // the analysis of record as saved on the meta-analysis page, with its subgroups or moderators
    const { table, measure, spec } = e.analysis;
    const method = spec?.method ?? 'REML';
    const test = spec?.test ?? 'z';
    const level = spec?.level ?? 95;
    const saved = {
      ...(spec?.subgroup && { subgroup: spec.subgroup }),
      ...(spec?.mods.length && { mods: spec.mods }),
      ...(spec?.sensitivity?.length && { sensitivity: spec.sensitivity }),
      ...(spec?.cumulative && { cumulative: spec.cumulative }),
      ...(spec?.cluster && { cluster: spec.cluster }),
      ...(spec?.multilevel && { multilevel: spec.multilevel }),
    };
    // the saved choices rerun on today's table; one the table no longer allows (a column gone) falls back to the pooled effect, said in the note
    let extra: typeof saved = saved;
    let report = e.analysis.report;
    let note = '';
    if (Object.keys(saved).length) {
      try {
        report = metaAnalysis(table, { measure, method, test, level, ...saved });
      } catch (err) {
        extra = {};
        note = `The analysis of record's subgroups, moderators, sensitivity, cumulative, cluster-robust or three-level analyses could not be rerun on today's data (${err instanceof Error ? err.message : String(err)}): shown is the pooled effect alone; open the meta-analysis page to save the analysis again.`;
      }
    }
    const model = { ...(extra.subgroup && { subgroup: extra.subgroup }), ...(extra.mods && { mods: extra.mods }) };
    const command = metaCommandLine(`${slug(e.outcome)}.csv`, { measure, method, test, level, ...extra });
    // the final risk-of-bias judgements beside the forest plot's rows, RevMan style
    const rob = robForStudies(robFiguresFor(loaded.figures, e.outcome), table.rows.map((row) => row[table.columns.indexOf('study')] ?? ''));
    const made = metaOutputs(table, report, { ...model, command, title: e.outcome, generator: `metasift ${METASIFT_VERSION} (web app)`, ...(rob && { figure: { rob } }) });
    scripts.push(`# ==== ${e.outcome} ====\n${made.rScript}`);
    return { name: e.outcome, paragraphs: made.paragraphs, forestSvg: made.forestSvg, cumulativeSvg: made.cumulativeForestSvg, funnelSvg: made.funnelSvg, bias: smallStudyTable(report), note };
  });
  const analysed = outcomes.filter((o) => o.forestSvg).length;
  // the study-wide figures, then each outcome's whose results some study judged apart
  const robFigures = [...loaded.figures.tools, ...loaded.figures.outcomes.flatMap((o) => o.tools)];
  const rob = robFigures.map((d) => ({ tool: d.outcome ? `${d.tool}: ${d.outcome}` : d.tool, trafficSvg: robTrafficLight(d), summarySvg: robSummary(d) }));
  const gradeOf = (outcome: string) => loaded.grades.find((a) => a.outcome === outcome);
  const sof = loaded.evidence.filter((e) => e.k > 0).map((e) => sofRow(e, gradeOf(e.outcome)));
  const abstract = abstractDraft({
    question: p.question,
    criteria: p.criteria,
    searches: selection.runs.map((s) => ({ database: s.database, source: s.source, searchedOn: s.searched_on })),
    robTools: [...new Set(robFigures.map((d) => d.tool))],
    analyses: loaded.evidence.flatMap((e) => (e.analysis ? [{ measure: String(e.analysis.report['measure']), method: String(e.analysis.report['method']), level: Number(e.analysis.report['level']) }] : [])),
    studies: prisma.counts.included_studies,
    results: loaded.evidence.map((e) => {
      const a = gradeOf(e.outcome);
      return { outcome: e.outcome, k: e.k, participants: e.participants, effect: e.effect, pooled: e.analysis !== null, certainty: a ? certaintyOf(a) : null };
    }),
    registryId: p.registry_id,
  });
  // item 13b from how each outcome's table was made, placed in the methods before the syntheses (13d) and the results (16a on)
  const prepared = loaded.evidence.flatMap((e) => (e.preparation && (e.k > 0 || e.preparation.directionOnly.length > 0) ? [{ outcome: e.outcome, preparation: e.preparation }] : []));
  const preparation = preparationText(prepared);
  const before = selection.paragraphs.findIndex((x) => parseInt(x.item, 10) > 13);
  const paragraphs = preparation ? [...selection.paragraphs.slice(0, before < 0 ? undefined : before), preparation, ...(before < 0 ? [] : selection.paragraphs.slice(before))] : selection.paragraphs;
  const input: ReviewReportInput = {
    title: ctx.review.title,
    abstract,
    protocol: { question: p.question, pico: p.pico, registryId: p.registry_id, criteria: p.criteria, outcomes: p.outcomes.map((o) => ({ name: o.name, direction: o.direction, measure: o.measure })) },
    prismaSvg,
    paragraphs,
    characteristics: characteristics.rows.length ? characteristics : null,
    rob,
    outcomes,
    results: results.tables,
    directions: directions.plot.studies.length
      ? { svg: effectDirectionPlot({ ...directions.plot, title: 'Effect direction' }), signTests: directions.signTests, ...(directions.grouping && directions.groups && { grouping: { label: directions.grouping.label, groups: directions.groups } }) }
      : null,
    themes: themes.themes.filter((t) => t.codes.length > 0),
    summaryOfFindings: sof,
    ...selectionTables(selection),
    rScript: scripts.join('\n\n'),
    generator: `metasift ${METASIFT_VERSION}, ${new Date().toISOString().slice(0, 10)}`,
  };
  const contents = [
    `a draft of the structured abstract (item 2): ${abstract.filter((x) => x.forAuthors).length} of its ${abstract.length} parts left for the authors`,
    `${prisma.counts.included_studies} included ${prisma.counts.included_studies === 1 ? 'study' : 'studies'}, ${paragraphs.length} paragraphs of methods and selection text`,
    `${characteristics.rows.length} ${characteristics.rows.length === 1 ? 'study' : 'studies'} in the characteristics table`,
    `risk of bias: ${rob.length ? rob.map((x) => x.tool).join(', ') : 'no final judgement yet'}`,
    `results of individual studies: ${results.tables.filter((t) => t.rows.length).length} of ${outcomes.length} outcomes with final results`,
    `${analysed} of ${outcomes.length} outcomes meta-analysed, each with its forest plot and R script`,
    `narrative synthesis: ${input.directions ? `effect directions${directions.grouping ? ` grouped by ${directions.grouping.label.toLowerCase()}` : ''}` : 'no effect directions yet'}, ${input.themes.length} ${input.themes.length === 1 ? 'theme' : 'themes'} with excerpts`,
    `GRADE: ${loaded.grades.length} of ${outcomes.length} outcomes rated`,
  ];
  return { input, contents };
}

export function Report({ ctx }: { ctx: ReviewContext }) {
  const [contents, setContents] = useState<string[] | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const make = async (what: 'html' | 'r'): Promise<void> => {
    setBusy(true);
    setError('');
    try {
      const { input, contents: c } = await assemble(ctx);
      setContents(c);
      if (what === 'html') downloadText(reviewReportHtml(input), 'text/html', `${slug(ctx.review.title)}.html`);
      else if (input.rScript) downloadText(input.rScript, 'text/plain', `${slug(ctx.review.title)}.R`);
      else setError('No outcome has a meta-analysis yet, so there is no R script to make.');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="page" aria-label="Review report">
      <h1>Review report</h1>
      <p className="muted">
        The whole review as it is recorded now, in PRISMA 2020’s order: protocol, flow diagram and methods, characteristics and risk of bias of the included studies, each outcome’s
        meta-analysis with its forest plot, the narrative synthesis, GRADE, excluded reports and search strategies. One static page — print it to PDF from the browser — and one R script that
        reproduces every pooled number with metafor and checks it.
      </p>
      <div className="report-actions">
        <button type="button" disabled={busy} onClick={() => void make('html')}>
          Download the review report (HTML)
        </button>
        <button type="button" disabled={busy} onClick={() => void make('r')}>
          Download the R script (every outcome)
        </button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {contents && (
        <section aria-label="What the report holds">
          <h2>What the report holds</h2>
          <ul>
            {contents.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

export default Report;
