/**
 * Risk-of-bias appraisal of the included studies, two reviewers and a consensus (dual-entry.ts), with
 * the tool the study's design calls for, and from the final assessments the data of robvis's figures.
 */
import { compareAssessments, parseAssessment, robFigureSet, suggestTool, type AppraisalTool, type RobAssessment, type RobData } from '@metasift/core';
import { finalEntries, loadEntries, saveEntry, studiesWithStatus, studyEntries, type EntryKind, type IncludedStudyStatus, type StudyEntries } from './dual-entry.js';
import { coreChecked } from './errors.js';
import { EXTRACTION } from './extraction.js';
import { includedContext, type IncludedContext, type Target } from './included.js';
import type { Store } from './open.js';
import { requireRole } from './reviews.js';

export type StudyAppraisal = StudyEntries<RobAssessment>;

export interface AppraisedStudy extends IncludedStudyStatus {
  /** The design as extracted (or as the study was labelled), and the tool it calls for. */
  design: string;
  suggestedTool: AppraisalTool | null;
}

const APPRAISAL: EntryKind<RobAssessment> = {
  table: 'rob_assessments',
  noun: 'assessment',
  decode: (row) => ({ tool: String(row['tool']), ...(JSON.parse(String(row['judgements'])) as object) }) as RobAssessment,
  encode: (a) => ({ tool: a.tool, judgements: JSON.stringify({ domains: a.domains, overall: a.overall, ...(a.results && { results: a.results }) }) }),
  compare: (a, b, ctx) => compareAssessments(a, b, ctx.outcomes),
};

/** Each study's design: from its extractions (the consensus or the first), else the study's own label. */
async function designs(store: Store, reviewId: number, ctx: IncludedContext): Promise<Map<number, string>> {
  const extractions = await loadEntries(store.db, reviewId, EXTRACTION);
  const out = new Map<number, string>();
  ctx.groups.forEach((g, i) => {
    const e = g.studyId === null ? undefined : extractions.get(g.studyId);
    const fromExtraction = (e?.consensus ?? [...(e?.byReviewer.values() ?? [])][0])?.data.characteristics['design'];
    out.set(i, fromExtraction ?? ctx.designOf(g));
  });
  return out;
}

/** The included studies with their appraisal status and the tool each design calls for. */
export async function appraisedStudies(store: Store, userId: number, reviewId: number): Promise<AppraisedStudy[]> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const ctx = await includedContext(store, reviewId);
  const design = await designs(store, reviewId, ctx);
  return (await studiesWithStatus(store, userId, reviewId, APPRAISAL, ctx)).map((s, i) => ({ ...s, design: design.get(i) ?? '', suggestedTool: suggestTool(design.get(i) ?? '') }));
}

/** One study's assessments as the user may see them. */
export async function studyAppraisal(store: Store, userId: number, reviewId: number, target: Target): Promise<StudyAppraisal> {
  const role = await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  return studyEntries(store, userId, role, reviewId, target, APPRAISAL, await includedContext(store, reviewId));
}

const parse = (input: unknown, ctx: IncludedContext): RobAssessment => coreChecked(() => parseAssessment(input, ctx.outcomes));

/** Saves the user's assessment (consensus false), or settles two (true). */
export async function saveAppraisal(store: Store, actorId: number, reviewId: number, target: Target, input: unknown, consensus = false): Promise<StudyAppraisal> {
  const role = await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  const ctx = await includedContext(store, reviewId);
  return saveEntry(store, actorId, role, reviewId, target, parse(input, ctx), consensus, APPRAISAL, ctx);
}

export interface RobFigures {
  /** One per tool used by a final assessment: the traffic-light and summary plots' data. */
  tools: RobData[];
  /** For each outcome whose result a study judged apart: its figures, per tool, with those results' judgements. */
  outcomes: { outcome: string; tools: RobData[] }[];
  /** Studies left out (not final yet). */
  notes: string[];
}

/** The figures' data from the final assessments (no role check: for the callers that made it). */
export async function finalRobFigures(store: Store, reviewId: number, ctx: IncludedContext): Promise<RobFigures> {
  const { studies, pending } = await finalEntries(store, reviewId, APPRAISAL, ctx);
  const set = robFigureSet(studies.map((s) => ({ label: s.label, assessment: s.data })), ctx.outcomes);
  return { tools: [...set.tools], outcomes: set.outcomes.map((o) => ({ outcome: o.outcome, tools: [...o.tools] })), notes: pending };
}

/** The figures' data from the final assessments. */
export async function robFigures(store: Store, userId: number, reviewId: number): Promise<RobFigures> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  return finalRobFigures(store, reviewId, await includedContext(store, reviewId));
}
