/**
 * What the recorded screening decisions add up to: each record's outcome at a stage, progress,
 * agreement between reviewers (Cohen's kappa), and the PRISMA 2020 counts — all derived from the
 * decisions, resolutions, duplicates and reports, never typed in.
 */
import { cohenKappa, type Agreement, type PrismaCounts } from '@metasift/core';
import type { Store } from './open.js';
import { requireRole } from './reviews.js';
import type { Stage, Verdict } from './schema.js';
import { reviewSettings, type ReviewSettings } from './settings.js';

export type Outcome = 'include' | 'exclude' | 'conflict' | 'pending';

export interface Current {
  /** reviewer → current verdict and reasons (undone decisions removed). */
  byReviewer: Map<number, { verdict: Verdict; reasons: string[] }>;
}

/** Every screened record's current decisions at a stage, by reviewer. */
export async function currentByRecord(store: Store, reviewId: number, stage: Stage, recordId?: number): Promise<Map<number, Current>> {
  let q = store.db.selectFrom('decisions').select(['record_id', 'reviewer_id', 'verdict', 'reasons']).where('review_id', '=', reviewId).where('stage', '=', stage);
  if (recordId !== undefined) q = q.where('record_id', '=', recordId);
  const rows = await q.orderBy('id').execute();
  const out = new Map<number, Current>();
  for (const r of rows) {
    let c = out.get(r.record_id);
    if (!c) out.set(r.record_id, (c = { byReviewer: new Map() }));
    if (r.verdict === null) c.byReviewer.delete(r.reviewer_id);
    // most decisions give no reason: their '[]' is not parsed (this runs over every decision of the review)
    else c.byReviewer.set(r.reviewer_id, { verdict: r.verdict, reasons: r.reasons === '[]' ? [] : (JSON.parse(r.reasons) as string[]) });
  }
  return out;
}

const side = (v: Verdict, s: ReviewSettings): string => (v === 'exclude' ? 'out' : v === 'maybe' && !s.maybeCountsAsInclude ? 'maybe' : 'in');

export interface RecordOutcome {
  outcome: Outcome;
  /** Exclusion reasons (of the resolution, else of the reviewers), for PRISMA's reasons box. */
  reasons: string[];
}

/**
 * Each record's outcome at a stage: a resolution wins; otherwise agreement of the required number of
 * reviewers. With a record id, that record's alone (what a decision needs to check, at any review size).
 */
export async function stageOutcomes(store: Store, reviewId: number, stage: Stage, settings?: ReviewSettings, recordId?: number): Promise<Map<number, RecordOutcome>> {
  const s = settings ?? (await reviewSettings(store, reviewId));
  const current = await currentByRecord(store, reviewId, stage, recordId);
  let rq = store.db.selectFrom('resolutions').select(['record_id', 'verdict', 'reason']).where('review_id', '=', reviewId).where('stage', '=', stage);
  if (recordId !== undefined) rq = rq.where('record_id', '=', recordId);
  const resolutions = await rq.orderBy('id').execute();
  const out = new Map<number, RecordOutcome>();
  for (const [recordId, c] of current) {
    const vs = [...c.byReviewer.values()];
    if (!vs.length) continue;
    const sides = new Set(vs.map((v) => side(v.verdict, s)));
    let outcome: Outcome;
    if (sides.size > 1) outcome = 'conflict';
    else if (vs.length < s.reviewersPerRecord) outcome = 'pending';
    else outcome = sides.has('out') ? 'exclude' : sides.has('in') ? 'include' : 'conflict';
    out.set(recordId, { outcome, reasons: outcome === 'exclude' ? [...new Set(vs.flatMap((v) => v.reasons))] : [] });
  }
  for (const r of resolutions) {
    const outcome: Outcome = r.verdict === 'exclude' ? 'exclude' : 'include';
    const prev = out.get(r.record_id);
    const reasons = outcome === 'exclude' ? (r.reason ? [r.reason] : (prev?.reasons ?? [...new Set([...(current.get(r.record_id)?.byReviewer.values() ?? [])].flatMap((v) => v.reasons))])) : [];
    out.set(r.record_id, { outcome, reasons });
  }
  return out;
}

/** Whether a record goes forward to full-text screening: a unique record included at title/abstract. */
export const isFullTextCandidate = (unique: boolean, titleAbstract: RecordOutcome | undefined): boolean => unique && titleAbstract?.outcome === 'include';

