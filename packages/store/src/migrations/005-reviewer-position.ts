/** An index for "my latest decision at this stage": where a reviewer's next record is searched from. */
import type { Kysely, Migration } from 'kysely';

export const reviewerPosition: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('decisions_by_reviewer').on('decisions').columns(['review_id', 'stage', 'reviewer_id', 'id']).execute();
  },
};
