/**
 * Per-outcome decisions kept in the review's analyses table — the GRADE rating, the analysis of record —
 * each under a name "KIND:OUTCOME" with the value as its spec: every save a new row, the latest counting,
 * each audited with what it replaced.
 */
import { audit, now } from './audit.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import type { Protocol } from './protocol.js';

/** The protocol's outcome names. */
export async function outcomesOf(store: Store, reviewId: number): Promise<string[]> {
  const r = await store.db.selectFrom('reviews').select('protocol').where('id', '=', reviewId).executeTakeFirst();
  if (!r) throw new StoreError('NOT_FOUND', `review ${reviewId} not found`);
  return (JSON.parse(r.protocol) as Protocol).outcomes.map((o) => o.name);
}

/** The latest value of each outcome saved under the kind. */
export async function latestSaved<T>(db: Store['db'], reviewId: number, kind: string): Promise<Map<string, T>> {
  const prefix = `${kind}:`;
  const rows = await db.selectFrom('analyses').select(['name', 'spec']).where('review_id', '=', reviewId).where('name', 'like', `${prefix}%`).orderBy('id').execute();
  return new Map(rows.map((r) => [r.name.slice(prefix.length), JSON.parse(r.spec) as T]));
}

/** The latest values in protocol order (outcomes without one left out). */
export async function savedInProtocolOrder<T>(store: Store, reviewId: number, kind: string): Promise<T[]> {
  const [outcomes, saved] = await Promise.all([outcomesOf(store, reviewId), latestSaved<T>(store.db, reviewId, kind)]);
  return outcomes.flatMap((o) => (saved.has(o) ? [saved.get(o)!] : []));
}

/** Saves an outcome's value under the kind, audited as `entity` with the value it replaced. */
export async function saveForOutcome<T>(store: Store, actorId: number, reviewId: number, kind: string, entity: string, outcome: string, value: T): Promise<T> {
  return store.tx(async (trx) => {
    const before = (await latestSaved<T>(trx, reviewId, kind)).get(outcome);
    const { id } = await trx.insertInto('analyses').values({ review_id: reviewId, name: `${kind}:${outcome}`, spec: JSON.stringify(value), result: null, saved_at: now() }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { reviewId, actorId, entity, entityId: id, action: 'save', before: before ?? null, after: value });
    return value;
  });
}