/** Records that go forward to full-text screening (isFullTextCandidate), in id order. */
export async function fullTextCandidates(store: Store, reviewId: number, settings?: ReviewSettings): Promise<number[]> {
  const ta = await stageOutcomes(store, reviewId, 'title_abstract', settings);
  const unique = new Set((await store.db.selectFrom('records').select('id').where('review_id', '=', reviewId).where('duplicate_of', 'is', null).execute()).map((r) => r.id));
  return [...ta].filter(([id, o]) => isFullTextCandidate(unique.has(id), o)).map(([id]) => id).sort((a, b) => a - b);
}

export interface Progress {
  stage: Stage;
  /** Records to screen at this stage (unique records; at full text, those included at title/abstract). */
  total: number;
  mine: number;
  /** Decisions by each other reviewer (no verdicts: blinding holds). */
  others: { reviewerId: number; name: string; decided: number }[];
  /** Records not yet decided by the required number of reviewers. */
  remaining: number;
  conflicts: number;
  included: number;
  excluded: number;
}

export async function screeningProgress(store: Store, userId: number, reviewId: number, stage: Stage): Promise<Progress> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const settings = await reviewSettings(store, reviewId);
  const pool = stage === 'title_abstract'
    ? new Set((await store.db.selectFrom('records').select('id').where('review_id', '=', reviewId).where('duplicate_of', 'is', null).execute()).map((r) => r.id))
    : new Set(await fullTextCandidates(store, reviewId, settings));
  const current = await currentByRecord(store, reviewId, stage);
  const outcomes = await stageOutcomes(store, reviewId, stage, settings);
  const counts = new Map<number, number>();
  let remaining = pool.size;
  for (const [recordId, c] of current) {
    if (!pool.has(recordId)) continue;
    for (const r of c.byReviewer.keys()) counts.set(r, (counts.get(r) ?? 0) + 1);
    const o = outcomes.get(recordId)?.outcome;
    if (o === 'include' || o === 'exclude' || o === 'conflict') remaining--;
  }
  const people = await store.db.selectFrom('members').innerJoin('users', 'users.id', 'members.user_id').select(['users.id', 'users.display_name']).where('members.review_id', '=', reviewId).where('members.role', 'in', ['owner', 'reviewer']).orderBy('users.id').execute();
  let conflicts = 0;
  let included = 0;
  let excluded = 0;
  for (const [recordId, o] of outcomes) {
    if (!pool.has(recordId)) continue;
    if (o.outcome === 'conflict') conflicts++;
    else if (o.outcome === 'include') included++;
    else if (o.outcome === 'exclude') excluded++;
  }
  return {
    stage,
    total: pool.size,
    mine: counts.get(userId) ?? 0,
    others: people.filter((p) => p.id !== userId).map((p) => ({ reviewerId: p.id, name: p.display_name, decided: counts.get(p.id) ?? 0 })),
    remaining,
    conflicts,
    included,
    excluded,
  };
}

export interface PairAgreement extends Agreement {
  reviewers: [{ id: number; name: string }, { id: number; name: string }];
}

/** Cohen's kappa, percent agreement and PABAK for every pair of reviewers with records in common (include/maybe vs exclude as the settings say). */
export async function agreementStats(store: Store, userId: number, reviewId: number, stage: Stage): Promise<PairAgreement[]> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const settings = await reviewSettings(store, reviewId);
  const current = await currentByRecord(store, reviewId, stage);
  const names = new Map((await store.db.selectFrom('users').innerJoin('members', 'members.user_id', 'users.id').select(['users.id', 'users.display_name']).where('members.review_id', '=', reviewId).execute()).map((u) => [u.id, u.display_name]));
  const pairs = new Map<string, { a: string[]; b: string[] }>();
  for (const c of current.values()) {
    const rs = [...c.byReviewer.keys()].sort((x, y) => x - y);
    for (let i = 0; i < rs.length; i++)
      for (let j = i + 1; j < rs.length; j++) {
        const k = `${rs[i]},${rs[j]}`;
        let p = pairs.get(k);
        if (!p) pairs.set(k, (p = { a: [], b: [] }));
        p.a.push(side(c.byReviewer.get(rs[i]!)!.verdict, settings));
        p.b.push(side(c.byReviewer.get(rs[j]!)!.verdict, settings));
      }
  }
  const categories = settings.maybeCountsAsInclude ? ['in', 'out'] : ['in', 'maybe', 'out'];
  return [...pairs].map(([k, p]) => {
    const [x, y] = k.split(',').map(Number) as [number, number];
    return { ...cohenKappa(p.a, p.b, categories), reviewers: [{ id: x, name: names.get(x) ?? `user ${x}` }, { id: y, name: names.get(y) ?? `user ${y}` }] };
  });
}

export interface HistoryEntry {
  decisionId: number;
  recordId: number;
  title: string;
  verdict: Verdict | null;
  reasons: string[];
  note: string;
  decidedAt: string;
}

