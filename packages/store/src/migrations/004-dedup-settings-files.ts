/**
 * Deduplication state, screening settings and full-text files:
 * - records.sort_key fixes a seeded pseudo-random screening order;
 * - records.duplicate_of points a duplicate at the record that stands for its cluster (null: screened);
 * - dedup_pairs holds the uncertain pairs the dedup left for a person, and their merge / keep-apart decisions;
 * - reviews.settings (JSON): reviewers per record, whether "maybe" counts as include, exclusion reasons,
 *   highlight terms;
 * - files: full-text bytes stored once by SHA-256; reports gain a retrieval status.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectKind } from '../dialect.js';

export function dedupSettingsFiles(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('records').addColumn('duplicate_of', 'integer', (c) => c.references('records.id')).execute();
      // the screening order: a fixed pseudo-random key per record, so both reviewers of a pair meet the same records early
      await db.schema.alterTable('records').addColumn('sort_key', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.createIndex('records_screening_order').on('records').columns(['review_id', 'duplicate_of', 'sort_key', 'id']).execute();
      await db.schema.alterTable('reviews').addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}')).execute();
      const pairs = db.schema.createTable('dedup_pairs');
      await (kind === 'postgres' ? pairs.addColumn('id', 'serial', (c) => c.primaryKey()) : pairs.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('record_a', 'integer', (c) => c.notNull().references('records.id'))
        .addColumn('record_b', 'integer', (c) => c.notNull().references('records.id'))
        .addColumn('score', 'real', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.check(sql`verdict in ('merge', 'keep-apart')`))
        .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
        .addColumn('decided_at', 'text')
        .addUniqueConstraint('dedup_pairs_unique', ['review_id', 'record_a', 'record_b'])
        .execute();
      await db.schema
        .createTable('files')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('bytes', kind === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('reports').addColumn('retrieval', 'text', (c) => c.notNull().defaultTo('retrieved').check(sql`retrieval in ('retrieved', 'not_retrieved')`)).execute();
      await db.schema.alterTable('reports').addColumn('added_at', 'text', (c) => c.notNull().defaultTo('')).execute();
    },
  };
}
