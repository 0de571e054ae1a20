/** Brings a database to the current schema with Kysely's migrator. */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectKind } from './dialect.js';
import { reviewModel } from './migrations/001-review-model.js';
import { sessions } from './migrations/002-sessions.js';
import { screeningIndex } from './migrations/003-screening-index.js';
import { dedupSettingsFiles } from './migrations/004-dedup-settings-files.js';
import { reviewerPosition } from './migrations/005-reviewer-position.js';
import { decisionRanking } from './migrations/006-decision-ranking.js';
import { stoppingSamples } from './migrations/007-stopping-samples.js';
import { studyRecord } from './migrations/008-study-record.js';
import { searchSource } from './migrations/009-search-source.js';

function migrations(kind: DialectKind): Record<string, Migration> {
  return { '001-review-model': reviewModel(kind), '002-sessions': sessions, '003-screening-index': screeningIndex, '004-dedup-settings-files': dedupSettingsFiles(kind), '005-reviewer-position': reviewerPosition, '006-decision-ranking': decisionRanking, '007-stopping-samples': stoppingSamples(kind), '008-study-record': studyRecord, '009-search-source': searchSource };
}

export async function migrateToLatest<DB>(db: Kysely<DB>, kind: DialectKind): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations(kind)) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
