/** A review's screening settings: how many reviewers screen each record, how "maybe" counts, the exclusion reasons, highlight terms. */
import { z } from 'zod';
import { audit } from './audit.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import { requireRole } from './reviews.js';
import type { Role } from './schema.js';

export const DEFAULT_EXCLUSION_REASONS = ['Wrong population', 'Wrong intervention', 'Wrong comparator', 'Wrong outcomes', 'Wrong study design', 'Wrong publication type', 'Duplicate report', 'Full text not in an eligible language'];

export const ReviewSettings = z.object({
  /** 1: one reviewer decides each record; 2: two independent (blinded) reviewers, conflicts resolved. */
  reviewersPerRecord: z.union([z.literal(1), z.literal(2)]).default(2),
  /** Whether a "maybe" goes forward like an include (true) or counts as a disagreement with include (false). */
  maybeCountsAsInclude: z.boolean().default(true),
  /** The reasons a full-text exclusion must choose from (PRISMA 2020: reports excluded, with reasons). */
  exclusionReasons: z.array(z.string().min(1).max(200)).max(100).default(DEFAULT_EXCLUSION_REASONS),
  /** Title/abstract order: the seeded pseudo-random order, or by relevance (the screening model, refitted on every request). */
  order: z.enum(['random', 'relevance']).default('random'),
  /** Terms highlighted in titles and abstracts while screening (matched on word stems). */
  highlight: z.object({ include: z.array(z.string().min(1).max(100)).max(200).default([]), exclude: z.array(z.string().min(1).max(100)).max(200).default([]) }).default({ include: [], exclude: [] }),
});
export type ReviewSettings = z.output<typeof ReviewSettings>;

export function parseSettings(input: unknown): ReviewSettings {
  const r = ReviewSettings.safeParse(input);
  if (r.success) return r.data;
  throw new StoreError('INVALID', `invalid settings: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
}

export async function reviewSettings(store: Store, reviewId: number): Promise<ReviewSettings> {
  const r = await store.db.selectFrom('reviews').select('settings').where('id', '=', reviewId).executeTakeFirst();
  if (!r) throw new StoreError('NOT_FOUND', `review ${reviewId} not found`);
  return parseSettingsText(r.settings);
}

/** The user's role in the review and its settings, in one query; FORBIDDEN unless the role is one of `roles`. */
export async function memberSettings(store: Store, reviewId: number, userId: number, ...roles: Role[]): Promise<{ role: Role; settings: ReviewSettings }> {
  const m = await store.db
    .selectFrom('members')
    .innerJoin('reviews', 'reviews.id', 'members.review_id')
    .select(['members.role', 'reviews.settings'])
    .where('members.review_id', '=', reviewId)
    .where('members.user_id', '=', userId)
    .executeTakeFirst();
  if (!m || !roles.includes(m.role)) throw new StoreError('FORBIDDEN', `user ${userId} may not do this in review ${reviewId} (needs ${roles.join(' or ')})`);
  return { role: m.role, settings: parseSettingsText(m.settings) };
}

// settings are read on every screening request; parsing the same JSON text again is wasted work
const parsed = new Map<string, ReviewSettings>();
/** Settings from their stored JSON text (parsed once per distinct text). */
export function parseSettingsText(text: string): ReviewSettings {
  let s = parsed.get(text);
  if (!s) {
    s = parseSettings(JSON.parse(text));
    if (parsed.size > 100) parsed.clear();
    parsed.set(text, s);
  }
  return s;
}

export async function getSettings(store: Store, userId: number, reviewId: number): Promise<ReviewSettings> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  return reviewSettings(store, reviewId);
}

/** Replaces the settings (owner); the change is audited with both versions. */
export async function setSettings(store: Store, actorId: number, reviewId: number, next: unknown): Promise<ReviewSettings> {
  await requireRole(store, reviewId, actorId, 'owner');
  const settings = parseSettings(next);
  await store.tx(async (trx) => {
    const cur = await trx.selectFrom('reviews').select('settings').where('id', '=', reviewId).executeTakeFirstOrThrow();
    await trx.updateTable('reviews').set({ settings: JSON.stringify(settings) }).where('id', '=', reviewId).execute();
    await audit(trx, { reviewId, actorId, entity: 'review', entityId: reviewId, action: 'set-settings', before: parseSettings(JSON.parse(cur.settings)), after: settings });
  });
  return settings;
}
