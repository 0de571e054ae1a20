/** An index for "my latest decision on this record": next-record and blinding look-ups become index seeks. */
import type { Kysely, Migration } from 'kysely';

export const screeningIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('decisions_reviewer').on('decisions').columns(['record_id', 'reviewer_id', 'stage', 'id']).execute();
    await db.schema.createIndex('members_user').on('members').columns(['user_id']).execute();
  },
};
