/**
 * Screening decisions are appended, never updated: a change of mind is a new decision, an undo is a
 * decision with no verdict. A reviewer's current decision is their latest row.
 */
import { audit, now } from './audit.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import { requireRole } from './reviews.js';
import type { Stage, Verdict } from './schema.js';
import { isFullTextCandidate, stageOutcomes } from './outcomes.js';
import { parseSettingsText, type ReviewSettings } from './settings.js';
import { RANKING_MODEL } from './ranking.js';

export interface Decision {
  reviewerId: number;
  verdict: Verdict;
  reasons: string[];
  note: string;
  decidedAt: string;
}

async function recordInReview(store: Store, reviewId: number, recordId: number): Promise<void> {
  const r = await store.db.selectFrom('records').select('id').where('id', '=', recordId).where('review_id', '=', reviewId).executeTakeFirst();
  if (!r) throw new StoreError('NOT_FOUND', `record ${recordId} is not in review ${reviewId}`);
}

/** What a decision leaves for the next step: the review's settings and where the decided record stands in the screening order. */
export interface DecisionMade {
  settings: ReviewSettings;
  position: { sort_key: number; id: number };
}

export async function decide(
  store: Store,
  reviewerId: number,
  reviewId: number,
  d: { stage: Stage; recordId: number; verdict: Verdict | null; reasons?: string[]; note?: string },
): Promise<DecisionMade> {
  // the role and the record's place in the review, in one query (this runs on every decision)
  const m = await store.db
    .selectFrom('members as m')
    .innerJoin('reviews as v', 'v.id', 'm.review_id')
    .leftJoin('records as r', (j) => j.on('r.id', '=', d.recordId).onRef('r.review_id', '=', 'm.review_id'))
    .select(['m.role', 'r.id as record', 'r.sort_key', 'r.duplicate_of', 'v.settings'])
    .where('m.review_id', '=', reviewId)
    .where('m.user_id', '=', reviewerId)
    .executeTakeFirst();
  if (!m || (m.role !== 'owner' && m.role !== 'reviewer')) throw new StoreError('FORBIDDEN', `user ${reviewerId} may not do this in review ${reviewId} (needs owner or reviewer)`);
  if (m.record === null || m.sort_key === null) throw new StoreError('NOT_FOUND', `record ${d.recordId} is not in review ${reviewId}`);
  const settings = parseSettingsText(m.settings);
  if (d.stage === 'full_text' && d.verdict !== null) {
    if (d.verdict === 'exclude') {
      if (!(d.reasons ?? []).length) throw new StoreError('INVALID', 'reasons: a full-text exclusion needs a reason (PRISMA 2020 reports them)');
      const unknown = (d.reasons ?? []).filter((r) => !settings.exclusionReasons.includes(r));
      if (unknown.length) throw new StoreError('INVALID', `reasons: "${unknown[0]}" is not one of the review's exclusion reasons (${settings.exclusionReasons.join('; ')})`);
    }
    // this record's title/abstract outcome alone is worked out, not the whole stage's
    const ta = (await stageOutcomes(store, reviewId, 'title_abstract', settings, d.recordId)).get(d.recordId);
    if (!isFullTextCandidate(m.duplicate_of === null, ta)) {
      throw new StoreError('CONFLICT', `record ${d.recordId} was not included at title/abstract, so it has no full-text decision to make`);
    }
  }
  await store.tx(async (trx) => {
    const prev = await trx
      .selectFrom('decisions')
      .select(['verdict', 'reasons'])
      .where('review_id', '=', reviewId)
      .where('stage', '=', d.stage)
      .where('record_id', '=', d.recordId)
      .where('reviewer_id', '=', reviewerId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (d.verdict === null && (!prev || prev.verdict === null)) throw new StoreError('CONFLICT', `nothing to undo on record ${d.recordId}`);
    const { id } = await trx
      .insertInto('decisions')
      .values({
        review_id: reviewId,
        stage: d.stage,
        record_id: d.recordId,
        reviewer_id: reviewerId,
        verdict: d.verdict,
        reasons: JSON.stringify(d.reasons ?? []),
        note: d.note ?? '',
        decided_at: now(),
        ranking: d.stage === 'title_abstract' && settings.order === 'relevance' ? RANKING_MODEL : 'seeded',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, {
      reviewId,
      actorId: reviewerId,
      entity: 'decision',
      entityId: id,
      action: d.verdict === null ? 'undo' : 'decide',
      before: prev ? { verdict: prev.verdict, reasons: JSON.parse(prev.reasons) as unknown } : undefined,
      after: { stage: d.stage, record_id: d.recordId, verdict: d.verdict, reasons: d.reasons ?? [] },
    });
  });
  return { settings, position: { sort_key: m.sort_key, id: m.record } };
}

/** Every reviewer's current decision on a record (undone decisions drop out). */
async function currentDecisions(store: Store, reviewId: number, stage: Stage, recordId: number): Promise<Decision[]> {
  const rows = await store.db
    .selectFrom('decisions')
    .selectAll()
    .where('review_id', '=', reviewId)
    .where('stage', '=', stage)
    .where('record_id', '=', recordId)
    .orderBy('id')
    .execute();
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.reviewer_id, r);
  return [...latest.values()]
    .filter((r) => r.verdict !== null)
    .map((r) => ({ reviewerId: r.reviewer_id, verdict: r.verdict!, reasons: JSON.parse(r.reasons) as string[], note: r.note, decidedAt: r.decided_at }));
}

/**
 * The decisions on a record that the user may see. With blinding on, a reviewer sees only their own
 * decision until they and at least one other reviewer have both decided; owners who have not screened
 * the record see all (they resolve conflicts), viewers see all only once blinding is lifted.
 */
export async function visibleDecisions(store: Store, userId: number, reviewId: number, stage: Stage, recordId: number): Promise<Decision[]> {
  const role = await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  await recordInReview(store, reviewId, recordId);
  const all = await currentDecisions(store, reviewId, stage, recordId);
  const review = await store.db.selectFrom('reviews').select('blinding').where('id', '=', reviewId).executeTakeFirstOrThrow();
  if (review.blinding === 0) return all;
  const mine = all.filter((d) => d.reviewerId === userId);
  if (mine.length && all.length >= 2) return all;
  if (role === 'owner' && !mine.length) return all;
  // a third reviewer who did not screen the record sees both decisions once they conflict (to resolve it)
  if (role === 'reviewer' && !mine.length && (await stageOutcomes(store, reviewId, stage)).get(recordId)?.outcome === 'conflict') return all;
  return mine;
}

/**
 * Records the reviewers disagree on at a stage (include against exclude, or against "maybe" when it does
 * not count as include) with no resolution yet. The owner sees them all; a reviewer sees those they may
 * resolve as a third reviewer: the ones they did not decide themselves.
 */
export async function conflicts(store: Store, userId: number, reviewId: number, stage: Stage): Promise<number[]> {
  const role = await requireRole(store, reviewId, userId, 'owner', 'reviewer');
  const outcomes = await stageOutcomes(store, reviewId, stage);
  const ids = [...outcomes].filter(([, o]) => o.outcome === 'conflict').map(([id]) => id).sort((a, b) => a - b);
  if (role === 'owner') return ids;
  const mine = new Set((await store.db.selectFrom('decisions').select('record_id').where('review_id', '=', reviewId).where('stage', '=', stage).where('reviewer_id', '=', userId).execute()).map((r) => r.record_id));
  return ids.filter((id) => !mine.has(id));
}

/** Whether the user may settle this record's conflict: the owner, or a reviewer who did not decide it (a third reviewer). */
async function mayResolve(store: Store, userId: number, reviewId: number, stage: Stage, recordId: number): Promise<boolean> {
  const role = await requireRole(store, reviewId, userId, 'owner', 'reviewer');
  if (role === 'owner') return true;
  const mine = await store.db.selectFrom('decisions').select('id').where('review_id', '=', reviewId).where('stage', '=', stage).where('record_id', '=', recordId).where('reviewer_id', '=', userId).executeTakeFirst();
  return !mine;
}

export async function resolve(store: Store, ownerId: number, reviewId: number, r: { stage: Stage; recordId: number; verdict: Verdict; reason: string }): Promise<void> {
  await recordInReview(store, reviewId, r.recordId);
  if (!(await mayResolve(store, ownerId, reviewId, r.stage, r.recordId))) throw new StoreError('FORBIDDEN', `user ${ownerId} decided record ${r.recordId} and so cannot resolve its conflict (the owner or a third reviewer does)`);
  await store.tx(async (trx) => {
    const { id } = await trx
      .insertInto('resolutions')
      .values({ review_id: reviewId, stage: r.stage, record_id: r.recordId, verdict: r.verdict, reason: r.reason, resolved_by: ownerId, resolved_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { reviewId, actorId: ownerId, entity: 'resolution', entityId: id, action: 'resolve', after: { stage: r.stage, record_id: r.recordId, verdict: r.verdict, reason: r.reason } });
  });
}
