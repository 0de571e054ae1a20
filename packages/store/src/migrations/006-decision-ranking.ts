/** Each decision records the order the record was served in: the seeded order, or the relevance model's configuration and version. */
import type { Kysely, Migration } from 'kysely';

export const decisionRanking: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('decisions').addColumn('ranking', 'text', (c) => c.notNull().defaultTo('')).execute();
  },
};
