/**
 * Data extraction of the included studies, two reviewers and a consensus (dual-entry.ts): the data of
 * each study as extracted, and from the final data the characteristics table and each outcome's
 * analysis table.
 */
import { characteristicsTable, compareExtractions, outcomeTable, parseExtraction, robOverallTextFor, STUDY_ID_COLUMN, tableToCsv, type ExtractionData, type OutcomePreparation } from '@metasift/core';
import { finalRobFigures } from './appraisal.js';
import { finalEntries, saveEntry, studiesWithStatus, studyEntries, type EntryKind, type EntryStatus, type IncludedStudyStatus, type SavedEntry, type StudyEntries } from './dual-entry.js';
import { coreChecked, StoreError } from './errors.js';
import { includedContext, type IncludedContext, type Target } from './included.js';
import type { Store } from './open.js';
import { requireRole } from './reviews.js';

export type ExtractionStatus = EntryStatus;
export type IncludedStudy = IncludedStudyStatus;
export type SavedExtraction = SavedEntry<ExtractionData>;
export type StudyExtraction = StudyEntries<ExtractionData>;

export const EXTRACTION: EntryKind<ExtractionData> = {
  table: 'extractions',
  noun: 'extraction',
  decode: (row) => JSON.parse(String(row['data'])) as ExtractionData,
  encode: (data) => ({ data: JSON.stringify(data) }),
  compare: (a, b, ctx) => compareExtractions(a, b, ctx.outcomes, ctx.characteristics),
};

/** The included studies with their extraction status, in the order of their first record. */
export async function includedStudies(store: Store, userId: number, reviewId: number): Promise<IncludedStudy[]> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  return studiesWithStatus(store, userId, reviewId, EXTRACTION, await includedContext(store, reviewId));
}

/** One study's extractions as the user may see them. */
export async function studyExtraction(store: Store, userId: number, reviewId: number, target: Target): Promise<StudyExtraction> {
  const role = await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  return studyEntries(store, userId, role, reviewId, target, EXTRACTION, await includedContext(store, reviewId));
}

const parse = (input: unknown, ctx: IncludedContext): ExtractionData => coreChecked(() => parseExtraction(input, ctx.outcomes, ctx.characteristics));

/** Saves the user's extraction of an included study (founding the study on its record if need be). */
export async function saveExtraction(store: Store, actorId: number, reviewId: number, target: Target, input: unknown): Promise<StudyExtraction> {
  const role = await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  const ctx = await includedContext(store, reviewId);
  return saveEntry(store, actorId, role, reviewId, target, parse(input, ctx), false, EXTRACTION, ctx);
}

/** Settles a study's data after two extractions: the consensus replaces them in the analysis. */
export async function saveConsensus(store: Store, actorId: number, reviewId: number, target: Target, input: unknown): Promise<StudyExtraction> {
  const role = await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  const ctx = await includedContext(store, reviewId);
  return saveEntry(store, actorId, role, reviewId, target, parse(input, ctx), true, EXTRACTION, ctx);
}

export interface StudyCharacteristics {
  columns: string[];
  rows: string[][];
  csv: string;
  notes: string[];
}

/** The characteristics of the included studies whose data are final (PRISMA 2020 item 17). */
export async function studyCharacteristics(store: Store, userId: number, reviewId: number): Promise<StudyCharacteristics> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const ctx = await includedContext(store, reviewId);
  const { studies, pending } = await finalEntries(store, reviewId, EXTRACTION, ctx);
  const t = characteristicsTable(studies, ctx.outcomes, ctx.characteristics);
  return { columns: [...t.columns], rows: t.rows.map((r) => [...r]), csv: tableToCsv(t), notes: pending };
}

export interface ExtractedOutcome {
  outcome: string;
  measure: string;
  csv: string;
  /** Studies whose data are final and report the outcome. */
  studies: number;
  /** The table's rows: the studies, with a multi-arm trial's each comparison a row. */
  comparisons: number;
  /** How the results were prepared for synthesis (PRISMA 2020 item 13b). */
  preparation: OutcomePreparation;
  notes: string[];
}

/** One outcome's analysis table (CSV in escalc columns) from the studies' final data. */
export async function extractedOutcome(store: Store, userId: number, reviewId: number, outcome: string): Promise<ExtractedOutcome> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const ctx = await includedContext(store, reviewId);
  const o = ctx.protocol.outcomes.find((x) => x.name === outcome);
  if (!o) throw new StoreError('NOT_FOUND', `"${outcome}" is not an outcome of the protocol (${ctx.outcomes.join(', ') || 'none named'})`);
  const { studies, pending } = await finalEntries(store, reviewId, EXTRACTION, ctx);
  // each study's final risk of bias for this outcome (its result's own where judged apart), as a column
  const appraisal = robOverallTextFor(await finalRobFigures(store, reviewId, ctx), outcome);
  const t = coreChecked(() => outcomeTable(studies, outcome, o.measure, ctx.characteristics, appraisal));
  const id = Math.max(0, t.table.columns.indexOf(STUDY_ID_COLUMN));
  const studyCount = new Set(t.table.rows.map((r) => r[id])).size;
  return { outcome, measure: t.measure, csv: tableToCsv(t.table), studies: studyCount, comparisons: t.table.rows.length, notes: [...pending, ...t.notes], preparation: t.preparation };
}