/** My decisions at a stage, newest first (undos included, as the trail has them). */
export async function myHistory(store: Store, userId: number, reviewId: number, stage: Stage, opts: { offset?: number; limit?: number } = {}): Promise<HistoryEntry[]> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer');
  const rows = await store.db
    .selectFrom('decisions as d')
    .innerJoin('records as r', 'r.id', 'd.record_id')
    .select(['d.id', 'd.record_id', 'r.title', 'd.verdict', 'd.reasons', 'd.note', 'd.decided_at'])
    .where('d.review_id', '=', reviewId)
    .where('d.stage', '=', stage)
    .where('d.reviewer_id', '=', userId)
    .orderBy('d.id', 'desc')
    .offset(opts.offset ?? 0)
    .limit(Math.min(opts.limit ?? 50, 500))
    .execute();
  return rows.map((r) => ({ decisionId: r.id, recordId: r.record_id, title: r.title, verdict: r.verdict, reasons: JSON.parse(r.reasons) as string[], note: r.note, decidedAt: r.decided_at }));
}

/**
 * The path of the review's records through screening: unique records, title/abstract exclusions, the
 * reports sought, those not retrieved, full-text exclusions with their reason (the resolution's, else
 * the first reviewer reason; "No reason recorded" when none) and the records included.
 */
export async function recordFlow(store: Store, reviewId: number, settings: ReviewSettings) {
  // id and duplicate_of only: the screening-order index covers them, so the records' text is not read
  const records = await store.db.selectFrom('records').select(['id', 'duplicate_of']).where('review_id', '=', reviewId).execute();
  const unique = new Set(records.filter((r) => r.duplicate_of === null).map((r) => r.id));
  const ta = await stageOutcomes(store, reviewId, 'title_abstract', settings);
  const ft = await stageOutcomes(store, reviewId, 'full_text', settings);
  const excluded: number[] = [];
  const sought: number[] = [];
  for (const [id, o] of ta) {
    if (!unique.has(id)) continue;
    if (o.outcome === 'exclude') excluded.push(id);
    else if (o.outcome === 'include') sought.push(id);
  }
  const soughtSet = new Set(sought);
  const notRetrieved = new Set(
    (await store.db.selectFrom('reports').select(['record_id', 'retrieval']).where('review_id', '=', reviewId).where('retrieval', '=', 'not_retrieved').execute())
      .map((r) => r.record_id)
      .filter((id): id is number => id !== null && soughtSet.has(id)),
  );
  const excludedAtFullText = new Map<number, string>();
  const includedRecords: number[] = [];
  for (const id of sought) {
    if (notRetrieved.has(id)) continue;
    const o = ft.get(id);
    if (o?.outcome === 'exclude') excludedAtFullText.set(id, o.reasons[0] ?? 'No reason recorded');
    else if (o?.outcome === 'include') includedRecords.push(id);
  }
  return { records, unique, excluded, sought, notRetrieved, excludedAtFullText, includedRecords };
}

/** Included records grouped into studies: one study, however many of its reports were included. */
export interface StudyGroup {
  /** null while the record stands alone (no report linked to a study, no study founded on it). */
  studyId: number | null;
  /** The included records of the study, in id order. */
  recordIds: number[];
}

/** Groups records by the study their reports are linked to, or the study founded on them; a record with neither is its own group. */
export async function groupByStudy(store: Store, reviewId: number, recordIds: readonly number[]): Promise<StudyGroup[]> {
  const studyOf = new Map<number, number>();
  for (const s of await store.db.selectFrom('studies').select(['id', 'record_id']).where('review_id', '=', reviewId).where('record_id', 'is not', null).execute()) studyOf.set(s.record_id!, s.id);
  for (const r of await store.db.selectFrom('reports').select(['record_id', 'study_id']).where('review_id', '=', reviewId).where('study_id', 'is not', null).where('record_id', 'is not', null).execute())
    studyOf.set(r.record_id!, r.study_id!);
  const groups = new Map<string, StudyGroup>();
  for (const id of [...recordIds].sort((a, b) => a - b)) {
    const studyId = studyOf.get(id) ?? null;
    const key = studyId === null ? `r${id}` : `s${studyId}`;
    const g = groups.get(key);
    if (g) g.recordIds.push(id);
    else groups.set(key, { studyId, recordIds: [id] });
  }
  return [...groups.values()];
}

/** The included studies as the recorded decisions have them. */
export async function includedStudyGroups(store: Store, reviewId: number, settings?: ReviewSettings): Promise<StudyGroup[]> {
  const { includedRecords } = await recordFlow(store, reviewId, settings ?? (await reviewSettings(store, reviewId)));
  return groupByStudy(store, reviewId, includedRecords);
}

