/**
 * GRADE assessments of the certainty of evidence, one per protocol outcome, kept in the analyses table
 * (name "grade:OUTCOME", the assessment as its spec): every save a new row, the latest counting, each
 * audited with what it replaced.
 */
import { isMetasiftError, parseGrade, type GradeAssessment } from '@metasift/core';
import { audit, now } from './audit.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import type { Protocol } from './protocol.js';
import { requireRole } from './reviews.js';

const PREFIX = 'grade:';

async function outcomesOf(store: Store, reviewId: number): Promise<string[]> {
  const r = await store.db.selectFrom('reviews').select('protocol').where('id', '=', reviewId).executeTakeFirst();
  if (!r) throw new StoreError('NOT_FOUND', `review ${reviewId} not found`);
  return (JSON.parse(r.protocol) as Protocol).outcomes.map((o) => o.name);
}

async function latest(db: Store['db'], reviewId: number): Promise<Map<string, GradeAssessment>> {
  const rows = await db.selectFrom('analyses').select(['name', 'spec']).where('review_id', '=', reviewId).where('name', 'like', `${PREFIX}%`).orderBy('id').execute();
  return new Map(rows.map((r) => [r.name.slice(PREFIX.length), JSON.parse(r.spec) as GradeAssessment]));
}

/** The latest assessment of each protocol outcome that has one, in protocol order. */
export async function gradeAssessments(store: Store, userId: number, reviewId: number): Promise<GradeAssessment[]> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const outcomes = await outcomesOf(store, reviewId);
  const saved = await latest(store.db, reviewId);
  return outcomes.flatMap((o) => (saved.has(o) ? [saved.get(o)!] : []));
}

/** Saves an outcome's assessment. */
export async function saveGrade(store: Store, actorId: number, reviewId: number, input: unknown): Promise<GradeAssessment> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  let a: GradeAssessment;
  try {
    a = parseGrade(input, await outcomesOf(store, reviewId));
  } catch (e) {
    if (isMetasiftError(e)) throw new StoreError('INVALID', e.message);
    throw e;
  }
  return store.tx(async (trx) => {
    const before = (await latest(trx, reviewId)).get(a.outcome);
    const { id } = await trx.insertInto('analyses').values({ review_id: reviewId, name: `${PREFIX}${a.outcome}`, spec: JSON.stringify(a), result: null, saved_at: now() }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { reviewId, actorId, entity: 'grade', entityId: id, action: 'save', before: before ?? null, after: a });
    return a;
  });
}
