/** Reading records: search and paging, and the next record for a reviewer to screen. */
import type { BibRecord } from '@metasift/core';
import type { Store } from './open.js';
import { requireRole } from './reviews.js';
import type { Stage } from './schema.js';
import { reviewSettings } from './settings.js';
import { fullTextCandidates } from './outcomes.js';
import { StoreError } from './errors.js';

export interface RecordView {
  id: number;
  searchRunId: number;
  fields: Omit<BibRecord, 'raw'>;
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

/** Records of a review, optionally those whose title contains q (case-insensitive), in import order. */
export async function listRecords(store: Store, userId: number, reviewId: number, opts: { q?: string; offset?: number; limit?: number } = {}): Promise<RecordPage> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  let base = store.db.selectFrom('records').where('review_id', '=', reviewId);
  if (opts.q) base = base.where((eb) => eb(eb.fn('lower', ['title']), 'like', `%${opts.q!.toLowerCase().replace(/[%_\\]/g, (m) => `\\${m}`)}%`));
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.select(['id', 'search_run_id', 'fields']).orderBy('id').offset(opts.offset ?? 0).limit(Math.min(opts.limit ?? 50, 500)).execute(),
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
  await requireRole(store, reviewId, userId, 'owner', 'reviewer');
  const settings = await reviewSettings(store, reviewId);
  let q = store.db
    .selectFrom('records as r')
    .select(['r.id', 'r.search_run_id', 'r.fields'])
    .where('r.review_id', '=', reviewId)
    .where('r.duplicate_of', 'is', null)
    // "current" decisions: each reviewer's latest row on the record has a verdict (an undo reopens it)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('decisions as d')
            .select('d.id')
            .whereRef('d.record_id', '=', 'r.id')
            .where('d.reviewer_id', '=', userId)
            .where('d.stage', '=', stage)
            .where('d.verdict', 'is not', null)
            .where('d.id', '=', (eb) =>
              eb.selectFrom('decisions as d2').select((e2) => e2.fn.max('d2.id').as('m')).whereRef('d2.record_id', '=', 'r.id').where('d2.reviewer_id', '=', userId).where('d2.stage', '=', stage),
            ),
        ),
      ),
    )
    .where(
      (eb) =>
        eb
          .selectFrom('decisions as d')
          .select((e) => e.fn.count<number>('d.reviewer_id').distinct().as('n'))
          .whereRef('d.record_id', '=', 'r.id')
          .where('d.stage', '=', stage)
          .where('d.reviewer_id', '!=', userId)
          .where('d.verdict', 'is not', null)
          .whereRef('d.id', '=', (e2) => e2.selectFrom('decisions as d3').select((e3) => e3.fn.max('d3.id').as('m')).whereRef('d3.record_id', '=', 'd.record_id').whereRef('d3.reviewer_id', '=', 'd.reviewer_id').where('d3.stage', '=', stage)),
      '<',
      settings.reviewersPerRecord,
    );
  if (stage === 'full_text') {
    const candidates = await fullTextCandidates(store, reviewId, settings);
    if (!candidates.length) return null;
    if (candidates.length > 30_000) throw new StoreError('INVALID', `${candidates.length} records at full text: more than this server screens at once`);
    q = q.where('r.id', 'in', candidates);
  }
  const r = await q.orderBy('r.sort_key').orderBy('r.id').limit(1).executeTakeFirst();
  return r ? view(r) : null;
}

/** One record of a review (any member). */
export async function getRecord(store: Store, userId: number, reviewId: number, recordId: number): Promise<RecordView & { duplicateOf: number | null }> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const r = await store.db.selectFrom('records').select(['id', 'search_run_id', 'fields', 'duplicate_of']).where('id', '=', recordId).where('review_id', '=', reviewId).executeTakeFirst();
  if (!r) throw new StoreError('NOT_FOUND', `record ${recordId} is not in review ${reviewId}`);
  return { ...view(r), duplicateOf: r.duplicate_of };
}
