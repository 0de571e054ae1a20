/**
 * Data extraction of the included studies: each reviewer saves their own extraction (every save kept
 * and audited; the latest counts), blinded from the other's until both have extracted when the review
 * is blinded; the two are compared field by field and a consensus settles the differences. A study's
 * final data — the consensus, two extractions that agree, or the one extraction a single-reviewer review
 * needs — make the analysis table of each outcome.
 */
import { characteristicsTable, compareExtractions, isMetasiftError, outcomeTable, parseExtraction, studyLabel, tableToCsv, type ExtractedStudy, type ExtractionComparison, type ExtractionData } from '@metasift/core';
import { audit, now } from './audit.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import { includedStudyGroups, type StudyGroup } from './outcomes.js';
import type { Protocol } from './protocol.js';
import { requireRole } from './reviews.js';
import { reviewSettings } from './settings.js';

export type ExtractionStatus = 'not started' | 'in progress' | 'to settle' | 'agreed' | 'settled';

export interface IncludedStudy {
  /** null until the study is first extracted (then founded on its record). */
  studyId: number | null;
  recordIds: number[];
  label: string;
  status: ExtractionStatus;
  /** Reviewers who have saved an extraction of it. */
  extractors: number;
  mine: boolean;
  /** With two extractions: the fields either filled, and those both filled alike (for the report, never the values). */
  fields: { compared: number; agreed: number } | null;
}

export interface SavedExtraction {
  reviewerId: number;
  reviewer: string;
  data: ExtractionData;
  savedAt: string;
}

export interface StudyExtraction {
  study: IncludedStudy;
  mine: SavedExtraction | null;
  /** Other reviewers' extractions, when the user may see them (blinding). */
  others: SavedExtraction[];
  consensus: SavedExtraction | null;
  /** The first two reviewers' extractions (a, b) compared, when the user may see both. */
  comparison: (ExtractionComparison & { a: SavedExtraction; b: SavedExtraction }) | null;
}

interface Latest {
  byReviewer: Map<number, SavedExtraction>;
  consensus: SavedExtraction | null;
}

async function latestExtractions(store: Store, reviewId: number): Promise<Map<number, Latest>> {
  const rows = await store.db
    .selectFrom('extractions')
    .innerJoin('users', 'users.id', 'extractions.reviewer_id')
    .select(['extractions.study_id', 'extractions.reviewer_id', 'extractions.data', 'extractions.consensus', 'extractions.saved_at', 'users.display_name'])
    .where('extractions.review_id', '=', reviewId)
    .orderBy('extractions.id')
    .execute();
  const out = new Map<number, Latest>();
  for (const r of rows) {
    let l = out.get(r.study_id);
    if (!l) out.set(r.study_id, (l = { byReviewer: new Map(), consensus: null }));
    const saved = { reviewerId: r.reviewer_id, reviewer: r.display_name, data: JSON.parse(r.data) as ExtractionData, savedAt: r.saved_at };
    if (r.consensus) l.consensus = saved;
    else l.byReviewer.set(r.reviewer_id, saved);
  }
  return out;
}

/** The first two reviewers' extractions compared, when there are two. */
function firstTwo(l: Latest | undefined, outcomes: readonly string[]): (ExtractionComparison & { a: SavedExtraction; b: SavedExtraction }) | null {
  const xs = l ? [...l.byReviewer.values()] : [];
  return xs.length >= 2 ? { ...compareExtractions(xs[0]!.data, xs[1]!.data, outcomes), a: xs[0]!, b: xs[1]! } : null;
}

function statusOf(l: Latest | undefined, reviewersPerRecord: number, outcomes: readonly string[]): ExtractionStatus {
  if (!l) return 'not started';
  if (l.consensus) return 'settled';
  const n = l.byReviewer.size;
  if (n < reviewersPerRecord) return n ? 'in progress' : 'not started';
  if (reviewersPerRecord === 1) return 'agreed';
  return firstTwo(l, outcomes)!.differences.length ? 'to settle' : 'agreed';
}

/** The data a study's analysis uses: the consensus, else the agreed (or single required) extraction. */
function finalData(l: Latest | undefined, status: ExtractionStatus): ExtractionData | null {
  if (!l) return null;
  if (status === 'settled') return l.consensus!.data;
  if (status === 'agreed') return [...l.byReviewer.values()][0]!.data;
  return null;
}

