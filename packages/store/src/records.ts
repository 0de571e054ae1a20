/** Reading records: search and paging, and the next record for a reviewer to screen. */
import type { BibRecord } from '@metasift/core';
import type { Store } from './open.js';
import { requireRole } from './reviews.js';
import type { Stage } from './schema.js';
import { memberSettings, type ReviewSettings } from './settings.js';
import { relevanceScores } from './ranking.js';
import { samplingBegun } from './stopping.js';
import { fullTextCandidates } from './outcomes.js';
import { StoreError } from './errors.js';

export interface RecordView {
  id: number;
  searchRunId: number;
  fields: Omit<BibRecord, 'raw'>;
  /** How a record handed out for screening was chosen: by the relevance model, or in the seeded order. */
  servedBy?: 'relevance' | 'seeded';
}

export interface RecordPage {
  total: number;
  records: RecordView[];
}

const view = (r: { id: number; search_run_id: number; fields: string }): RecordView => ({
  id: r.id,
  searchRunId: r.search_run_id,
  fields: JSON.parse(r.fields) as Omit<BibRecord, 'raw'>,
});

/**
 * Records of a review in import order, filtered: title containing q (case-insensitive), from one
 * database, unique records only (those screened) or duplicates only.
 */
export async function listRecords(
  store: Store,
  userId: number,
  reviewId: number,
  opts: { q?: string; database?: string; status?: 'unique' | 'duplicate'; offset?: number; limit?: number } = {},
): Promise<RecordPage> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  let base = store.db.selectFrom('records').where('records.review_id', '=', reviewId);
  if (opts.q) base = base.where((eb) => eb(eb.fn('lower', ['records.title']), 'like', `%${opts.q!.toLowerCase().replace(/[%_\\]/g, (m) => `\\${m}`)}%`));
  if (opts.database) base = base.where('records.search_run_id', 'in', (eb) => eb.selectFrom('search_runs').select('id').where('review_id', '=', reviewId).where('database', '=', opts.database!));
  if (opts.status === 'unique') base = base.where('records.duplicate_of', 'is', null);
  if (opts.status === 'duplicate') base = base.where('records.duplicate_of', 'is not', null);
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.select(['records.id', 'records.search_run_id', 'records.fields']).orderBy('records.id').offset(opts.offset ?? 0).limit(Math.min(opts.limit ?? 50, 500)).execute(),
  ]);
  return { total: Number(n), records: rows.map(view) };
}

/**
 * The next record for a reviewer at a stage, or null: a unique record (duplicates are screened through
 * the record that stands for their cluster) that I have no current decision on and that fewer than the
 * required number of reviewers have decided, in the review's fixed pseudo-random order. At full text,
 * only records included at title/abstract.
 */
export async function nextForReviewer(store: Store, userId: number, reviewId: number, stage: Stage): Promise<RecordView | null> {
  const { settings } = await memberSettings(store, reviewId, userId, 'owner', 'reviewer');
  return nextAfter(store, userId, reviewId, stage, settings);
}

/**
 * The next record once the role is known: from `position` (the record just decided) when given,
 * else from my latest decision at this stage. Screening routes call it right after a decision.
 */
