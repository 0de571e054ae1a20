/**
 * The core's deduplicate() over a review's stored records: in a worker thread (`../worker/dedup.mjs`)
 * for reviews of DEDUP_WORKER_MIN_RECORDS or more — 20,000 records take ~1 s of CPU, 100,000 ~4 s,
 * during which a server on the main thread would answer no one — and in place for smaller ones.
 */
import { deduplicate, type BibRecord, type DedupResult, type HumanDecision } from '@metasift/core';
import { inWorkerOr } from './worker.js';

/** Reviews with at least this many records are deduplicated in a worker thread. */
export const DEDUP_WORKER_MIN_RECORDS = 5_000;

/** A stored record as dedup reads it: id, the search run's database and the JSON fields. */
export interface DedupRow {
  readonly id: string;
  readonly database: string;
  readonly fields: string;
}

function inPlace(rows: readonly DedupRow[], decisions: readonly HumanDecision[]): DedupResult {
  const records: BibRecord[] = rows.map((r) => ({ ...(JSON.parse(r.fields) as BibRecord), id: r.id, database: r.database, raw: {} }));
  return deduplicate(records, { decisions });
}

/** deduplicate() over the rows; `worker` forces (true) or forbids (false) the worker thread. */
export async function dedupRows(rows: readonly DedupRow[], decisions: readonly HumanDecision[], options: { worker?: boolean } = {}): Promise<DedupResult> {
  const here = (): DedupResult => inPlace(rows, decisions);
  return (options.worker ?? rows.length >= DEDUP_WORKER_MIN_RECORDS) ? inWorkerOr('dedup.mjs', { rows, decisions }, here) : here();
}
