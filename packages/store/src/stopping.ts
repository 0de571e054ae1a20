/**
 * The stopping rule of title/abstract screening (Callaghan & Müller-Hansen 2020, as the core's
 * stoppingTest): once the relevance order has found most relevant records, the owner begins a random
 * sample of the records not yet screened; screening then serves that pool in the review's seeded
 * (pseudo-random) order, and after every decision the hypergeometric test says whether recall is at the
 * target with the stated confidence. Its start and its figures are recorded, so the report can say when
 * and why screening stopped.
 */
import { stoppingTest, type StoppingDecision } from '@metasift/core';
import { audit, now } from './audit.js';
import { StoreError } from './errors.js';
import type { Kysely } from 'kysely';
import type { Store } from './open.js';
import type { Database } from './schema.js';
import { requireRole } from './reviews.js';

export interface StoppingStatus {
  /** Whether the random sample has begun. */
  sampling: boolean;
  startedAt: string | null;
  recallTarget: number;
  confidence: number;
  relevantBeforeSample: number;
  poolAtSample: number;
  sampled: number;
  sampledRelevant: number;
  decision: StoppingDecision | null;
}

/** Each unique record's first decision id at title/abstract and whether any current decision is include/maybe. */
async function screened(db: Kysely<Database>, reviewId: number): Promise<{ unique: number[]; first: Map<number, number>; relevant: Set<number> }> {
  const unique = (await db.selectFrom('records').select('id').where('review_id', '=', reviewId).where('duplicate_of', 'is', null).execute()).map((r) => r.id);
  const rows = await db.selectFrom('decisions').select(['id', 'record_id', 'reviewer_id', 'verdict']).where('review_id', '=', reviewId).where('stage', '=', 'title_abstract').orderBy('id').execute();
  const first = new Map<number, number>();
  const current = new Map<number, Map<number, string | null>>();
  for (const d of rows) {
    if (d.verdict !== null && !first.has(d.record_id)) first.set(d.record_id, d.id);
    let m = current.get(d.record_id);
    if (!m) current.set(d.record_id, (m = new Map()));
    m.set(d.reviewer_id, d.verdict);
  }
  const relevant = new Set<number>();
  for (const [id, m] of current) if ([...m.values()].some((v) => v === 'include' || v === 'maybe')) relevant.add(id);
  return { unique, first, relevant };
}

/** Begins the random sample (owner): the records not screened now form the pool. */
export async function beginStoppingSample(store: Store, actorId: number, reviewId: number, opts: { recallTarget?: number; confidence?: number } = {}): Promise<StoppingStatus> {
  await requireRole(store, reviewId, actorId, 'owner');
  const recallTarget = opts.recallTarget ?? 0.95;
  const confidence = opts.confidence ?? 0.95;
  if (!(recallTarget > 0 && recallTarget < 1) || !(confidence > 0 && confidence < 1)) throw new StoreError('INVALID', 'recallTarget and confidence: each between 0 and 1 (e.g. 0.95)');
  await store.tx(async (trx) => {
    if (await trx.selectFrom('stopping_samples').select('id').where('review_id', '=', reviewId).executeTakeFirst()) throw new StoreError('CONFLICT', 'the stopping-rule sample has already begun');
    const last = await trx.selectFrom('decisions').select((eb) => eb.fn.max('id').as('m')).where('review_id', '=', reviewId).executeTakeFirstOrThrow();
    if (last.m === null) throw new StoreError('CONFLICT', 'screen by relevance first: the sample estimates what the ranking missed');
    const s = await screened(trx, reviewId);
    const pool = s.unique.filter((id) => !s.first.has(id)).length;
    const relevantBefore = s.unique.filter((id) => s.relevant.has(id)).length;
    const { id } = await trx
      .insertInto('stopping_samples')
      .values({ review_id: reviewId, started_at: now(), started_by: actorId, after_decision_id: Number(last.m), relevant_before: relevantBefore, pool_size: pool, recall_target: recallTarget, confidence })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { reviewId, actorId, entity: 'stopping_sample', entityId: id, action: 'begin', after: { after_decision_id: Number(last.m), relevant_before: relevantBefore, pool, recall_target: recallTarget, confidence } });
  });
  return stoppingStatus(store, actorId, reviewId);
}

/** Where the stopping rule stands: the sample so far and the test's verdict. */
export async function stoppingStatus(store: Store, userId: number, reviewId: number): Promise<StoppingStatus> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const sample = await store.db.selectFrom('stopping_samples').selectAll().where('review_id', '=', reviewId).orderBy('id').executeTakeFirst();
  if (!sample) return { sampling: false, startedAt: null, recallTarget: 0.95, confidence: 0.95, relevantBeforeSample: 0, poolAtSample: 0, sampled: 0, sampledRelevant: 0, decision: null };
  const s = await screened(store.db, reviewId);
  // sampled: unique records first decided after the sample began (they were in the pool then)
  const drawn = s.unique.filter((id) => (s.first.get(id) ?? 0) > sample.after_decision_id);
  const sampledRelevant = drawn.filter((id) => s.relevant.has(id)).length;
  const decision = stoppingTest({ relevantBeforeSample: sample.relevant_before, poolAtSample: sample.pool_size, sampled: drawn.length, sampledRelevant, recallTarget: sample.recall_target, confidence: sample.confidence });
  return { sampling: true, startedAt: sample.started_at, recallTarget: sample.recall_target, confidence: sample.confidence, relevantBeforeSample: sample.relevant_before, poolAtSample: sample.pool_size, sampled: drawn.length, sampledRelevant, decision };
}

/** Whether the review's title/abstract screening now serves the random sample (the seeded order). */
export async function samplingBegun(store: Store, reviewId: number): Promise<boolean> {
  return !!(await store.db.selectFrom('stopping_samples').select('id').where('review_id', '=', reviewId).executeTakeFirst());
}
