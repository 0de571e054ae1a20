/** Reading records: search and paging, and the next record for a reviewer to screen. */
import type { BibRecord } from '@metasift/core';
import type { Store } from './open.js';
import { requireRole } from './reviews.js';
import type { Stage } from './schema.js';

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

/** The first record (import order) that the reviewer has no current decision on at this stage, or null. */
export async function nextForReviewer(store: Store, userId: number, reviewId: number, stage: Stage): Promise<RecordView | null> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer');
  // a record is done for me when my latest decision on it (highest id) has a verdict; an undo reopens it
  const r = await store.db
    .selectFrom('records as r')
    .select(['r.id', 'r.search_run_id', 'r.fields'])
    .where('r.review_id', '=', reviewId)
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
    .orderBy('r.id')
    .limit(1)
    .executeTakeFirst();
  return r ? view(r) : null;
}