/** A report excluded at full text, for the table of excluded studies (PRISMA 2020 item 16b). */
export interface ExcludedReport {
  recordId: number;
  authors: { family: string; given: string }[];
  year: number | null;
  title: string;
  journal: string;
  doi: string;
  reason: string;
}

/** The reports excluded after full-text assessment, each with its reason, by first author and year. */
export async function excludedReports(store: Store, userId: number, reviewId: number): Promise<ExcludedReport[]> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const { excludedAtFullText } = await recordFlow(store, reviewId, await reviewSettings(store, reviewId));
  const ids = [...excludedAtFullText.keys()];
  if (ids.length === 0) return [];
  const rows = await store.db.selectFrom('records').select(['id', 'fields', 'year']).where('review_id', '=', reviewId).where('id', 'in', ids).execute();
  const out = rows.map((r) => {
    const f = JSON.parse(r.fields) as { title?: string; authors?: { family: string; given: string }[]; journal?: string; doi?: string };
    return { recordId: r.id, authors: f.authors ?? [], year: r.year, title: f.title ?? '', journal: f.journal ?? '', doi: f.doi ?? '', reason: excludedAtFullText.get(r.id)! };
  });
  const first = (x: ExcludedReport): string => (x.authors[0]?.family ?? x.title).toLocaleLowerCase('en');
  return out.sort((a, b) => first(a).localeCompare(first(b), 'en') || (a.year ?? 0) - (b.year ?? 0) || a.recordId - b.recordId);
}

/**
 * The PRISMA 2020 counts of the review as recorded so far: records from databases and trial registers in
 * the main column; a unique record found only by other methods (citation searching, websites…) in the
 * other-methods column, from retrieval on, as the template draws it.
 */
export async function prismaCounts(store: Store, userId: number, reviewId: number): Promise<PrismaCounts> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const settings = await reviewSettings(store, reviewId);
  const runs = await store.db.selectFrom('search_runs').select(['id', 'database', 'source', 'record_count']).where('review_id', '=', reviewId).orderBy('id').execute();
  const named = (source: string): { name: string; n: number }[] => {
    const out: { name: string; n: number }[] = [];
    for (const r of runs.filter((x) => x.source === source)) {
      const d = out.find((x) => x.name === r.database);
      if (d) d.n += r.record_count;
      else out.push({ name: r.database, n: r.record_count });
    }
    return out;
  };
  const { records: recs, unique, excluded, sought, notRetrieved, excludedAtFullText, includedRecords } = await recordFlow(store, reviewId, settings);
  // a unique record is the main column's when any of its copies came from a database or register search
  const otherRuns = runs.filter((r) => r.source === 'other').map((r) => r.id);
  const fromOther = new Set(
    otherRuns.length ? (await store.db.selectFrom('records').select('id').where('review_id', '=', reviewId).where('search_run_id', 'in', otherRuns).execute()).map((r) => r.id) : [],
  );
  const mainRecords = recs.filter((r) => !fromOther.has(r.id));
  const viaMain = new Set(mainRecords.map((r) => r.duplicate_of ?? r.id));
  const main = (id: number): boolean => viaMain.has(id);
  const other = (id: number): boolean => !viaMain.has(id);
  const reasonsOf = (ids: readonly number[]): { reason: string; n: number }[] => {
    const reasons = new Map<string, number>();
    for (const id of ids) reasons.set(excludedAtFullText.get(id)!, (reasons.get(excludedAtFullText.get(id)!) ?? 0) + 1);
    return [...reasons].map(([reason, n]) => ({ reason, n })).sort((a, b) => b.n - a.n || (a.reason < b.reason ? -1 : 1));
  };
  const column = (inColumn: (id: number) => boolean) => {
    const s = sought.filter(inColumn);
    const nr = s.filter((id) => notRetrieved.has(id)).length;
    return { sought: s.length, not_retrieved: nr, assessed: s.length - nr, excluded_reasons: reasonsOf([...excludedAtFullText.keys()].filter(inColumn)) };
  };
  const otherSources = named('other');
  const studies = await groupByStudy(store, reviewId, includedRecords);
  return {
    databases: named('database'),
    registers: named('register'),
    removed: { duplicates: mainRecords.length - viaMain.size, automation: 0, other: 0 },
    screened: [...unique].filter(main).length,
    excluded: excluded.filter(main).length,
    ...column(main),
    ...(otherSources.length > 0 && { other: { sources: otherSources, ...column(other) } }),
    included_studies: studies.length,
    included_reports: includedRecords.length,
  };
}
