/**
 * Relevance order for title/abstract screening (the review's `order: "relevance"` setting): the core's
 * default screening model (stemmed TF-IDF with mean word vectors + balanced linear SVM and the
 * nearest-relevant term, as `metasift simulate` runs it) is fitted on the review's current decisions —
 * a record counts as relevant when any reviewer included it or said "maybe" — and scores every unique
 * record. The TF-IDF matrix is kept per review in memory and rebuilt only when the set of unique records
 * changes (in a worker thread for large reviews, see features.ts; two requests arriving while it is built
 * share the one build), with the classifier, so each refit starts from the last (after a rebuild too,
 * see `carryOver`); fitting and scoring take milliseconds. Work a fit on a new matrix does ahead (the
 * nearest-relevant similarities) runs in steps with pauses between. Until there is at least one relevant
 * and one irrelevant record, the seeded order stands.
 */
import { classifierFor, DEFAULT_SCREENING_CONFIG, type Classifier, type SparseMatrix } from '@metasift/core';
import { buildFeatures, screeningTexts } from './features.js';
import type { Store } from './open.js';
import { currentByRecord, type Current } from './outcomes.js';

export interface Features {
  key: string;
  ids: number[];
  row: Map<number, number>;
  X: SparseMatrix;
  /** Kept with the matrix so that each refit starts from the last one (warm start). */
  classifier: Classifier;
}

const cache = new Map<string, Features>();
/** Builds in progress, by review and record-set key: concurrent requests wait for the same one. */
const building = new Map<string, Promise<Features>>();

/** What is recorded with each decision made under relevance order: the model's configuration, with its version. */
export const RANKING_MODEL = JSON.stringify(DEFAULT_SCREENING_CONFIG);

async function features(store: Store, reviewId: number): Promise<Features> {
  const stat = await store.db
    .selectFrom('records')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('m')])
    .where('review_id', '=', reviewId)
    .where('duplicate_of', 'is', null)
    .executeTakeFirstOrThrow();
  const key = `${Number(stat.n)}/${String(stat.m)}`;
  const cacheKey = `${store.kind}:${reviewId}`;
  const hit = cache.get(cacheKey);
  if (hit && hit.key === key) return hit;
  const pending = building.get(`${cacheKey}/${key}`);
  if (pending) return pending;
  const build = (async (): Promise<Features> => {
    const { ids, texts } = await screeningTexts(store, reviewId);
    const X = await buildFeatures(DEFAULT_SCREENING_CONFIG, texts);
    const built = { key, ids, row: new Map(ids.map((id, i) => [id, i])), X, classifier: classifierFor(DEFAULT_SCREENING_CONFIG) };
    carryOver(cache.get(cacheKey), built);
    return built;
  })();
  building.set(`${cacheKey}/${key}`, build);
  try {
    const built = await build;
    cache.set(cacheKey, built);
    return built;
  } finally {
    building.delete(`${cacheKey}/${key}`);
  }
}

/**
 * When the records change (an import, a merge), the matrix is rebuilt; the new classifier starts from
 * the last one's state, its rows renumbered by record id, so the first fit after the change is a warm
 * refit rather than one from nothing (same optimum, fewer passes).
 */
export function carryOver(previous: Features | undefined, next: Features): void {
  const state = previous?.classifier.warmState?.();
  if (!previous || !state?.size || !next.classifier.startFrom) return;
  const moved = new Map<number, number>();
  for (const [row, value] of state) {
    const to = next.row.get(previous.ids[row]!);
    if (to !== undefined) moved.set(to, value);
  }
  next.classifier.startFrom(next.X, moved);
}

/**
 * Relevance scores of the review's unique records from the current title/abstract decisions, or null
 * while the model cannot be fitted (no relevant or no irrelevant record yet).
 */
export async function relevanceScores(store: Store, reviewId: number): Promise<{ scores: Map<number, number>; current: Map<number, Current> } | null> {
  const f = await features(store, reviewId);
  const current = await currentByRecord(store, reviewId, 'title_abstract');
  const rows: number[] = [];
  const labels: number[] = [];
  for (const [recordId, c] of current) {
    const row = f.row.get(recordId);
    if (row === undefined || !c.byReviewer.size) continue;
    rows.push(row);
    labels.push([...c.byReviewer.values()].some((d) => d.verdict !== 'exclude') ? 1 : 0);
  }
  if (!labels.includes(1) || !labels.includes(0)) return null;
  await inSteps(f.classifier.prepare?.(f.X, rows, labels));
  const out = new Float64Array(f.ids.length);
  f.classifier.fitScore(f.X, rows, labels, out);
  return { scores: new Map(f.ids.map((id, i) => [id, out[i]!])), current };
}

/**
 * Runs work done ahead of a fit (on a new matrix: the similarities to every relevant record, one pass
 * each) a step at a time, letting other requests in between.
 */
async function inSteps(steps: Iterable<void> | undefined): Promise<void> {
  if (!steps) return;
  const it = steps[Symbol.iterator]();
  while (!it.next().done) await new Promise((resolve) => setImmediate(resolve));
}