export async function nextAfter(store: Store, userId: number, reviewId: number, stage: Stage, settings: ReviewSettings, position?: { sort_key: number; id: number }): Promise<RecordView | null> {
  // once the stopping rule's random sample has begun, the seeded (pseudo-random) order serves the pool
  if (stage === 'title_abstract' && settings.order === 'relevance' && !(await samplingBegun(store, reviewId))) {
    const ranked = await relevanceScores(store, reviewId);
    // until the model can be fitted (one relevant and one irrelevant record), the seeded order stands
    if (ranked) {
      let best: number | undefined;
      let bestScore = -Infinity;
      for (const [id, score] of ranked.scores) {
        const m = ranked.current.get(id)?.byReviewer;
        if (m) {
          if (m.has(userId)) continue;
          if (m.size >= settings.reviewersPerRecord) continue;
        }
        if (score > bestScore) {
          bestScore = score;
          best = id;
        }
      }
      if (best === undefined) return null;
      return { ...view(await store.db.selectFrom('records').select(['id', 'search_run_id', 'fields']).where('id', '=', best).executeTakeFirstOrThrow()), servedBy: 'relevance' };
    }
  }
  const candidates = stage === 'full_text' ? await fullTextCandidates(store, reviewId, settings) : null;
  if (candidates && !candidates.length) return null;
  if (candidates && candidates.length > 30_000) throw new StoreError('INVALID', `${candidates.length} records at full text: more than this server screens at once`);
  // search on from where I last decided (inclusive, so an undone record comes straight back); records
  // before it are closed for me unless someone undid a decision since, and those come at the end
  const last = position ?? await store.db
    .selectFrom('decisions as d')
    .innerJoin('records as r', 'r.id', 'd.record_id')
    .select(['r.sort_key', 'r.id'])
    .where('d.review_id', '=', reviewId)
    .where('d.stage', '=', stage)
    .where('d.reviewer_id', '=', userId)
    .orderBy('d.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  // walk the review's order in small batches (ids only, with their decisions), judged here: plain
  // index range scans on both databases, stopping at the first record that is open for me
  const BATCH = 64;
  const find = async (from: { sort_key: number; id: number } | undefined): Promise<number | undefined> => {
    let cursor = from;
    let inclusive = true;
    for (;;) {
      let q = store.db.selectFrom('records as r').select(['r.id', 'r.sort_key']).where('r.review_id', '=', reviewId).where('r.duplicate_of', 'is', null);
      if (candidates) q = q.where('r.id', 'in', candidates);
      if (cursor) {
        const c = cursor;
        q = q.where('r.sort_key', '>=', c.sort_key).where((eb) => eb.or([eb('r.sort_key', '>', c.sort_key), eb('r.id', inclusive ? '>=' : '>', c.id)]));
      }
      // the batch and its decisions in one round trip
      const rows = await store.db
        .selectFrom(q.orderBy('r.sort_key').orderBy('r.id').limit(BATCH).as('b'))
        .leftJoin('decisions as d', (j) => j.onRef('d.record_id', '=', 'b.id').on('d.stage', '=', stage))
        .select(['b.id', 'b.sort_key', 'd.reviewer_id', 'd.verdict'])
        .orderBy('b.sort_key')
        .orderBy('b.id')
        .orderBy('d.id')
        .execute();
      if (!rows.length) return undefined;
      const batch: { id: number; sort_key: number }[] = [];
      const latest = new Map<number, Map<number, boolean>>();
      for (const d of rows) {
        if (batch.at(-1)?.id !== d.id) batch.push({ id: d.id, sort_key: d.sort_key });
        if (d.reviewer_id === null) continue;
        let m = latest.get(d.id);
        if (!m) latest.set(d.id, (m = new Map()));
        m.set(d.reviewer_id, d.verdict !== null);
      }
      for (const b of batch) {
        const m = latest.get(b.id);
        if (!m) return b.id;
        if (m.get(userId)) continue;
        let others = 0;
        for (const [who, decided] of m) if (who !== userId && decided) others++;
        if (others < settings.reviewersPerRecord) return b.id;
      }
      if (batch.length < BATCH) return undefined;
      cursor = batch[batch.length - 1]!;
      inclusive = false;
    }
  };
  const id = (last ? await find(last) : undefined) ?? (await find(undefined));
  if (id === undefined) return null;
  const r = await store.db.selectFrom('records').select(['id', 'search_run_id', 'fields']).where('id', '=', id).executeTakeFirstOrThrow();
  return { ...view(r), servedBy: 'seeded' };
}

/** One record of a review (any member). */
export async function getRecord(store: Store, userId: number, reviewId: number, recordId: number): Promise<RecordView & { duplicateOf: number | null }> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const r = await store.db.selectFrom('records').select(['id', 'search_run_id', 'fields', 'duplicate_of']).where('id', '=', recordId).where('review_id', '=', reviewId).executeTakeFirst();
  if (!r) throw new StoreError('NOT_FOUND', `record ${recordId} is not in review ${reviewId}`);
  return { ...view(r), duplicateOf: r.duplicate_of };
}
