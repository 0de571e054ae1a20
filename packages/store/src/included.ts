/** The included studies as extraction and appraisal see them: grouped, labelled, found by id or record. */
import { characteristicsFor, studyLabel } from '@metasift/core';
import type { Kysely } from 'kysely';
import { audit } from './audit.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import { includedStudyGroups, type StudyGroup } from './outcomes.js';
import type { Protocol } from './protocol.js';
import type { Database } from './schema.js';
import { reviewSettings } from './settings.js';

/** A study by its id, or by any of its included records (before it is first worked on it has no id). */
export type Target = { studyId: number } | { recordId: number };

/** What work on the included studies needs to know of the review, read once per request. */
export async function includedContext(store: Store, reviewId: number) {
  const review = await store.db.selectFrom('reviews').select(['protocol', 'blinding']).where('id', '=', reviewId).executeTakeFirst();
  if (!review) throw new StoreError('NOT_FOUND', `review ${reviewId} not found`);
  const protocol = JSON.parse(review.protocol) as Protocol;
  const settings = await reviewSettings(store, reviewId);
  const groups = await includedStudyGroups(store, reviewId, settings);
  const recordIds = groups.flatMap((g) => g.recordIds);
  const records = recordIds.length
    ? await store.db.selectFrom('records').select(['id', 'fields', 'year']).where('review_id', '=', reviewId).where('id', 'in', recordIds).execute()
    : [];
  const citable = new Map(records.map((r) => [r.id, { ...(JSON.parse(r.fields) as { title?: string; authors?: { family: string }[] }), year: r.year }]));
  const studies = new Map((await store.db.selectFrom('studies').select(['id', 'label', 'design']).where('review_id', '=', reviewId).execute()).map((s) => [s.id, s]));
  const labelOf = (g: StudyGroup): string => {
    const own = g.studyId === null ? '' : (studies.get(g.studyId)?.label ?? '').trim();
    if (own) return own;
    const c = citable.get(g.recordIds[0]!);
    return studyLabel({ authors: c?.authors ?? [], year: c?.year ?? null, title: c?.title ?? `record ${g.recordIds[0]}` });
  };
  const designOf = (g: StudyGroup): string => (g.studyId === null ? '' : (studies.get(g.studyId)?.design ?? ''));
  // protocols saved before extraction fields existed have none
  const characteristics = characteristicsFor(protocol.extraction_fields ?? []);
  return { protocol, blinding: review.blinding === 1, settings, groups, labelOf, designOf, outcomes: protocol.outcomes.map((o) => o.name), characteristics };
}

export type IncludedContext = Awaited<ReturnType<typeof includedContext>>;

/** The included study a target names. @throws StoreError NOT_FOUND */
export function findGroup(groups: readonly StudyGroup[], reviewId: number, t: Target): StudyGroup {
  const g = 'studyId' in t ? groups.find((x) => x.studyId === t.studyId) : groups.find((x) => x.recordIds.includes(t.recordId));
  if (!g) throw new StoreError('NOT_FOUND', `${'studyId' in t ? `study ${t.studyId}` : `record ${t.recordId}`} is not an included study of review ${reviewId} (a study is included at full text)`);
  return g;
}

/** The group's study id, founding a study on its first record (audited) when it has none yet. */
export async function ensureStudy(trx: Kysely<Database>, reviewId: number, actorId: number, g: StudyGroup, purpose: string): Promise<number> {
  if (g.studyId !== null) return g.studyId;
  const id = (await trx.insertInto('studies').values({ review_id: reviewId, label: '', design: '', record_id: g.recordIds[0]! }).returning('id').executeTakeFirstOrThrow()).id;
  await audit(trx, { reviewId, actorId, entity: 'study', entityId: id, action: 'create', after: { record_id: g.recordIds[0], for: purpose } });
  return id;
}
