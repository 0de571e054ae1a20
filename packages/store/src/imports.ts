/**
 * Importing one database export as a search run (from a database, a trial register or another method,
 * as the PRISMA 2020 diagram sorts them): the run and all its records are written in one
 * transaction, so a failure (bad file, crash, constraint) leaves the review exactly as it was.
 */
import { createHash } from 'node:crypto';
import { inferSearchSource, SEARCH_SOURCES, type ImportIssue, type SearchSource } from '@metasift/core';
import { audit, now } from './audit.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import { parseExport } from './parse.js';
import { requireRole } from './reviews.js';

/** FNV-1a of a record's place, folded to 31 bits: a deterministic pseudo-random screening order. */
export function sortKey(place: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < place.length; i++) h = Math.imul(h ^ place.charCodeAt(i), 0x01000193);
  // finish with a murmur-style mix so neighbouring positions scatter
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) & 0x7fffffff;
}

export interface SearchRunInput {
  database: string;
  platform: string;
  /** A database, a trial register or another method (PRISMA 2020's columns); inferred from the name when absent. */
  source?: string;
  /** The date the search was run, YYYY-MM-DD. */
  searchedOn: string;
  strategy: string;
  fileName: string;
  text: string;
  format?: string;
}

export interface ImportOutcome {
  searchRunId: number;
  records: number;
  issues: ImportIssue[];
}

/** Progress of an import: records written so far of the file's total. */
export type ImportProgress = (written: number, total: number) => void;

export async function importSearchRun(store: Store, actorId: number, reviewId: number, input: SearchRunInput, onProgress?: ImportProgress): Promise<ImportOutcome> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.searchedOn) || Number.isNaN(Date.parse(input.searchedOn))) {
    throw new StoreError('INVALID', `searchedOn: "${input.searchedOn}" is not a date (YYYY-MM-DD)`);
  }
  if (!input.database.trim()) throw new StoreError('INVALID', 'database: required (e.g. MEDLINE, Embase, CENTRAL)');
  const source = input.source || inferSearchSource(input.database);
  if (!SEARCH_SOURCES.includes(source as SearchSource)) throw new StoreError('INVALID', `source: "${source}" is not one of ${SEARCH_SOURCES.join(', ')}`);
  let parsed;
  try {
    parsed = await parseExport(input.text, { database: input.database, ...(input.format ? { format: input.format } : {}) });
  } catch (e) {
    throw new StoreError('INVALID', `${input.fileName}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const sha = createHash('sha256').update(input.text).digest('hex');
  return store.tx(async (trx) => {
    const { id } = await trx
      .insertInto('search_runs')
      .values({
        review_id: reviewId,
        database: input.database,
        platform: input.platform,
        source,
        searched_on: input.searchedOn,
        strategy: input.strategy,
        file_name: input.fileName,
        file_sha256: sha,
        format: parsed.format,
        record_count: parsed.records.length,
        imported_at: now(),
        imported_by: actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = parsed.records.map((r, position) => {
      const { raw, ...fields } = r;
      return { review_id: reviewId, search_run_id: id, position, raw: JSON.stringify(raw), fields: JSON.stringify(fields), title: r.title, year: r.year, doi: r.doi, sort_key: sortKey(`${reviewId}/${id}/${position}`) };
    });
    // SQLite allows at most 32766 bound parameters in one statement; 9 columns a row
    onProgress?.(0, rows.length);
    for (let i = 0; i < rows.length; i += 500) {
      await trx.insertInto('records').values(rows.slice(i, i + 500)).execute();
      onProgress?.(Math.min(i + 500, rows.length), rows.length);
    }
    await audit(trx, {
      reviewId,
      actorId,
      entity: 'search_run',
      entityId: id,
      action: 'import',
      after: { database: input.database, platform: input.platform, source, searched_on: input.searchedOn, file_name: input.fileName, file_sha256: sha, format: parsed.format, records: rows.length, issues: parsed.issues.length },
    });
    return { searchRunId: id, records: rows.length, issues: parsed.issues };
  });
}
