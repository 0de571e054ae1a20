/**
 * Deduplication of a review's records with the core's deduplicate(): clusters are recomputed from the
 * records and the people's pair decisions (which are kept and never re-decided), so running it again
 * after a new import, or after a pair is settled, is always safe. Every copy is kept: a duplicate only
 * points at the record that stands for its cluster (records.duplicate_of), which is the one screened.
 * Large reviews run the computation in a worker thread (dedup-run.ts).
 */
import type { HumanDecision } from '@metasift/core';
import { sql } from 'kysely';
import { audit, now } from './audit.js';
import { dedupRows, type DedupRow } from './dedup-run.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import type { RecordView } from './records.js';
import { requireRole } from './reviews.js';

export interface DedupSummary {
  records: number;
  unique: number;
  duplicatesRemoved: number;
  clusters: number;
  /** Pairs waiting for a person's merge / keep-apart decision. */
  pending: number;
}

export interface DuplicatePair {
  id: number;
  score: number;
  a: RecordView & { database: string };
  b: RecordView & { database: string };
}

type Db = Store['db'];

/** The records' set (their count and last id: records are only ever added) and the people's pair verdicts. */
async function dedupFingerprint(db: Db, reviewId: number): Promise<{ key: string; decided: { record_a: number; record_b: number; verdict: 'merge' | 'keep-apart' | null }[] }> {
  const stat = await db
    .selectFrom('records')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('m')])
    .where('review_id', '=', reviewId)
    .executeTakeFirstOrThrow();
  const decided = await db.selectFrom('dedup_pairs').select(['record_a', 'record_b', 'verdict']).where('review_id', '=', reviewId).where('verdict', 'is not', null).orderBy('record_a').orderBy('record_b').execute();
  return { key: `${Number(stat.n)}/${String(stat.m)}/${JSON.stringify(decided)}`, decided };
}

/** The review's records as dedup reads them, in id order. */
async function dedupRowsOf(db: Db, reviewId: number): Promise<DedupRow[]> {
  const rows = await db
    .selectFrom('records as r')
    .innerJoin('search_runs as s', 's.id', 'r.search_run_id')
    .select(['r.id', 'r.fields', 's.database'])
    .where('r.review_id', '=', reviewId)
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({ id: String(r.id), database: r.database, fields: r.fields }));
}

const decisionsOf = (decided: { record_a: number; record_b: number; verdict: 'merge' | 'keep-apart' | null }[]): HumanDecision[] => decided.map((d) => ({ a: String(d.record_a), b: String(d.record_b), verdict: d.verdict! }));

/**
 * Recomputes the review's duplicate clusters; returns what PRISMA's "duplicate records removed" will show.
 * `options.beforeWrite` runs between the computation and the write transaction (tests use it to change
 * the review meanwhile).
 */
