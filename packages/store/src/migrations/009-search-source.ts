/** Each search run's source as PRISMA 2020 sorts them: a database, a trial register or another method; earlier runs were database searches. */
import type { Kysely, Migration } from 'kysely';

export const searchSource: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('search_runs').addColumn('source', 'text', (c) => c.notNull().defaultTo('database')).execute();
  },
};
