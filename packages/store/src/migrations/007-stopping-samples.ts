/** The random sample of the stopping rule: when it began (after which decision) and how many unique records were still unscreened then. */
import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect.js';

export function stoppingSamples(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const t = db.schema.createTable('stopping_samples');
      await (kind === 'postgres' ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('started_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('after_decision_id', 'integer', (c) => c.notNull())
        .addColumn('relevant_before', 'integer', (c) => c.notNull())
        .addColumn('pool_size', 'integer', (c) => c.notNull())
        .addColumn('recall_target', 'real', (c) => c.notNull())
        .addColumn('confidence', 'real', (c) => c.notNull())
        .execute();
    },
  };
}
