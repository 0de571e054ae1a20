/**
 * The one contract every screening classifier meets, and what they share: class balancing and scoring.
 * A classifier fits on the labelled rows of a TF-IDF matrix and writes a score for every row (higher =
 * more likely relevant); the query strategy then picks from the unlabelled ones.
 */
import type { SparseMatrix } from '../tfidf.js';

export interface Classifier {
  readonly name: string;
  /** Fits on `rows` with `labels` (1 relevant, 0 not) and writes a score for every row of X into `out`. */
  fitScore(X: SparseMatrix, rows: readonly number[], labels: readonly number[], out: Float64Array): void;
}

/** Weight of each relevant record relative to an irrelevant one: √(n_irrelevant / n_relevant), at least 1. */
export function relevantWeight(labels: readonly number[]): number {
  const pos = labels.reduce((s, l) => s + l, 0);
  const neg = labels.length - pos;
  return pos > 0 ? Math.max(1, Math.sqrt(neg / pos)) : 1;
}

/**
 * The expected share of relevant records in a training set drawn by ASReview's double balance strategy
 * with its defaults (a = 2.155, alpha = 0.94, b = 0.789, beta = 1): relevant weight a·(n₁/n)^(−alpha),
 * irrelevant weight 1 − (1 − b)·(1 + ln n)^(−beta).
 */
export function doubleBalanceShare(labels: readonly number[]): number {
  const n = labels.length;
  const n1 = labels.reduce((s, l) => s + l, 0);
  const n0 = n - n1;
  if (n1 === 0 || n0 === 0) return n1 === 0 ? 0 : 1;
  const w1 = 2.155 * (n1 / n) ** -0.94;
  const w0 = 1 - (1 - 0.789) * (1 + Math.log(n)) ** -1;
  return (w1 * n1) / (w1 * n1 + w0 * n0);
}

/** out[i] = bias + coef · X[i] for every row. */
export function scoreRows(X: SparseMatrix, coef: Float64Array, bias: number, out: Float64Array): void {
  for (let i = 0; i < X.rows; i++) {
    let s = bias;
    for (let p = X.rowStart[i]!; p < X.rowStart[i + 1]!; p++) s += coef[X.indices[p]!]! * X.values[p]!;
    out[i] = s;
  }
}
