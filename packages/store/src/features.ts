/**
 * A review's feature matrix for relevance order (TF-IDF, with the word vectors' columns when the model uses them). Large reviews build it in a worker thread
 * (`../worker/features.mjs`, see worker.ts): at 20,000 records that takes
 * over a second of CPU, which on the main thread would stall every other reviewer's request. Small
 * reviews build it in place, where starting a worker would cost more than the work. The texts are read
 * in chunks, each a short query yielding to the event loop after it, with the title and abstract taken
 * out of the stored JSON by the database.
 */
import { featuresFor, needsWordVectors, type ScreeningConfig, type SparseMatrix } from '@metasift/core';
import { sql } from 'kysely';
import type { Store } from './open.js';
import { inWorkerOr, runWorker } from './worker.js';
import { loadWordVectors } from './word-vectors.js';

/** Reviews with at least this many unique records build their features in a worker thread. */
export const WORKER_MIN_RECORDS = 2_000;
const CHUNK = 2_000;

/** The unique records of a review in id order with their screening text (title and abstract). */
export async function screeningTexts(store: Store, reviewId: number, chunk = CHUNK): Promise<{ ids: number[]; texts: string[] }> {
  const text =
    store.kind === 'postgres'
      ? sql<string>`coalesce(fields::json ->> 'title', '') || ' ' || coalesce(fields::json ->> 'abstract', '')`
      : sql<string>`coalesce(json_extract(fields, '$.title'), '') || ' ' || coalesce(json_extract(fields, '$.abstract'), '')`;
  const ids: number[] = [];
  const texts: string[] = [];
  for (let after = 0; ; ) {
    const rows = await store.db.selectFrom('records').select(['id', text.as('text')]).where('review_id', '=', reviewId).where('duplicate_of', 'is', null).where('id', '>', after).orderBy('id').limit(chunk).execute();
    for (const r of rows) {
      ids.push(r.id);
      texts.push(r.text);
    }
    if (rows.length < chunk) return { ids, texts };
    after = rows.at(-1)!.id;
    // SQLite answers synchronously: let timers and other requests run between chunks
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Builds the matrix in a worker thread; rejects if the worker cannot run. */
export async function featuresInWorker(config: ScreeningConfig, texts: readonly string[]): Promise<SparseMatrix> {
  const answer = await runWorker<SparseMatrix>('features.mjs', { config, texts });
  if (!answer.ok) throw new Error(answer.message);
  return answer.value;
}

/**
 * The matrix for these texts: in a worker thread for large reviews (in place if the worker fails). The
 * word vectors, when the model uses them, are loaded where the matrix is built.
 */
export async function buildFeatures(config: ScreeningConfig, texts: readonly string[]): Promise<SparseMatrix> {
  const inPlace = async (): Promise<SparseMatrix> => featuresFor(config, texts, needsWordVectors(config) ? await loadWordVectors(config.embeddings) : undefined);
  return texts.length >= WORKER_MIN_RECORDS ? inWorkerOr('features.mjs', { config, texts }, inPlace) : inPlace();
}