async function context(store: Store, reviewId: number) {
  const review = await store.db.selectFrom('reviews').select(['protocol', 'blinding']).where('id', '=', reviewId).executeTakeFirst();
  if (!review) throw new StoreError('NOT_FOUND', `review ${reviewId} not found`);
  const protocol = JSON.parse(review.protocol) as Protocol;
  const settings = await reviewSettings(store, reviewId);
  const groups = await includedStudyGroups(store, reviewId);
  const recordIds = groups.flatMap((g) => g.recordIds);
  const records = recordIds.length
    ? await store.db.selectFrom('records').select(['id', 'fields', 'year']).where('review_id', '=', reviewId).where('id', 'in', recordIds).execute()
    : [];
  const citable = new Map(records.map((r) => [r.id, { ...(JSON.parse(r.fields) as { title?: string; authors?: { family: string }[] }), year: r.year }]));
  const labels = new Map((await store.db.selectFrom('studies').select(['id', 'label']).where('review_id', '=', reviewId).execute()).map((s) => [s.id, s.label]));
  const labelOf = (g: StudyGroup): string => {
    const own = g.studyId === null ? '' : (labels.get(g.studyId) ?? '').trim();
    if (own) return own;
    const c = citable.get(g.recordIds[0]!);
    return studyLabel({ authors: c?.authors ?? [], year: c?.year ?? null, title: c?.title ?? `record ${g.recordIds[0]}` });
  };
  return { protocol, blinding: review.blinding === 1, settings, groups, labelOf, outcomes: protocol.outcomes.map((o) => o.name) };
}

function describe(g: StudyGroup, label: string, l: Latest | undefined, userId: number, reviewersPerRecord: number, outcomes: readonly string[]): IncludedStudy {
  const two = firstTwo(l, outcomes);
  return {
    studyId: g.studyId,
    recordIds: g.recordIds,
    label,
    status: statusOf(l, reviewersPerRecord, outcomes),
    extractors: l?.byReviewer.size ?? 0,
    mine: l?.byReviewer.has(userId) ?? false,
    fields: two && { compared: two.compared, agreed: two.agreed },
  };
}

/** The included studies with their extraction status, in the order of their first record. */
export async function includedStudies(store: Store, userId: number, reviewId: number): Promise<IncludedStudy[]> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const ctx = await context(store, reviewId);
  const latest = await latestExtractions(store, reviewId);
  return ctx.groups.map((g) => describe(g, ctx.labelOf(g), g.studyId === null ? undefined : latest.get(g.studyId), userId, ctx.settings.reviewersPerRecord, ctx.outcomes));
}

/** A study by its id, or by any of its included records (before it is first extracted it has no id). */
export type Target = { studyId: number } | { recordId: number };

function findGroup(groups: StudyGroup[], reviewId: number, t: Target): StudyGroup {
  const g = 'studyId' in t ? groups.find((x) => x.studyId === t.studyId) : groups.find((x) => x.recordIds.includes(t.recordId));
  if (!g) throw new StoreError('NOT_FOUND', `${'studyId' in t ? `study ${t.studyId}` : `record ${t.recordId}`} is not an included study of review ${reviewId} (a study is included at full text)`);
  return g;
}

/** One study's extractions as the user may see them. */
export async function studyExtraction(store: Store, userId: number, reviewId: number, target: Target): Promise<StudyExtraction> {
  const role = await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const ctx = await context(store, reviewId);
  const g = findGroup(ctx.groups, reviewId, target);
  const l = g.studyId === null ? undefined : (await latestExtractions(store, reviewId)).get(g.studyId);
  const study = describe(g, ctx.labelOf(g), l, userId, ctx.settings.reviewersPerRecord, ctx.outcomes);
  const all = l ? [...l.byReviewer.values()] : [];
  const mine = l?.byReviewer.get(userId) ?? null;
  // as in screening: blinded, a reviewer sees the others' once they have extracted themselves and two
  // extractions exist; the owner and a third reviewer (who did not extract) see them to settle them
  const seesAll = !ctx.blinding || all.length >= 2 || (role === 'owner' && !mine);
  const others = seesAll ? all.filter((x) => x.reviewerId !== userId) : [];
  const comparison = seesAll ? firstTwo(l, ctx.outcomes) : null;
  return { study, mine, others, consensus: l?.consensus ?? null, comparison };
}

function parse(input: unknown, outcomes: readonly string[]): ExtractionData {
  try {
    return parseExtraction(input, outcomes);
  } catch (e) {
    if (isMetasiftError(e)) throw new StoreError('INVALID', e.message);
    throw e;
  }
}

