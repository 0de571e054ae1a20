/**
 * Two independent entries per included study, then a consensus — the way data extraction and
 * risk-of-bias appraisal are done. Every save is a new row (the latest of each reviewer counts) and is
 * audited with what it replaced; with blinding on, a reviewer sees the other's entry only once both are
 * saved (the owner, and a reviewer who made no entry, see them to settle them). A study's final entry is
 * the consensus, else two entries that agree, else the one entry a single-reviewer review needs.
 */
import { needsSettling, type FieldComparison } from '@metasift/core';
import type { Kysely } from 'kysely';
import { audit, now } from './audit.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import { ensureStudy, findGroup, type IncludedContext, type Target } from './included.js';
import type { StudyGroup } from './outcomes.js';
import type { Database, Role } from './schema.js';

export type EntryStatus = 'not started' | 'in progress' | 'to settle' | 'agreed' | 'settled';

export interface SavedEntry<T> {
  reviewerId: number;
  reviewer: string;
  data: T;
  savedAt: string;
}

export interface Entries<T> {
  byReviewer: Map<number, SavedEntry<T>>;
  consensus: SavedEntry<T> | null;
}

export type Comparison<T> = FieldComparison & { a: SavedEntry<T>; b: SavedEntry<T> };

/** What differs between the two kinds of entry: their table, their columns, how they compare. */
export interface EntryKind<T> {
  table: 'extractions' | 'rob_assessments';
  /** The audit log's entity, and the word in messages: "extraction", "assessment". */
  noun: string;
  /** The entry from the table's own columns. */
  decode(row: Record<string, unknown>): T;
  /** The table's own columns for an entry. */
  encode(value: T): Record<string, unknown>;
  compare(a: T, b: T, ctx: IncludedContext): FieldComparison;
}

export interface IncludedStudyStatus {
  /** null until the study is first worked on (then founded on its record). */
  studyId: number | null;
  recordIds: number[];
  label: string;
  status: EntryStatus;
  /** Reviewers who have saved an entry. */
  extractors: number;
  mine: boolean;
  /** With two entries: the fields either filled, and those both filled alike (for the report, never the values). */
  fields: { compared: number; agreed: number } | null;
}

export interface StudyEntries<T> {
  study: IncludedStudyStatus;
  mine: SavedEntry<T> | null;
  /** Other reviewers' entries, when the user may see them (blinding). */
  others: SavedEntry<T>[];
  consensus: SavedEntry<T> | null;
  /** The first two reviewers' entries (a, b) compared, when the user may see both. */
  comparison: Comparison<T> | null;
}

/** Every study's latest entry per reviewer, and its latest consensus. */
export async function loadEntries<T>(db: Kysely<Database>, reviewId: number, kind: EntryKind<T>): Promise<Map<number, Entries<T>>> {
  // both tables share these columns; the kind reads its own (the builder is typed for one of them)
  const t = kind.table as 'extractions';
  const rows = (await db
    .selectFrom(t)
    .innerJoin('users', 'users.id', `${t}.reviewer_id`)
    .selectAll(t)
    .select('users.display_name')
    .where(`${t}.review_id`, '=', reviewId)
    .orderBy(`${t}.id`)
    .execute()) as unknown as (Record<string, unknown> & { study_id: number; reviewer_id: number; consensus: number; saved_at: string; display_name: string })[];
  const out = new Map<number, Entries<T>>();
  for (const r of rows) {
    let e = out.get(r.study_id);
    if (!e) out.set(r.study_id, (e = { byReviewer: new Map(), consensus: null }));
    const saved = { reviewerId: r.reviewer_id, reviewer: r.display_name, data: kind.decode(r), savedAt: r.saved_at };
    if (r.consensus) e.consensus = saved;
    else e.byReviewer.set(r.reviewer_id, saved);
  }
  return out;
}

/** The first two reviewers' entries compared, when there are two. */
export function firstTwo<T>(e: Entries<T> | undefined, kind: EntryKind<T>, ctx: IncludedContext): Comparison<T> | null {
  const xs = e ? [...e.byReviewer.values()] : [];
  return xs.length >= 2 ? { ...kind.compare(xs[0]!.data, xs[1]!.data, ctx), a: xs[0]!, b: xs[1]! } : null;
}

export function statusOf<T>(e: Entries<T> | undefined, kind: EntryKind<T>, ctx: IncludedContext): EntryStatus {
  if (!e) return 'not started';
  if (e.consensus) return 'settled';
  const n = e.byReviewer.size;
  if (n < ctx.settings.reviewersPerRecord) return n ? 'in progress' : 'not started';
  if (ctx.settings.reviewersPerRecord === 1) return 'agreed';
  return needsSettling(firstTwo(e, kind, ctx)!) ? 'to settle' : 'agreed';
}

