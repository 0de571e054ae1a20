/** A study founded on an included record that has no full-text report linked to a study (so its data can be extracted). */
import type { Kysely, Migration } from 'kysely';

export const studyRecord: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('studies').addColumn('record_id', 'integer', (c) => c.references('records.id')).execute();
    await db.schema.createIndex('extractions_by_study').on('extractions').columns(['review_id', 'study_id', 'id']).execute();
  },
};
