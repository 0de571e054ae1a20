/** The append-only audit log: who changed what, when, from what to what. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface AuditEntry {
  reviewId: number | null;
  actorId: number | null;
  entity: string;
  entityId: string | number;
  action: string;
  before?: unknown;
  after?: unknown;
}

export const now = (): string => new Date().toISOString();

export async function audit(db: Kysely<Database>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      review_id: e.reviewId,
      actor_id: e.actorId,
      at: now(),
      entity: e.entity,
      entity_id: String(e.entityId),
      action: e.action,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

export interface AuditRow extends Omit<AuditEntry, 'before' | 'after' | 'entityId'> {
  id: number;
  at: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** A review's audit trail, oldest first. */
export async function auditTrail(db: Kysely<Database>, reviewId: number): Promise<AuditRow[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('review_id', '=', reviewId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    reviewId: r.review_id,
    actorId: r.actor_id,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: r.before === null ? undefined : (JSON.parse(r.before) as unknown),
    after: r.after === null ? undefined : (JSON.parse(r.after) as unknown),
  }));
}