export async function dedupReview(store: Store, actorId: number, reviewId: number, options: { beforeWrite?: () => Promise<void> } = {}): Promise<DedupSummary> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  // the clusters are computed before the write transaction (in a worker thread for large reviews), so
  // other requests are answered meanwhile — on SQLite a transaction holds the one connection
  const before = await dedupFingerprint(store.db, reviewId);
  const computed = await dedupRows(await dedupRowsOf(store.db, reviewId), decisionsOf(before.decided));
  await options.beforeWrite?.();
  return store.tx(async (trx) => {
    // one dedup of a review at a time: on PostgreSQL two could interleave their deletes and inserts
    // (SQLite serialises write transactions anyway); the data is checked after the lock, so the last to
    // commit has seen everything the earlier one wrote — if records or verdicts changed since the
    // computation, it is done again here, in place
    if (store.kind === 'postgres') await sql`select id from reviews where id = ${reviewId} for update`.execute(trx);
    const current = await dedupFingerprint(trx, reviewId);
    const decided = current.decided;
    const result = current.key === before.key ? computed : await dedupRows(await dedupRowsOf(trx, reviewId), decisionsOf(decided), { worker: false });
    const uncertain = result.uncertain.map(([a, b, score]) => (Number(a) < Number(b) ? [Number(a), Number(b), score] : [Number(b), Number(a), score]) as [number, number, number]);
    await trx.deleteFrom('cluster_members').where('cluster_id', 'in', (eb) => eb.selectFrom('duplicate_clusters').select('id').where('review_id', '=', reviewId)).execute();
    await trx.deleteFrom('duplicate_clusters').where('review_id', '=', reviewId).execute();
    await trx.updateTable('records').set({ duplicate_of: null }).where('review_id', '=', reviewId).where('duplicate_of', 'is not', null).execute();
    const at = now();
    for (const group of result.groups) {
      const ids = group.map(Number).sort((x, y) => x - y);
      const primary = ids[0]!;
      const { id } = await trx.insertInto('duplicate_clusters').values({ review_id: reviewId, primary_record_id: primary, status: 'automatic', created_at: at }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('cluster_members').values(ids.map((record_id) => ({ cluster_id: id, record_id, score: 1 }))).execute();
      await trx.updateTable('records').set({ duplicate_of: primary }).where('id', 'in', ids.slice(1)).execute();
    }
    // undecided pairs are the dedup's own output: replace them; decided pairs are people's and stay
    await trx.deleteFrom('dedup_pairs').where('review_id', '=', reviewId).where('verdict', 'is', null).execute();
    const decidedKeys = new Set(decided.map((d) => `${d.record_a},${d.record_b}`));
    const fresh = uncertain.filter(([a, b]) => !decidedKeys.has(`${a},${b}`));
    for (let i = 0; i < fresh.length; i += 500) {
      await trx
        .insertInto('dedup_pairs')
        .values(fresh.slice(i, i + 500).map(([a, b, score]) => ({ review_id: reviewId, record_a: a, record_b: b, score, verdict: null, decided_by: null, decided_at: null })))
        .execute();
    }
    const summary: DedupSummary = { records: result.records, unique: result.unique, duplicatesRemoved: result.duplicatesRemoved, clusters: result.groups.length, pending: fresh.length };
    await audit(trx, { reviewId, actorId, entity: 'review', entityId: reviewId, action: 'dedup', after: summary });
    return summary;
  });
}

/** The pairs waiting for a person, most similar first, each with both records side by side. */
export async function duplicateQueue(store: Store, userId: number, reviewId: number, opts: { limit?: number } = {}): Promise<{ total: number; pairs: DuplicatePair[] }> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const base = store.db.selectFrom('dedup_pairs').where('review_id', '=', reviewId).where('verdict', 'is', null);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const pairs = await base.select(['id', 'record_a', 'record_b', 'score']).orderBy('score', 'desc').orderBy('id').limit(Math.min(opts.limit ?? 50, 500)).execute();
  const ids = [...new Set(pairs.flatMap((p) => [p.record_a, p.record_b]))];
  const recs = ids.length
    ? await store.db.selectFrom('records as r').innerJoin('search_runs as s', 's.id', 'r.search_run_id').select(['r.id', 'r.search_run_id', 'r.fields', 's.database']).where('r.id', 'in', ids).execute()
    : [];
  const byId = new Map(recs.map((r) => [r.id, { id: r.id, searchRunId: r.search_run_id, database: r.database, fields: JSON.parse(r.fields) as RecordView['fields'] }]));
  return { total: Number(n), pairs: pairs.map((p) => ({ id: p.id, score: p.score, a: byId.get(p.record_a)!, b: byId.get(p.record_b)! })) };
}

/** A person settles a pair (merge or keep apart), or changes an earlier verdict; the clusters are recomputed with it. */
export async function decidePair(store: Store, actorId: number, reviewId: number, pairId: number, verdict: 'merge' | 'keep-apart'): Promise<DedupSummary> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  await store.tx(async (trx) => {
    const p = await trx.selectFrom('dedup_pairs').selectAll().where('id', '=', pairId).where('review_id', '=', reviewId).executeTakeFirst();
    if (!p) throw new StoreError('NOT_FOUND', `duplicate pair ${pairId} is not in review ${reviewId}`);
    // a change of mind replaces the earlier verdict; the trail keeps both
    await trx.updateTable('dedup_pairs').set({ verdict, decided_by: actorId, decided_at: now() }).where('id', '=', pairId).execute();
    await audit(trx, { reviewId, actorId, entity: 'dedup_pair', entityId: pairId, action: verdict, before: { verdict: p.verdict, decided_by: p.decided_by }, after: { record_a: p.record_a, record_b: p.record_b, verdict } });
  });
  return dedupReview(store, actorId, reviewId);
}
