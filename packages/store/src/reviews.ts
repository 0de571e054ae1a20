/** Users, reviews, membership and protocol amendments; every change is audited in the same transaction. */
import { audit, now } from './audit.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import { hashPassword } from './passwords.js';
import { parseProtocol, type Protocol } from './protocol.js';
import type { Role } from './schema.js';

export async function createUser(store: Store, u: { email: string; displayName: string; password: string }): Promise<number> {
  if (!/^[^@\s]+@[^@\s]+$/.test(u.email)) throw new StoreError('INVALID', `email: "${u.email}" is not an email address`);
  if (u.password.length < 8) throw new StoreError('INVALID', 'password: at least 8 characters');
  const password_hash = await hashPassword(u.password);
  return store.tx(async (trx) => {
    const clash = await trx.selectFrom('users').select('id').where('email', '=', u.email.toLowerCase()).executeTakeFirst();
    if (clash) throw new StoreError('CONFLICT', `email: ${u.email} already has an account`);
    const { id } = await trx
      .insertInto('users')
      .values({ email: u.email.toLowerCase(), display_name: u.displayName, password_hash, created_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { reviewId: null, actorId: id, entity: 'user', entityId: id, action: 'create', after: { email: u.email.toLowerCase(), display_name: u.displayName } });
    return id;
  });
}

export async function roleOf(store: Store, reviewId: number, userId: number): Promise<Role | null> {
  const m = await store.db.selectFrom('members').select('role').where('review_id', '=', reviewId).where('user_id', '=', userId).executeTakeFirst();
  return m?.role ?? null;
}

/** Throws FORBIDDEN unless the user holds one of the roles (a non-member holds none). */
export async function requireRole(store: Store, reviewId: number, userId: number, ...roles: Role[]): Promise<Role> {
  const role = await roleOf(store, reviewId, userId);
  if (!role || !roles.includes(role)) throw new StoreError('FORBIDDEN', `user ${userId} may not do this in review ${reviewId} (needs ${roles.join(' or ')})`);
  return role;
}

export async function createReview(store: Store, actorId: number, r: { title: string; protocol: unknown }): Promise<number> {
  if (!r.title.trim()) throw new StoreError('INVALID', 'title: required');
  const protocol = parseProtocol(r.protocol);
  return store.tx(async (trx) => {
    const at = now();
    const { id } = await trx
      .insertInto('reviews')
      .values({ title: r.title, protocol: JSON.stringify(protocol), blinding: 1, created_at: at, created_by: actorId, archived_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('members').values({ review_id: id, user_id: actorId, role: 'owner', added_at: at }).execute();
    await audit(trx, { reviewId: id, actorId, entity: 'review', entityId: id, action: 'create', after: { title: r.title, protocol } });
    await audit(trx, { reviewId: id, actorId, entity: 'member', entityId: actorId, action: 'add', after: { role: 'owner' } });
    return id;
  });
}

export interface ReviewView {
  id: number;
  title: string;
  protocol: Protocol;
  blinding: boolean;
  createdAt: string;
}

export async function getReview(store: Store, reviewId: number, userId: number): Promise<ReviewView> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const r = await store.db.selectFrom('reviews').selectAll().where('id', '=', reviewId).executeTakeFirst();
  if (!r) throw new StoreError('NOT_FOUND', `review ${reviewId} not found`);
  return { id: r.id, title: r.title, protocol: JSON.parse(r.protocol) as Protocol, blinding: r.blinding === 1, createdAt: r.created_at };
}

/** A dated protocol amendment with its reason; the previous protocol is kept in the amendment. */
export async function amendProtocol(store: Store, actorId: number, reviewId: number, next: unknown, reason: string): Promise<void> {
  if (!reason.trim()) throw new StoreError('INVALID', 'reason: an amendment needs a reason');
  const protocol = parseProtocol(next);
  await requireRole(store, reviewId, actorId, 'owner');
  await store.tx(async (trx) => {
    const cur = await trx.selectFrom('reviews').select('protocol').where('id', '=', reviewId).executeTakeFirstOrThrow();
    const before = JSON.parse(cur.protocol) as Protocol;
    await trx.updateTable('reviews').set({ protocol: JSON.stringify(protocol) }).where('id', '=', reviewId).execute();
    await trx
      .insertInto('amendments')
      .values({ review_id: reviewId, made_at: now(), made_by: actorId, reason, before: cur.protocol, after: JSON.stringify(protocol) })
      .execute();
    await audit(trx, { reviewId, actorId, entity: 'protocol', entityId: reviewId, action: 'amend', before, after: { protocol, reason } });
  });
}

export async function setMember(store: Store, actorId: number, reviewId: number, userId: number, role: Role): Promise<void> {
  await requireRole(store, reviewId, actorId, 'owner');
  await store.tx(async (trx) => {
    const cur = await trx.selectFrom('members').select('role').where('review_id', '=', reviewId).where('user_id', '=', userId).executeTakeFirst();
    if (cur) await trx.updateTable('members').set({ role }).where('review_id', '=', reviewId).where('user_id', '=', userId).execute();
    else await trx.insertInto('members').values({ review_id: reviewId, user_id: userId, role, added_at: now() }).execute();
    await audit(trx, { reviewId, actorId, entity: 'member', entityId: userId, action: cur ? 'change-role' : 'add', before: cur ? { role: cur.role } : undefined, after: { role } });
  });
}

export async function setBlinding(store: Store, actorId: number, reviewId: number, on: boolean): Promise<void> {
  await requireRole(store, reviewId, actorId, 'owner');
  await store.tx(async (trx) => {
    const cur = await trx.selectFrom('reviews').select('blinding').where('id', '=', reviewId).executeTakeFirstOrThrow();
    await trx.updateTable('reviews').set({ blinding: on ? 1 : 0 }).where('id', '=', reviewId).execute();
    await audit(trx, { reviewId, actorId, entity: 'review', entityId: reviewId, action: 'set-blinding', before: { blinding: cur.blinding === 1 }, after: { blinding: on } });
  });
}

export interface ReviewSummary {
  id: number;
  title: string;
  role: Role;
}

export async function listReviews(store: Store, userId: number): Promise<ReviewSummary[]> {
  return store.db
    .selectFrom('reviews')
    .innerJoin('members', 'members.review_id', 'reviews.id')
    .select(['reviews.id', 'reviews.title', 'members.role'])
    .where('members.user_id', '=', userId)
    .where('reviews.archived_at', 'is', null)
    .orderBy('reviews.id')
    .execute();
}

/**
 * Adds a person to the review by email (owner): an existing account joins with the role; for a new
 * person, an initial password creates the account (they change it on first login) — or NOT_FOUND says
 * one is needed.
 */
export async function addMemberByEmail(store: Store, actorId: number, reviewId: number, m: { email: string; displayName?: string; role: Role; password?: string }): Promise<number> {
  await requireRole(store, reviewId, actorId, 'owner');
  const u = await store.db.selectFrom('users').select('id').where('email', '=', m.email.toLowerCase()).executeTakeFirst();
  let userId = u?.id;
  if (userId === undefined) {
    if (!m.password) throw new StoreError('NOT_FOUND', `email: no account for ${m.email}; give an initial password to create one`);
    userId = await createUser(store, { email: m.email, displayName: m.displayName?.trim() || m.email, password: m.password });
  }
  await setMember(store, actorId, reviewId, userId, m.role);
  return userId;
}
