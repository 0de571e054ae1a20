/**
 * What the report's text on the search and selection is written from, gathered once for the PRISMA page
 * and the review report: the search runs, agreement, stopping rule, progress, exclusions, and the
 * extraction and appraisal states for items 9 and 11.
 */
import { appraisalText, extractionText, selectionText, studyLabel, type ReportParagraph, type SelectionHtmlInput } from '@metasift/core';
import { api, type AppraisedStudy, type ExcludedReport, type IncludedStudy, type PairAgreement, type PrismaCounts, type Progress, type RobFigures, type StoppingStatus } from './api.js';
import type { ReviewContext } from './pages/ReviewShell.js';

export interface SearchRun {
  id: number;
  database: string;
  platform: string | null;
  /** database, register or other. */
  source: string;
  searched_on: string | null;
  strategy: string;
  record_count: number;
}

export interface SelectionReport {
  runs: SearchRun[];
  excluded: ExcludedReport[];
  /** Items 6, 8, 9, 11 and 16a, in the report's order. */
  paragraphs: ReportParagraph[];
}

export async function gatherSelection(ctx: ReviewContext, counts: PrismaCounts): Promise<SelectionReport> {
  const r = `/reviews/${ctx.review.id}`;
  const [runs, ta, ft, stopping, taProgress, ftProgress, excluded, included, appraised, figures] = await Promise.all([
    api<SearchRun[]>('GET', `${r}/search-runs`),
    api<PairAgreement[]>('GET', `${r}/screening/title_abstract/agreement`),
    api<PairAgreement[]>('GET', `${r}/screening/full_text/agreement`),
    api<StoppingStatus>('GET', `${r}/stopping`),
    api<Progress>('GET', `${r}/screening/title_abstract/progress`),
    api<Progress>('GET', `${r}/screening/full_text/progress`),
    api<ExcludedReport[]>('GET', `${r}/excluded-reports`),
    api<IncludedStudy[]>('GET', `${r}/extraction`),
    api<AppraisedStudy[]>('GET', `${r}/appraisal`),
    api<RobFigures>('GET', `${r}/appraisal/figures`),
  ]);
  const selection = selectionText({
    searches: runs.map((s) => ({ database: s.database, platform: s.platform, source: s.source, searchedOn: s.searched_on, records: s.record_count })),
    counts,
    reviewersPerRecord: ctx.settings.reviewersPerRecord,
    blinding: ctx.review.blinding,
    order: ctx.settings.order,
    maybeCountsAsInclude: ctx.settings.maybeCountsAsInclude,
    agreement: { title_abstract: ta, full_text: ft },
    stopping,
    progress: { title_abstract: taProgress, full_text: ftProgress },
  });
  // items 9 (data collection) and 11 (risk of bias) go between 8 (selection process) and 16a (results)
  const who = { reviewersPerRecord: ctx.settings.reviewersPerRecord, blinding: ctx.review.blinding };
  const methods = [extractionText({ ...who, studies: included }), appraisalText({ ...who, studies: appraised, tools: figures.tools.map((t) => t.tool), outcomesApart: figures.outcomes.map((o) => o.outcome) })].filter((p) => p !== null);
  return { runs, excluded, paragraphs: [...selection.slice(0, 2), ...methods, ...selection.slice(2)] };
}

/** The exclusions and searches as the HTML reports list them (items 16b and 7). */
export function selectionTables(g: Pick<SelectionReport, 'runs' | 'excluded'>): Pick<SelectionHtmlInput, 'excluded' | 'searches'> {
  return {
    excluded: g.excluded.map((x) => ({ study: studyLabel(x), title: x.title, reason: x.reason })),
    searches: g.runs.map((s) => ({ database: s.database, platform: s.platform, searchedOn: s.searched_on, records: s.record_count, strategy: s.strategy })),
  };
}
