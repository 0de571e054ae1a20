/** The first schema: the whole review model, with later stages present in minimal form. */
import { sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { DialectKind } from '../dialect.js';

type Table = CreateTableBuilder<string, never>;

export function reviewModel(kind: DialectKind): Migration {
  const withId = (t: Table): Table =>
    kind === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  const json = 'text';
  return {
    async up(db: Kysely<unknown>) {
      const table = (name: string): Table => withId(db.schema.createTable(name) as Table);
      await table('users')
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await table('reviews')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('protocol', json, (c) => c.notNull())
        .addColumn('blinding', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('archived_at', 'text')
        .execute();
      await db.schema
        .createTable('members')
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'reviewer', 'viewer')`))
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('members_pk', ['review_id', 'user_id'])
        .execute();
      await table('amendments')
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('made_at', 'text', (c) => c.notNull())
        .addColumn('made_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('before', json, (c) => c.notNull())
        .addColumn('after', json, (c) => c.notNull())
        .execute();
      await table('search_runs')
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('database', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('searched_on', 'text', (c) => c.notNull())
        .addColumn('strategy', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_sha256', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('record_count', 'integer', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('imported_by', 'integer', (c) => c.notNull().references('users.id'))
        .execute();
      await table('records')
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('search_run_id', 'integer', (c) => c.notNull().references('search_runs.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('raw', json, (c) => c.notNull())
        .addColumn('fields', json, (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('year', 'integer')
        .addColumn('doi', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('records_review').on('records').columns(['review_id', 'id']).execute();
      await table('duplicate_clusters')
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('primary_record_id', 'integer', (c) => c.notNull().references('records.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('cluster_members')
        .addColumn('cluster_id', 'integer', (c) => c.notNull().references('duplicate_clusters.id'))
        .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id'))
        .addColumn('score', 'real', (c) => c.notNull())
        .addPrimaryKeyConstraint('cluster_members_pk', ['cluster_id', 'record_id'])
        .execute();
      await table('decisions')
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('title_abstract', 'full_text')`))
        .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id'))
        .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('verdict', 'text', (c) => c.check(sql`verdict in ('include', 'exclude', 'maybe')`))
        .addColumn('reasons', json, (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('decisions_record').on('decisions').columns(['review_id', 'stage', 'record_id']).execute();
      await table('resolutions')
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id'))
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('resolved_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('resolved_at', 'text', (c) => c.notNull())
        .execute();
      await table('studies')
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('design', 'text', (c) => c.notNull())
        .execute();
      await table('reports')
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('study_id', 'integer', (c) => c.references('studies.id'))
        .addColumn('record_id', 'integer', (c) => c.references('records.id'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_sha256', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .execute();
      for (const name of ['extractions', 'rob_assessments'] as const) {
        let t = table(name)
          .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
          .addColumn('study_id', 'integer', (c) => c.notNull().references('studies.id'))
          .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id'));
        t = name === 'extractions' ? t.addColumn('data', json, (c) => c.notNull()) : t.addColumn('tool', 'text', (c) => c.notNull()).addColumn('judgements', json, (c) => c.notNull());
        await t.addColumn('consensus', 'integer', (c) => c.notNull().defaultTo(0)).addColumn('saved_at', 'text', (c) => c.notNull()).execute();
      }
      await table('analyses')
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('spec', json, (c) => c.notNull())
        .addColumn('result', json)
        .addColumn('saved_at', 'text', (c) => c.notNull())
        .execute();
      await table('themes')
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .execute();
      await table('theme_codes')
        .addColumn('theme_id', 'integer', (c) => c.notNull().references('themes.id'))
        .addColumn('study_id', 'integer', (c) => c.notNull().references('studies.id'))
        .addColumn('excerpt', 'text', (c) => c.notNull())
        .execute();
      await table('audit_log')
        .addColumn('review_id', 'integer')
        .addColumn('actor_id', 'integer')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('before', json)
        .addColumn('after', json)
        .execute();
      await db.schema.createIndex('audit_review').on('audit_log').columns(['review_id', 'id']).execute();
      // The audit log and the screening decisions are append-only: the database itself refuses
      // to change or delete a row, whatever code runs against it.
      if (kind === 'sqlite') {
        for (const t of ['audit_log', 'decisions']) {
          for (const op of ['UPDATE', 'DELETE']) {
            await sql`CREATE TRIGGER ${sql.raw(`${t}_no_${op.toLowerCase()}`)} BEFORE ${sql.raw(op)} ON ${sql.table(t)}
              BEGIN SELECT RAISE(ABORT, ${sql.lit(`${t} is append-only`)}); END`.execute(db);
          }
        }
      } else {
        await sql`CREATE FUNCTION metasift_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
        for (const t of ['audit_log', 'decisions']) {
          await sql`CREATE TRIGGER ${sql.raw(`${t}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(t)}
            FOR EACH ROW EXECUTE FUNCTION metasift_append_only()`.execute(db);
        }
      }
    },
  };
}