/** The entry the study's results use: the consensus, else the agreed (or single required) entry. */
export function finalEntry<T>(e: Entries<T> | undefined, status: EntryStatus): T | null {
  if (!e) return null;
  if (status === 'settled') return e.consensus!.data;
  if (status === 'agreed') return [...e.byReviewer.values()][0]!.data;
  return null;
}

export function describeStudy<T>(g: StudyGroup, e: Entries<T> | undefined, userId: number, kind: EntryKind<T>, ctx: IncludedContext): IncludedStudyStatus {
  const two = firstTwo(e, kind, ctx);
  return {
    studyId: g.studyId,
    recordIds: g.recordIds,
    label: ctx.labelOf(g),
    status: statusOf(e, kind, ctx),
    extractors: e?.byReviewer.size ?? 0,
    mine: e?.byReviewer.has(userId) ?? false,
    fields: two && { compared: two.compared, agreed: two.agreed },
  };
}

/** Every included study with its status, in the order of its first record. */
export async function studiesWithStatus<T>(store: Store, userId: number, reviewId: number, kind: EntryKind<T>, ctx: IncludedContext): Promise<IncludedStudyStatus[]> {
  const entries = await loadEntries(store.db, reviewId, kind);
  return ctx.groups.map((g) => describeStudy(g, g.studyId === null ? undefined : entries.get(g.studyId), userId, kind, ctx));
}

/** One study's entries as the user may see them. */
export async function studyEntries<T>(store: Store, userId: number, role: Role, reviewId: number, target: Target, kind: EntryKind<T>, ctx: IncludedContext): Promise<StudyEntries<T>> {
  const g = findGroup(ctx.groups, reviewId, target);
  const e = g.studyId === null ? undefined : (await loadEntries(store.db, reviewId, kind)).get(g.studyId);
  const all = e ? [...e.byReviewer.values()] : [];
  const mine = e?.byReviewer.get(userId) ?? null;
  // as in screening: blinded, a reviewer sees the others' once two entries exist; the owner who made
  // none sees them all (to settle them)
  const seesAll = !ctx.blinding || all.length >= 2 || (role === 'owner' && !mine);
  return {
    study: describeStudy(g, e, userId, kind, ctx),
    mine,
    others: seesAll ? all.filter((x) => x.reviewerId !== userId) : [],
    consensus: e?.consensus ?? null,
    comparison: seesAll ? firstTwo(e, kind, ctx) : null,
  };
}

/**
 * Saves the user's entry (consensus false) or the consensus (true, after two entries) of an included
 * study, founding the study on its record when it has none; returns the study's entries as the user now
 * sees them (from the same context: the included studies are not worked out twice).
 */
export async function saveEntry<T>(store: Store, actorId: number, role: Role, reviewId: number, target: Target, value: T, consensus: boolean, kind: EntryKind<T>, ctx: IncludedContext): Promise<StudyEntries<T>> {
  const g = findGroup(ctx.groups, reviewId, target);
  const studyId = await store.tx(async (trx) => {
    const e = g.studyId === null ? undefined : (await loadEntries(trx, reviewId, kind)).get(g.studyId);
    const n = e?.byReviewer.size ?? 0;
    if (consensus && n < 2) throw new StoreError('CONFLICT', `${ctx.labelOf(g)} has ${n} ${kind.noun}(s); a consensus settles two`);
    const before = consensus ? e?.consensus : e?.byReviewer.get(actorId);
    const id = await ensureStudy(trx, reviewId, actorId, g, kind.noun);
    const values = { review_id: reviewId, study_id: id, reviewer_id: actorId, consensus: consensus ? 1 : 0, saved_at: now(), ...kind.encode(value) };
    const row = await trx
      .insertInto(kind.table as 'extractions')
      .values(values as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { reviewId, actorId, entity: kind.noun, entityId: row.id, action: consensus ? 'consensus' : 'save', before: before ? { study_id: id, data: before.data } : null, after: { study_id: id, data: value } });
    return id;
  });
  const saved = { ...ctx, groups: ctx.groups.map((x) => (x === g ? { ...x, studyId } : x)) };
  return studyEntries(store, actorId, role, reviewId, { studyId }, kind, saved);
}

/** The studies whose entries are final, and a note for each that is not. */
export async function finalEntries<T>(store: Store, reviewId: number, kind: EntryKind<T>, ctx: IncludedContext): Promise<{ studies: { label: string; group: StudyGroup; data: T }[]; pending: string[] }> {
  const entries = await loadEntries(store.db, reviewId, kind);
  const pending: string[] = [];
  const studies = ctx.groups.flatMap((g) => {
    const e = g.studyId === null ? undefined : entries.get(g.studyId);
    const status = statusOf(e, kind, ctx);
    const data = finalEntry(e, status);
    if (data === null) {
      pending.push(`${ctx.labelOf(g)}: ${kind.noun} ${status}, left out.`);
      return [];
    }
    return [{ label: ctx.labelOf(g), group: g, data }];
  });
  return { studies, pending };
}