/** Saves the user's extraction of an included study (founding the study on its record if need be). */
export async function saveExtraction(store: Store, actorId: number, reviewId: number, target: Target, input: unknown): Promise<StudyExtraction> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  const ctx = await context(store, reviewId);
  const data = parse(input, ctx.outcomes);
  const g = findGroup(ctx.groups, reviewId, target);
  const studyId = await store.tx(async (trx) => {
    let id = g.studyId;
    if (id === null) {
      id = (await trx.insertInto('studies').values({ review_id: reviewId, label: '', design: '', record_id: g.recordIds[0]! }).returning('id').executeTakeFirstOrThrow()).id;
      await audit(trx, { reviewId, actorId, entity: 'study', entityId: id, action: 'create', after: { record_id: g.recordIds[0], for: 'extraction' } });
    }
    const before = await trx.selectFrom('extractions').select('data').where('review_id', '=', reviewId).where('study_id', '=', id).where('reviewer_id', '=', actorId).where('consensus', '=', 0).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const row = await trx.insertInto('extractions').values({ review_id: reviewId, study_id: id, reviewer_id: actorId, data: JSON.stringify(data), consensus: 0, saved_at: now() }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { reviewId, actorId, entity: 'extraction', entityId: row.id, action: 'save', before: before ? { study_id: id, data: JSON.parse(before.data) as unknown } : null, after: { study_id: id, data } });
    return id;
  });
  return studyExtraction(store, actorId, reviewId, { studyId });
}

/** Settles a study's data after two extractions: the consensus replaces them in the analysis. */
export async function saveConsensus(store: Store, actorId: number, reviewId: number, target: Target, input: unknown): Promise<StudyExtraction> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  const ctx = await context(store, reviewId);
  const data = parse(input, ctx.outcomes);
  const g = findGroup(ctx.groups, reviewId, target);
  const studyId = g.studyId;
  const l = studyId === null ? undefined : (await latestExtractions(store, reviewId)).get(studyId);
  if (studyId === null || (l?.byReviewer.size ?? 0) < 2) throw new StoreError('CONFLICT', `${ctx.labelOf(g)} has ${l?.byReviewer.size ?? 0} extraction(s); a consensus settles two`);
  await store.tx(async (trx) => {
    const row = await trx.insertInto('extractions').values({ review_id: reviewId, study_id: studyId, reviewer_id: actorId, data: JSON.stringify(data), consensus: 1, saved_at: now() }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { reviewId, actorId, entity: 'extraction', entityId: row.id, action: 'consensus', before: l?.consensus ? { study_id: studyId, data: l.consensus.data } : null, after: { study_id: studyId, data } });
  });
  return studyExtraction(store, actorId, reviewId, { studyId });
}

type Context = Awaited<ReturnType<typeof context>>;

/** The studies whose data are final, and a note for each that is not. */
async function finalStudies(store: Store, reviewId: number, ctx: Context): Promise<{ studies: ExtractedStudy[]; pending: string[] }> {
  const latest = await latestExtractions(store, reviewId);
  const pending: string[] = [];
  const studies = ctx.groups.flatMap((g) => {
    const l = g.studyId === null ? undefined : latest.get(g.studyId);
    const status = statusOf(l, ctx.settings.reviewersPerRecord, ctx.outcomes);
    const data = finalData(l, status);
    if (!data) {
      pending.push(`${ctx.labelOf(g)}: extraction ${status}, left out.`);
      return [];
    }
    return [{ label: ctx.labelOf(g), data }];
  });
  return { studies, pending };
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
  const ctx = await context(store, reviewId);
  const { studies, pending } = await finalStudies(store, reviewId, ctx);
  const t = characteristicsTable(studies, ctx.outcomes);
  return { columns: [...t.columns], rows: t.rows.map((r) => [...r]), csv: tableToCsv(t), notes: pending };
}

export interface ExtractedOutcome {
  outcome: string;
  measure: string;
  csv: string;
  /** Studies whose data are final and report the outcome. */
  studies: number;
  notes: string[];
}

/** One outcome's analysis table (CSV in escalc columns) from the studies' final data. */
export async function extractedOutcome(store: Store, userId: number, reviewId: number, outcome: string): Promise<ExtractedOutcome> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const ctx = await context(store, reviewId);
  const o = ctx.protocol.outcomes.find((x) => x.name === outcome);
  if (!o) throw new StoreError('NOT_FOUND', `"${outcome}" is not an outcome of the protocol (${ctx.outcomes.join(', ') || 'none named'})`);
  const { studies, pending } = await finalStudies(store, reviewId, ctx);
  try {
    const t = outcomeTable(studies, outcome, o.measure);
    return { outcome, measure: t.measure, csv: tableToCsv(t.table), studies: t.table.rows.length, notes: [...pending, ...t.notes] };
  } catch (e) {
    if (isMetasiftError(e)) throw new StoreError('INVALID', e.message);
    throw e;
  }
}
